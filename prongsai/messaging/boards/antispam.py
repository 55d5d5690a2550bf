"""Defences of the public forms against bots: honeypot, form age, one report per post.

The rate limit of posts and reports is prongsai.ratelimits, as for every public form.

No login is asked of citizens, so these stand in for it. Nothing here stores
personal data: the client's address is kept only as a keyed hash, in the
cache, for a day.
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from prongsai import ratelimits
from prongsai.orgs.models import Organization

# The field bots fill in and people never see (hidden by CSS, not by type="hidden").
HONEYPOT_FIELD = "website"
# When the form was shown, signed, so a bot cannot claim it waited.
STARTED_FIELD = "started"
_SALT = "prongsai.boards.form-started"


def min_form_seconds() -> float:
    """People read and type; a form sent sooner than this after it was shown is a bot's."""
    return getattr(settings, "BOARDS_MIN_FORM_SECONDS", 3)


def max_form_age_seconds() -> int:
    return getattr(settings, "BOARDS_MAX_FORM_AGE_SECONDS", 24 * 60 * 60)


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


def first_time(*, request: HttpRequest, org: Organization, what: str) -> bool:
    """True the first time this client does `what` (within a day), e.g. reports one post."""
    key = f"boards:once:{what}:{org.pk}:{ratelimits.client_hash(request)}"
    return cache.add(key, 1, timeout=24 * 60 * 60)
