"""E-service requests and bookings of resources."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from prongsai.eservices import selectors
from prongsai.eservices.models import Booking, Resource, Service
from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case
from prongsai.orgs import audit
from prongsai.thai import format_date_range


def _overlap_error(resource: Resource, start: date, end: date) -> ValidationError | None:
    clash = selectors.approved_overlapping(resource=resource, start=start, end=end).first()
    if clash is None:
        return None
    return ValidationError(
        _("%(resource)s ถูกจองแล้วในช่วง %(period)s กรุณาเลือกวันอื่น"),
        params={
            "resource": resource.name,
            "period": format_date_range(clash.start_date, clash.end_date, thai_digits=False),
        },
        code="overlap",
    )


@transaction.atomic
def submit_request(
    *,
    service: Service,
    subject: str,
    form_data: dict[str, Any],
    start_date: date | None = None,
    end_date: date | None = None,
    **case_fields,
) -> Case:
    """File an e-service request; for a bookable service, also the booking it asks for.

    A period that clashes with an approved booking is refused at once, so the
    citizen can pick other days while still on the form.
    """
    resource = service.resource
    if resource is not None:
        if start_date is None or end_date is None:
            raise ValidationError({"start_date": _("กรุณาเลือกช่วงวันที่ต้องการใช้")})
        if end_date < start_date:
            raise ValidationError({"end_date": _("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม")})
        if error := _overlap_error(resource, start_date, end_date):
            raise ValidationError({"start_date": error})
    case = inbox.submit_case(
        org=service.org,
        service=service,
        channel=Case.Channel.ESERVICE,
        subject=subject,
        form_data=form_data,
        **case_fields,
    )
    if resource is not None and not hasattr(case, "booking"):
        Booking.objects.create(
            org=service.org,
            resource=resource,
            case=case,
            start_date=start_date,
            end_date=end_date,
        )
    return case


@transaction.atomic
def decide_booking(*, booking: Booking, approve: bool, actor, reason: str = "", request=None):
    """Approve or refuse a requested booking; two approvals can never overlap."""
    # Lock the resource: approvals of the same resource happen one at a time.
    Resource.objects.select_for_update().get(pk=booking.resource_id)
    booking.refresh_from_db()
    if booking.status != Booking.Status.REQUESTED:
        raise ValidationError(_("การจองนี้ได้รับการพิจารณาแล้ว"))
    if approve:
        if error := _overlap_error(booking.resource, booking.start_date, booking.end_date):
            raise error
        booking.status = Booking.Status.APPROVED
        text = _("อนุมัติการจอง %(resource)s ช่วง %(period)s") % {
            "resource": booking.resource.name,
            "period": format_date_range(booking.start_date, booking.end_date, thai_digits=False),
        }
        if reason.strip():
            text = f"{text}\n{reason.strip()}"
        inbox.close_case(
            case=booking.case,
            status=Case.Status.RESOLVED,
            resolution=text,
            actor=actor,
            request=request,
        )
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ไม่อนุมัติ")})
        booking.status = Booking.Status.REFUSED
        inbox.close_case(
            case=booking.case,
            status=Case.Status.REJECTED,
            resolution=reason,
            actor=actor,
            request=request,
        )
    booking.save(update_fields=["status"])
    audit.record(
        action="booking_approved" if approve else "booking_refused",
        request=request,
        actor=actor,
        target=booking,
    )
    return booking


@transaction.atomic
def save_service(
    *, service: Service, form_fields: list, manual_steps: list, actor, request=None
) -> Service:
    """Create or change a catalog entry, questions and manual included."""
    service.form_fields = form_fields
    service.manual_steps = manual_steps
    service.full_clean()
    created = service.pk is None
    service.save()
    audit.record(
        action="service_created" if created else "service_changed",
        request=request,
        actor=actor,
        target=service,
    )
    return service


@transaction.atomic
def save_resource(*, resource: Resource, actor, request=None) -> Resource:
    resource.full_clean()
    created = resource.pk is None
    resource.save()
    audit.record(
        action="resource_created" if created else "resource_changed",
        request=request,
        actor=actor,
        target=resource,
    )
    return resource
