"""Who is on the other end of a request, as far as can be trusted."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address, past the PROXY_COUNT proxies of our own in front.

    None when the request has none (a request made in code, not by a client).

    Only the entries our proxies appended to X-Forwarded-For are believed:
    what a client writes there itself is not, or it could pick a new address
    for every request (and escape lockouts and rate limits).
    """
    if settings.PROXY_COUNT:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= settings.PROXY_COUNT and _is_address(hops[-settings.PROXY_COUNT]):
            return hops[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR") or None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
