"""Orgs served at the root of their own host name, besides their `/<slug>/` prefix.

A request to an org's own domain (e.g. www.prtong.go.th) is resolved with
`domain_urls`, whose org pages have no slug segment: `OwnHostConverter` matches
the empty string and stands for the host's org. Links reversed during that
request therefore stay on that host, and `absolute_url` builds addresses on it;
everywhere else (the instance's own host, tasks, commands) they use SITE_URL.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from prongsai.orgs.models import Organization

DOMAIN_URLCONF = "prongsai.orgs.domain_urls"
_DOMAINS_KEY = "orgs:domains"

# Set for the length of a request that came in on an org's own host name.
_host_slug: ContextVar[str | None] = ContextVar("host_slug", default=None)
_host_base: ContextVar[str | None] = ContextVar("host_base", default=None)


def domains() -> dict[str, str]:
    """{domain: slug} of the orgs that have a domain; cached, as every request asks."""
    mapping = cache.get(_DOMAINS_KEY)
    return load_domains() if mapping is None else mapping


def load_domains() -> dict[str, str]:
    """Read the map anew; called when an org is saved, so that requests rarely have to."""
    # Inactive orgs too: their host answers 404 rather than showing the instance's pages.
    mapping = dict(Organization.objects.filter(domain__isnull=False).values_list("domain", "slug"))
    # Without a shared cache each process holds its own copy: the timeout bounds how
    # long another process serves an org's old domain.
    cache.set(_DOMAINS_KEY, mapping, timeout=300)
    return mapping


def slug_for_host(host: str) -> str | None:
    """The slug of the org whose own domain `host` (as Request.get_host() gives it) is."""
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return domains().get(name.lower().rstrip("."))


def enter(slug: str, base: str) -> tuple:
    """Mark the current request as served on the own host of org `slug` at `base`."""
    return _host_slug.set(slug), _host_base.set(base)


def leave(tokens: tuple) -> None:
    slug_token, base_token = tokens
    _host_slug.reset(slug_token)
    _host_base.reset(base_token)


def host_slug() -> str | None:
    return _host_slug.get()


def absolute_url(path: str) -> str:
    """`path` (as reverse() gave it) as an address people can open from a message or a QR code."""
    return f"{_host_base.get() or settings.SITE_URL}{path}"


def instance_url(name: str, *args) -> str:
    """A page of the instance's own host; from an org's own domain, a full address there."""
    path = reverse(name, args=args, urlconf=settings.ROOT_URLCONF)
    return path if _host_slug.get() is None else f"{settings.SITE_URL}{path}"


def org_url(name: str, slug: str, *args) -> str:
    """A page of org `slug`, from whichever host the current request came in on."""
    if _host_slug.get() in (None, slug):
        return reverse(name, args=[slug, *args])
    return instance_url(name, slug, *args)


class OwnHostConverter:
    """`<ownhost:org_slug>`: nothing in the path, the org of the request's host name."""

    regex = ""

    def to_python(self, value: str) -> str:
        return _host_slug.get() or ""

    def to_url(self, value: str) -> str:
        if value != _host_slug.get():
            # Another org's page lives on the instance's host: reverse it with instance_url.
            raise ValueError(value)
        return ""
