"""Rate limits on what anyone may send without signing in, and on signing in.

Each use is counted per bucket (complaints, survey answers, …), per org and per
client in fixed windows in the shared cache: with Redis the same count holds on
every app server. The client is its address as a keyed hash, kept only for the
window: enough to count, useless to identify. Limits come from
settings.RATE_LIMITS, as (uses, seconds) per bucket.
"""

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.clients import client_address
from prongsai.orgs.models import Organization

TOO_MANY_REQUESTS = 429


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    # Seconds until the window ends and the count starts again.
    retry_after: int

    def __bool__(self) -> bool:
        return self.allowed


def limit(bucket: str) -> tuple[int, int]:
    """(uses, seconds) of a bucket; RATE_LIMIT_FACTOR multiplies the uses (benchmarks)."""
    uses, seconds = settings.RATE_LIMITS[bucket]
    return uses * settings.RATE_LIMIT_FACTOR, seconds


def client_hash(request: HttpRequest) -> str:
    """The client's address as a keyed hash: enough to count, useless to identify."""
    address = client_address(request) or "unknown"
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def _window(bucket: str, org: Organization | None, client: str) -> tuple[str, int, int]:
    """The cache key of the current window, the limit, and the seconds left in the window."""
    uses, seconds = limit(bucket)
    now = time.time()
    index = int(now // seconds)
    left = max(1, math.ceil((index + 1) * seconds - now))
    org_part = org.pk if org is not None else "-"
    return f"rate:{bucket}:{org_part}:{client}:{index}", uses, left


def hit(
    *,
    bucket: str,
    org: Organization | None,
    request: HttpRequest | None = None,
    client: str | None = None,
) -> Verdict:
    """Count one use by this client (its address, or `client` such as an API key).

    Not allowed once the uses in the window pass the bucket's limit; the refused
    uses are counted too, so a flood does not get through at the window's edge.
    """
    key, uses, left = _window(bucket, org, client or client_hash(request))
    cache.add(key, 0, timeout=left + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=left + 1)
        count = 1
    return Verdict(count <= uses, left)


def peek(
    *,
    bucket: str,
    org: Organization | None,
    request: HttpRequest | None = None,
    client: str | None = None,
) -> Verdict:
    """Whether one more use would be allowed, without counting it."""
    key, uses, left = _window(bucket, org, client or client_hash(request))
    return Verdict(cache.get(key, 0) < uses, left)


def minutes_left(verdict: Verdict) -> int:
    return max(1, math.ceil(verdict.retry_after / 60))


def message(verdict: Verdict) -> str:
    return _("ส่งบ่อยเกินกำหนด ระบบยังไม่ได้บันทึกข้อมูลนี้ กรุณารอประมาณ %(minutes)s นาทีแล้วส่งอีกครั้ง") % {
        "minutes": minutes_left(verdict)
    }


def limit_form(request: HttpRequest, form: Form, bucket: str) -> Verdict | None:
    """Count a valid form sent to the request's org: the refusal, said on the form, or None."""
    verdict = hit(request=request, org=request.org, bucket=bucket)
    if verdict:
        return None
    form.add_error(None, message(verdict))
    return verdict


def refused(response: HttpResponse, refusal: Verdict | None) -> HttpResponse:
    """The answer, marked 429 with when to try again if the rate refused the request."""
    if refusal is not None:
        response.status_code = TOO_MANY_REQUESTS
        response["Retry-After"] = str(refusal.retry_after)
    return response
