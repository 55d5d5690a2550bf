"""Defences of the public forms against bots: honeypot, form age, rate limit.

No login is asked of citizens, so these stand in for it. Nothing here stores
personal data: the client's address is kept only as a keyed hash, in the
cache, for the length of the rate-limit window.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from prongsai.orgs.clients import client_address
from prongsai.orgs.models import Organization

# The field bots fill in and people never see (hidden by CSS, not by type="hidden").
HONEYPOT_FIELD = "website"
# When the form was shown, signed, so a bot cannot claim it waited.
STARTED_FIELD = "started"
_SALT = "prongsai.boards.form-started"

WINDOW_SECONDS = 10 * 60


def min_form_seconds() -> float:
    """People read and type; a form sent sooner than this after it was shown is a bot's."""
    return getattr(settings, "BOARDS_MIN_FORM_SECONDS", 3)


def max_form_age_seconds() -> int:
    return getattr(settings, "BOARDS_MAX_FORM_AGE_SECONDS", 24 * 60 * 60)


def posts_per_window() -> int:
    return getattr(settings, "BOARDS_POSTS_PER_10_MINUTES", 5)


def reports_per_window() -> int:
    return getattr(settings, "BOARDS_REPORTS_PER_10_MINUTES", 10)


def issue_started(at: float | None = None) -> str:
    """A signed stamp of the moment the form is shown."""
    return signing.dumps(int(at if at is not None else time.time()), salt=_SALT)


class FormTiming:
    OK = "ok"
    TOO_FAST = "too_fast"
    INVALID = "invalid"  # missing, forged or too old


def check_started(value: str | None, now: float | None = None) -> str:
    if not value:
        return FormTiming.INVALID
    try:
        started = signing.loads(value, salt=_SALT)
    except signing.BadSignature:
        return FormTiming.INVALID
    if not isinstance(started, int):
        return FormTiming.INVALID
    age = (now if now is not None else time.time()) - started
    if age < min_form_seconds():
        return FormTiming.TOO_FAST
    if age > max_form_age_seconds():
        return FormTiming.INVALID
    return FormTiming.OK


def is_honeypot_filled(data) -> bool:
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


def client_hash(request: HttpRequest) -> str:
    """The client's address as a keyed hash: enough to count, useless to identify."""
    address = client_address(request) or "unknown"
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def _key(bucket: str, org: Organization, client: str) -> str:
    return f"boards:rate:{bucket}:{org.pk}:{client}"


def allow(
    *,
    request: HttpRequest,
    org: Organization,
    bucket: str,
    limit: int,
    window: int = WINDOW_SECONDS,
) -> bool:
    """Count one use of `bucket` by this client; False once it passes `limit` in the window.

    A fixed window in the shared cache: the same count holds on every app server
    when the cache is Redis.
    """
    key = _key(bucket, org, client_hash(request))
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def first_time(*, request: HttpRequest, org: Organization, what: str) -> bool:
    """True the first time this client does `what` (within a day), e.g. reports one post."""
    key = _key(f"once:{what}", org, client_hash(request))
    return cache.add(key, 1, timeout=24 * 60 * 60)
