"""Reads of the service catalog and of bookings, each taking the org explicitly."""

from datetime import date, datetime

from django.db.models import Count, Q, QuerySet

from prongsai.eservices.models import Booking, Resource, Service
from prongsai.orgs.models import Organization


def active_services(*, org: Organization, kinds: tuple[str, ...] = ()) -> QuerySet[Service]:
    services = Service.objects.for_org(org).filter(is_active=True).select_related("division")
    return services.filter(kind__in=kinds) if kinds else services


def popular_services(*, org: Organization, since: datetime, limit: int) -> list[Service]:
    """The e-services and requests filed most since `since`, then in the staff's order."""
    services = active_services(org=org, kinds=(Service.Kind.ESERVICE, Service.Kind.REQUEST))
    return list(
        services.annotate(uses=Count("case", filter=Q(case__received_at__gte=since))).order_by(
            "-uses", "order", "name"
        )[:limit]
    )


def corruption_service(*, org: Organization) -> Service | None:
    """The catalog entry that files corruption complaints, if the org offers one."""
    return (
        active_services(org=org, kinds=(Service.Kind.CORRUPTION,)).order_by("order", "pk").first()
    )


def get_service(*, org: Organization, code: str) -> Service | None:
    return active_services(org=org).select_related("resource").filter(code=code).first()


def approved_overlapping(*, resource: Resource, start: date, end: date) -> QuerySet[Booking]:
    """Approved bookings of `resource` sharing at least one day with start..end."""
    return Booking.objects.filter(
        resource=resource,
        status=Booking.Status.APPROVED,
        start_date__lte=end,
        end_date__gte=start,
    ).order_by("start_date")


def upcoming_bookings(*, resource: Resource, today: date) -> QuerySet[Booking]:
    """Approved bookings from today on, so citizens can see which days are taken."""
    return Booking.objects.filter(
        resource=resource, status=Booking.Status.APPROVED, end_date__gte=today
    ).order_by("start_date")
