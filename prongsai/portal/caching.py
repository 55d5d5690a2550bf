"""Public pages kept in the cache for anonymous visitors.

A cached page is keyed by the org's *generation*: saving anything a public
page shows (see `signals`) starts a new generation, so visitors see a change
at once and the old entries age out. The timeout bounds what no signal
catches, such as a survey or the ITAS invitation opening on a date.
"""

import hashlib
import secrets
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse

TIMEOUT = 300


def _generation_key(org_id: int) -> str:
    return f"portal:generation:{org_id}"


def generation(org_id: int) -> str:
    key = _generation_key(org_id)
    current = cache.get(key)
    if current is None:
        cache.add(key, secrets.token_hex(4), timeout=None)
        current = cache.get(key)
    return current


def invalidate(org_id: int) -> None:
    cache.set(_generation_key(org_id), secrets.token_hex(4), timeout=None)


def _cacheable(request) -> bool:
    # Staff see their own links in the header; a pending message is for one visitor.
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))
    )


def _gives_cookie(request, response) -> bool:
    """Whether the answer carries a cookie, which makes it its visitor's alone.

    The CSRF and session cookies are set by middleware after the view returns,
    so the request tells: a `{% csrf_token %}` in the page marks it for the CSRF
    cookie, and a stored session value for the session cookie. Cached, a CSRF
    token would be another visitor's and their form would be refused.
    """
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(getattr(request, "session", None), "modified", False)
    )


def cached_public_page(view):
    """Serve the view's 200 answers to anonymous visitors from the cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        # The scheme too: a page's QR codes and share links are full addresses.
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
        key = (
            f"portal:page:{request.org.pk}:{generation(request.org.pk)}:"
            f"{request.LANGUAGE_CODE}:{address}"
        )
        if (hit := cache.get(key)) is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not _gives_cookie(request, response)
        ):
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper
