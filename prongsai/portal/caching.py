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


def cached_public_page(view):
    """Serve the view's 200 answers to anonymous visitors from the cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        address = hashlib.sha256(
            f"{request.get_host()}{request.get_full_path()}".encode()
        ).hexdigest()[:32]
        key = (
            f"portal:page:{request.org.pk}:{generation(request.org.pk)}:"
            f"{request.LANGUAGE_CODE}:{address}"
        )
        if (hit := cache.get(key)) is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        # A page that sets a cookie (a CSRF token, say) belongs to its visitor alone.
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper
