"""Secrets of the org's channels (LINE, Facebook), encrypted at rest.

The key comes from FIELD_ENCRYPTION_KEY, or is derived from SECRET_KEY; a
stolen database copy alone then gives no working channel secret or token.
Changing the key means entering the LINE credentials again.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    secret = settings.FIELD_ENCRYPTION_KEY or settings.SECRET_KEY
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(value: str) -> str:
    """The clear text, or "" when it was encrypted under another key."""
    if not value:
        return ""
    try:
        return _fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        return ""


class Encrypted:
    """A clear-text attribute of a model, kept encrypted in the field it names."""

    def __init__(self, field_name: str) -> None:
        self.field_name = field_name

    def __get__(self, instance, owner=None):
        return self if instance is None else decrypt(getattr(instance, self.field_name))

    def __set__(self, instance, value: str) -> None:
        setattr(instance, self.field_name, encrypt(value))
