"""Cases as Open311 service requests: what the public may read, and filing new ones."""

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Open311Key, Service
from prongsai.eservices.open311 import catalog
from prongsai.eservices.open311.formats import w3_datetime
from prongsai.inbox import services as inbox
from prongsai.inbox import tracking
from prongsai.inbox.models import Case
from prongsai.orgs import audit
from prongsai.orgs.models import Organization

MAX_RESULTS = 1000
MAX_DESCRIPTION = 4000  # the spec's limit
STATUSES = {"open": Case.OPEN_STATUSES, "closed": Case.CLOSED_STATUSES}


def public_requests(*, org: Organization) -> QuerySet[Case]:
    """The cases anyone may see through Open311.

    Corruption complaints are never shown, not even that they exist, and the
    staff's own channel is internal. A case without a service has no
    service_code, so it is no Open311 request.
    """
    return (
        Case.objects.for_org(org)
        .filter(service__isnull=False)
        .exclude(kind=Case.Kind.CORRUPTION)
        .exclude(channel=Case.Channel.STAFF)
        .select_related("service", "division")
    )


def requests_by_id(*, org: Organization, codes: Sequence[str]) -> list[Case]:
    codes = [tracking.normalize(code) for code in codes[:MAX_RESULTS]]
    return list(public_requests(org=org).filter(tracking_code__in=codes)[:MAX_RESULTS])


def find_requests(
    *,
    org: Organization,
    service_codes: Sequence[str] = (),
    statuses: Sequence[str] = (),
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Case]:
    """GET requests by service, status and time received; newest first, at most 1000."""
    cases = public_requests(org=org)
    if service_codes:
        cases = cases.filter(service__code__in=service_codes)
    if statuses:
        cases = cases.filter(status__in=[s for name in statuses for s in STATUSES[name]])
    if start is not None:
        cases = cases.filter(received_at__gte=start)
    if end is not None:
        cases = cases.filter(received_at__lte=end)
    return list(cases.order_by("-received_at", "-id")[:MAX_RESULTS])


def get_request(*, org: Organization, code: str) -> Case | None:
    return public_requests(org=org).with_code(code).first()


def request_entry(case: Case) -> dict[str, Any]:
    """One service request as the public sees it: never who reported it.

    Only a complaint is about a public place. Every other kind is one person's
    business with the org (a petition, an e-service such as an allowance), whose
    place, words and result would tell who they are and what they asked for; of
    those only the progress is shown.
    """
    public = case.kind == Case.Kind.COMPLAINT
    closed = not case.is_open
    address = case.address
    if case.village_no:
        village = _("หมู่ที่ %(n)s") % {"n": case.village_no}
        address = f"{address} {village}" if address else str(village)
    return {
        "service_request_id": case.tracking_code,
        "status": "closed" if closed else "open",
        "status_notes": (case.resolution or None) if closed and public else None,
        "service_name": case.service.name,
        "service_code": case.service.code,
        "description": (case.text or None) if public else None,
        "agency_responsible": case.division.name if case.division else None,
        "service_notice": None,
        "requested_datetime": w3_datetime(case.received_at),
        # The spec: for a closed request, the time it was closed.
        "updated_datetime": w3_datetime((case.closed_at if closed else None) or case.updated_at),
        "expected_datetime": w3_datetime(case.due_at),
        "address": (address or None) if public else None,
        "address_id": None,
        "zipcode": None,
        "lat": float(case.latitude) if public and case.latitude is not None else None,
        "long": float(case.longitude) if public and case.longitude is not None else None,
        "media_url": None,
    }


@transaction.atomic
def file_request(
    *,
    org: Organization,
    key: Open311Key,
    service: Service,
    description: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    address: str = "",
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    phone: str = "",
    attributes: dict[str, str] | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """POST requests: file a case from an Open311 client, all checks before any write.

    The client asserts the reporter's consent to the use of the contact data it
    sends; without contact data there is nothing to consent to.
    """
    description = description.strip()
    name = f"{first_name.strip()} {last_name.strip()}".strip()
    errors: list[ValidationError] = []
    if latitude is None and longitude is None and not address.strip():
        errors.append(ValidationError(_("กรุณาระบุตำแหน่ง: lat และ long หรือ address_string")))
    if len(description) > MAX_DESCRIPTION:
        errors.append(
            ValidationError(_("description ยาวเกิน %(n)s ตัวอักษร"), params={"n": MAX_DESCRIPTION})
        )
    if len(address.strip()) > 300:
        errors.append(ValidationError(_("address_string ยาวเกิน 300 ตัวอักษร")))
    if len(name) > 200:
        errors.append(ValidationError(_("ชื่อผู้แจ้งยาวเกิน 200 ตัวอักษร")))
    if len(phone.strip()) > 30:
        errors.append(ValidationError(_("หมายเลขโทรศัพท์ยาวเกิน 30 ตัวอักษร")))
    if email.strip():
        try:
            validate_email(email.strip())
        except ValidationError:
            errors.append(ValidationError(_("อีเมลไม่ถูกต้อง")))
    try:
        answers = catalog.clean_attributes(service, attributes or {})
    except ValidationError as error:
        errors.append(error)
    if errors:
        raise ValidationError(errors)

    has_contact = bool(name or email.strip() or phone.strip())
    case = inbox.submit_case(
        org=org,
        service=service,
        channel=Case.Channel.WEB,
        subject=_subject(description, service),
        text=description,
        latitude=latitude,
        longitude=longitude,
        address=address,
        reporter_name=name,
        reporter_email=email,
        reporter_phone=phone,
        consent=has_contact,
        form_data={"source": "open311", "attributes": answers},
    )
    # Which key filed what: the evidence for revoking a key that is abused.
    audit.record(
        action="open311_request_filed",
        request=request,
        org=org,
        target=case,
        detail={"key": key.prefix, "key_name": key.name},
    )
    return case


def _subject(description: str, service: Service) -> str:
    first_line = description.splitlines()[0].strip() if description else ""
    if not first_line:
        return service.name
    return first_line if len(first_line) <= 200 else first_line[:199] + "…"
