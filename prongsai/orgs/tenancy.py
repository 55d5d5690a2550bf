"""Resolving the org of a request, and keeping every query inside it."""

import re
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Organization

M = TypeVar("M", bound=Model)
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def _cache_key(slug: str) -> str:
    return f"orgs:org:{slug}"


def get_org(slug: str) -> Organization:
    """The active org with this slug, or 404.

    Every org page asks, so the org is kept in the cache; saving it refreshes
    the copy and deleting it drops the copy (see `signals`).
    """
    if not _SLUG.fullmatch(slug):
        # Not a slug we could have issued: no cache key nor query (PostgreSQL refuses a NUL).
        raise Http404(_("ไม่พบหน่วยงานนี้"))
    org = cache.get(_cache_key(slug))
    if org is not None and org.slug == slug:
        return org
    try:
        org = Organization.objects.get(slug=slug, is_active=True)
    except Organization.DoesNotExist:
        raise Http404(_("ไม่พบหน่วยงานนี้")) from None
    remember_org(org)
    return org


def remember_org(org: Organization) -> None:
    if org.is_active:
        cache.set(_cache_key(org.slug), org, timeout=300)
    else:
        forget_org(org.slug)


def forget_org(slug: str) -> None:
    cache.delete(_cache_key(slug))


def get_for_org(queryset: QuerySet[M], org: Organization, **lookups) -> M:
    """One object of the org, or 404: another org's object is as good as absent."""
    try:
        return queryset.filter(org=org).get(**lookups)
    except queryset.model.DoesNotExist:
        raise Http404(_("ไม่พบข้อมูลนี้ในหน่วยงาน")) from None
