"""Personal API tokens: issuing, revoking and recognising them."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from prongsai.orgs import audit
from prongsai.orgs.models import ApiToken

# Tells a leaked token apart in logs and secret scanners.
TOKEN_PREFIX = "psai_"
_SHOWN_CHARS = len(TOKEN_PREFIX) + 6
# Writing the time of use on every request would turn each API read into a
# write; to the minute is enough to tell a token in use from a forgotten one.
_LAST_USED_PRECISION = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_token(*, user, label: str, request: HttpRequest | None = None) -> tuple[ApiToken, str]:
    """Create a token for `user`; the clear token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(
        user=user, label=label.strip(), digest=digest(token), prefix=token[:_SHOWN_CHARS]
    )
    audit.record(action="api_token_created", request=request, actor=user, target=api_token)
    return api_token, token


@transaction.atomic
def revoke_token(*, api_token: ApiToken, request: HttpRequest | None = None) -> None:
    """Stop a token from working; the row stays, so the audit trail can name it."""
    if api_token.revoked_at is not None:
        return
    api_token.revoked_at = timezone.now()
    api_token.save(update_fields=["revoked_at"])
    audit.record(
        action="api_token_revoked", request=request, actor=api_token.user, target=api_token
    )


def authenticate(token: str) -> ApiToken | None:
    """The live token of an active user that `token` is, or None.

    The lookup is by digest, so comparing a guess costs the same however many
    characters of it are right.
    """
    if not token.startswith(TOKEN_PREFIX):
        return None
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if api_token is None:
        return None
    now = timezone.now()
    if api_token.last_used_at is None or now - api_token.last_used_at >= _LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        api_token.last_used_at = now
    return api_token
