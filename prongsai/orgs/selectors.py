"""Reads of org data, each taking the org explicitly."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from prongsai.orgs.models import AuditEvent, Division, ItasLink, Membership, Organization
from prongsai.thai import fiscal_year


def active_orgs() -> QuerySet[Organization]:
    return Organization.objects.filter(is_active=True)


def divisions(*, org: Organization) -> QuerySet[Division]:
    return Division.objects.for_org(org)


def members(*, org: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.for_org(org)
        .select_related("user", "division", "position")
        .order_by("-is_active", "division__order", "role", "user__username")
    )


def current_itas_link(*, org: Organization, today: date | None = None) -> ItasLink | None:
    """The ITAS links of the fiscal year that `today` falls in, if the org has set them."""
    year = fiscal_year(today or timezone.localdate())
    return ItasLink.objects.for_org(org).filter(fiscal_year=year).first()


def _org_events(org: Organization) -> QuerySet[AuditEvent]:
    """Events of the org, and sign-in events of its members (which belong to no org)."""
    member_ids = list(Membership.objects.for_org(org).values_list("user_id", flat=True))
    return AuditEvent.objects.filter(
        Q(org=org)
        | Q(org__isnull=True, actor_id__in=member_ids)
        | Q(org__isnull=True, target_type="auth.user", target_id__in=[str(i) for i in member_ids])
    )


def audit_events(*, org: Organization, action: str = "", actor: str = "") -> QuerySet[AuditEvent]:
    events = _org_events(org)
    if action:
        events = events.filter(action=action)
    if actor:
        events = events.filter(actor_name__icontains=actor)
    return events


def audit_actions(*, org: Organization) -> list[str]:
    return sorted(set(_org_events(org).values_list("action", flat=True)))
