"""Every change to a case goes through these functions: atomic, on the timeline, audited."""

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Service
from prongsai.inbox import notifications, tracking
from prongsai.inbox.attachments import EXTENSIONS, CleanFile, clean_upload
from prongsai.inbox.models import Attachment, Case, CaseEvent
from prongsai.orgs import audit
from prongsai.orgs.models import Division, Membership, Organization

Status = Case.Status
Event = CaseEvent.Kind

# Channels through which the reporter gives contact data in our own forms, where
# the PDPA consent is asked explicitly.
CONSENT_CHANNELS = {Case.Channel.WEB, Case.Channel.ESERVICE}


def clean_files(files: Iterable[UploadedFile]) -> list[CleanFile]:
    """Check every upload before anything is written, so a bad file saves nothing."""
    files = list(files)
    if len(files) > settings.ATTACHMENTS_PER_UPLOAD:
        raise ValidationError(
            _("แนบไฟล์ได้ไม่เกิน %(n)s ไฟล์"), params={"n": settings.ATTACHMENTS_PER_UPLOAD}
        )
    return [clean_upload(f) for f in files]


@transaction.atomic
def submit_case(
    *,
    org: Organization,
    channel: str,
    subject: str,
    kind: str | None = None,
    text: str = "",
    service: Service | None = None,
    received_at: datetime | None = None,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    consent: bool = False,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    address: str = "",
    village_no: int | None = None,
    form_data: dict[str, Any] | None = None,
    files: Iterable[UploadedFile] = (),
    division: Division | None = None,
    priority: int = Case.Priority.NORMAL,
    idempotency_key: str | None = None,
    actor=None,
) -> Case:
    """File a new case from any channel and return it.

    The kind, division and time limit come from the service when one is named.
    A repeated `idempotency_key` returns the case the first submission made.
    """
    if idempotency_key:
        existing = Case.objects.for_org(org).filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    kind = service.kind if service is not None else kind
    errors = _validate_submission(
        org=org,
        kind=kind,
        channel=channel,
        subject=subject,
        service=service,
        has_contact=bool(reporter_name or reporter_phone or reporter_email),
        consent=consent,
        latitude=latitude,
        longitude=longitude,
        village_no=village_no,
    )
    if errors:
        raise ValidationError(errors)
    cleaned_files = clean_files(files)

    received_at = received_at or timezone.now()
    days = service.time_limit_days if service else settings.CASE_DEFAULT_TIME_LIMIT_DAYS
    case = Case(
        org=org,
        kind=kind,
        channel=channel,
        service=service,
        subject=subject.strip(),
        text=text.strip(),
        form_data=form_data or {},
        latitude=latitude,
        longitude=longitude,
        address=address.strip(),
        village_no=village_no,
        division=division or (service.division if service else None),
        priority=priority,
        received_at=received_at,
        due_at=received_at + timedelta(days=days),
        reporter_name=reporter_name.strip(),
        reporter_phone=reporter_phone.strip(),
        reporter_email=reporter_email.strip(),
        consent_at=timezone.now() if consent else None,
        idempotency_key=idempotency_key or "",
    )
    try:
        with transaction.atomic():
            _save_with_new_code(case)
    except IntegrityError:
        # The same form submitted twice at once: the other request made the case.
        existing = Case.objects.for_org(org).filter(idempotency_key=idempotency_key).first()
        if idempotency_key and existing is not None:
            return existing
        raise
    event = CaseEvent.objects.create(
        case=case,
        kind=Event.CREATED,
        actor=actor,
        is_public=True,
        to_status=case.status,
        created_at=received_at,
        data={"channel": channel},
    )
    store_files(case, event, cleaned_files, uploaded_by=actor, is_public=False)
    if actor is not None:
        audit.record(action="case_created", actor=actor, org=org, target=case)
    return case


def _validate_submission(
    *, org, kind, channel, subject, service, has_contact, consent, latitude, longitude, village_no
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if kind not in Case.Kind.values:
        errors["kind"] = _("ไม่รู้จักประเภทเรื่องนี้")
    if channel not in Case.Channel.values:
        errors["channel"] = _("ไม่รู้จักช่องทางนี้")
    if not subject or not subject.strip():
        errors["subject"] = _("กรุณาระบุเรื่อง")
    elif len(subject.strip()) > 200:
        errors["subject"] = _("เรื่องยาวเกิน 200 ตัวอักษร")
    if service is not None and (service.org_id != org.pk or not service.is_active):
        errors["service"] = _("ไม่พบบริการนี้ในหน่วยงาน")
    if has_contact and channel in CONSENT_CHANNELS and not consent:
        errors["consent"] = _("กรุณายินยอมให้ใช้ข้อมูลติดต่อเพื่อแจ้งผลการดำเนินการ หรือเว้นข้อมูลติดต่อไว้")
    if (latitude is None) != (longitude is None):
        errors["latitude"] = _("ต้องระบุทั้งละติจูดและลองจิจูด")
    elif latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        errors["latitude"] = _("พิกัดไม่ถูกต้อง")
    if village_no is not None and not 1 <= village_no <= 99:
        errors["village_no"] = _("หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 99")
    return errors


def _save_with_new_code(case: Case) -> None:
    for _attempt in range(5):
        case.tracking_code = tracking.new_code()
        if not Case.objects.filter(tracking_code=case.tracking_code).exists():
            break
    case.save()


def store_files(
    case: Case,
    event: CaseEvent,
    files: list[CleanFile],
    *,
    uploaded_by,
    is_public: bool,
    role: str = Attachment.Role.NONE,
) -> None:
    for clean in files:
        attachment = Attachment(
            case=case,
            event=event,
            stored_name=secrets.token_hex(16) + EXTENSIONS[clean.content_type],
            original_name=clean.name[:200],
            content_type=clean.content_type,
            size=len(clean.data),
            is_public=is_public,
            role=role,
            uploaded_by=uploaded_by,
        )
        attachment.file.save(attachment.stored_name, ContentFile(clean.data), save=False)
        attachment.save()


def record_event(
    case: Case, kind: str, *, actor, text: str = "", is_public: bool = False, **extra
) -> CaseEvent:
    """A step on the case's timeline; `extra` are further CaseEvent fields."""
    return CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, text=text, is_public=is_public, **extra
    )


def _responded(case: Case, at: datetime) -> None:
    """The first thing staff tell the reporter ends the wait for a first response."""
    if case.first_response_at is None:
        case.first_response_at = at


def _check_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(_("เรื่องนี้ปิดแล้ว"))


@transaction.atomic
def assign_case(*, case: Case, assignee, actor, request=None, at: datetime | None = None) -> Case:
    """Make `assignee` responsible; a case just received is then in progress."""
    _check_open(case)
    if not Membership.objects.for_org(case.org).filter(user=assignee, is_active=True).exists():
        raise ValidationError({"assignee": _("ผู้รับผิดชอบต้องเป็นบุคลากรของหน่วยงาน")})
    at = at or timezone.now()
    case.assignee = assignee
    record_event(
        case,
        Event.ASSIGNED,
        actor=actor,
        data={"assignee": assignee.get_username()},
        created_at=at,
    )
    started = (
        _set_status(case, Status.IN_PROGRESS, actor=actor, at=at)
        if case.status == Status.RECEIVED
        else None
    )
    case.save()
    audit.record(action="case_assigned", request=request, actor=actor, target=case)
    if started is not None:
        notifications.notify_reporter(started)
    return case


@transaction.atomic
def forward_case(*, case: Case, division: Division, actor, text: str = "", request=None) -> Case:
    """Hand the case to another division of the org; its officer then assigns it."""
    _check_open(case)
    if division.org_id != case.org_id:
        raise ValidationError({"division": _("ต้องเป็นสำนัก/กองของหน่วยงานเดียวกัน")})
    previous = case.division
    case.division = division
    case.assignee = None
    case.save()
    record_event(
        case,
        Event.FORWARDED,
        actor=actor,
        text=text.strip(),
        data={"from": str(previous or ""), "to": str(division)},
    )
    audit.record(action="case_forwarded", request=request, actor=actor, target=case)
    return case


@transaction.atomic
def reply_publicly(
    *, case: Case, actor, text: str, files: Iterable[UploadedFile] = (), request=None
) -> CaseEvent:
    """A message to the reporter: shown on the tracking page and sent to them."""
    if not text.strip():
        raise ValidationError({"text": _("กรุณาพิมพ์ข้อความตอบกลับ")})
    cleaned = clean_files(files)
    event = record_event(case, Event.PUBLIC_REPLY, actor=actor, text=text.strip(), is_public=True)
    store_files(case, event, cleaned, uploaded_by=actor, is_public=True)
    _responded(case, event.created_at)
    case.save(update_fields=["first_response_at", "updated_at"])
    audit.record(action="case_replied", request=request, actor=actor, target=case)
    notifications.notify_reporter(event)
    return event


@transaction.atomic
def add_note(
    *, case: Case, actor, text: str, files: Iterable[UploadedFile] = (), request=None
) -> CaseEvent:
    """An internal note, for staff only."""
    if not text.strip():
        raise ValidationError({"text": _("กรุณาพิมพ์บันทึก")})
    cleaned = clean_files(files)
    event = record_event(case, Event.NOTE, actor=actor, text=text.strip())
    store_files(case, event, cleaned, uploaded_by=actor, is_public=False)
    audit.record(action="case_noted", request=request, actor=actor, target=case)
    return event


def _set_status(
    case: Case, status: str, *, actor, text: str = "", at: datetime | None = None
) -> CaseEvent:
    event = record_event(
        case,
        Event.STATUS_CHANGED,
        actor=actor,
        text=text,
        is_public=True,
        from_status=case.status,
        to_status=status,
        created_at=at or timezone.now(),
    )
    case.status = status
    _responded(case, event.created_at)
    return event


@transaction.atomic
def change_status(*, case: Case, status: str, actor, text: str = "", request=None) -> Case:
    """Move an open case between received and in progress; closing is `close_case`."""
    _check_open(case)
    if status not in Case.OPEN_STATUSES:
        raise ValidationError({"status": _("ใช้การปิดเรื่องเพื่อจบเรื่อง")})
    if status == case.status:
        return case
    event = _set_status(case, status, actor=actor, text=text.strip())
    case.save()
    audit.record(action="case_status_changed", request=request, actor=actor, target=case)
    notifications.notify_reporter(event)
    return case


def needs_proof(case: Case, status: str) -> bool:
    """A physical problem (road, light, water, waste) is resolved only with photos of it."""
    return status == Status.RESOLVED and case.service is not None and case.service.is_physical


def _has_photo(case: Case) -> bool:
    # A photo the reporter or staff added before the work shows the place as it was.
    return case.attachments.filter(content_type__startswith="image/").exists()


@transaction.atomic
def close_case(
    *,
    case: Case,
    status: str,
    resolution: str,
    actor,
    before_photos: Iterable[UploadedFile] = (),
    after_photos: Iterable[UploadedFile] = (),
    request=None,
    at: datetime | None = None,
) -> Case:
    """Close as resolved, rejected or forwarded outside the org, with the result.

    A physical problem is resolved only with proof: photos after the work, and
    before it unless the case has a photo already. They are shown to the reporter.
    `at` is when it happened, for cases closed in another system first.
    """
    _check_open(case)
    if status not in Case.CLOSED_STATUSES:
        raise ValidationError({"status": _("เลือกผลการปิดเรื่อง")})
    errors = {}
    if not resolution.strip():
        errors["resolution"] = _("กรุณาระบุผลการดำเนินการ")
    before = _photos(before_photos, "before_photos", errors)
    after = _photos(after_photos, "after_photos", errors)
    if needs_proof(case, status) and not errors:
        if not after:
            errors["after_photos"] = _("เรื่องทางกายภาพต้องแนบภาพหลังแก้ไขอย่างน้อย 1 ภาพ")
        if not before and not _has_photo(case):
            errors["before_photos"] = _("เรื่องนี้ยังไม่มีภาพ กรุณาแนบภาพก่อนแก้ไขอย่างน้อย 1 ภาพ")
    if errors:
        raise ValidationError(errors)
    case.resolution = resolution.strip()
    case.closed_at = at or timezone.now()
    event = record_event(
        case,
        Event.CLOSED,
        actor=actor,
        text=case.resolution,
        is_public=True,
        from_status=case.status,
        to_status=status,
        created_at=case.closed_at,
    )
    for role, photos in ((Attachment.Role.BEFORE, before), (Attachment.Role.AFTER, after)):
        store_files(case, event, photos, uploaded_by=actor, is_public=True, role=role)
    case.status = status
    _responded(case, case.closed_at)
    case.save()
    audit.record(action="case_closed", request=request, actor=actor, target=case)
    notifications.notify_reporter(event)
    return case


def _photos(files: Iterable[UploadedFile], field: str, errors: dict) -> list[CleanFile]:
    """Checked proof photos, or the reason under `field`: a PDF proves no repair."""
    try:
        cleaned = clean_files(files)
    except ValidationError as error:
        errors[field] = error.messages
        return []
    if any(not clean.content_type.startswith("image/") for clean in cleaned):
        errors[field] = _("ภาพก่อนและหลังแก้ไขต้องเป็นไฟล์ภาพ")
        return []
    return cleaned


@transaction.atomic
def add_reporter_update(
    *,
    case: Case,
    text: str = "",
    files: Iterable[UploadedFile] = (),
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """What the reporter sends after filing: more words, photos or the place.

    A place given now fills in the case's location if it had none.
    """
    cleaned = clean_files(files)
    if not text.strip() and not cleaned and latitude is None:
        raise ValidationError({"text": _("กรุณาพิมพ์ข้อความหรือแนบภาพ")})
    if latitude is not None and case.latitude is None:
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValidationError({"latitude": _("พิกัดไม่ถูกต้อง")})
        case.latitude, case.longitude = latitude, longitude
    data = {"latitude": str(latitude), "longitude": str(longitude)} if latitude is not None else {}
    event = record_event(
        case,
        Event.REPORTER_UPDATE,
        actor=None,
        text=text.strip(),
        data=data,
        created_at=at or timezone.now(),
    )
    store_files(case, event, cleaned, uploaded_by=None, is_public=False)
    case.save()
    notifications.notify_handler(event)
    return event


@transaction.atomic
def reclassify_case(
    *, case: Case, kind: str, actor, service: Service | None = None, request=None
) -> Case:
    """Change what a case is, e.g. a chat that turns out to be a complaint.

    The service, when given, also routes it and sets its time limit anew.
    """
    _check_open(case)
    if service is not None:
        if service.org_id != case.org_id or not service.is_active:
            raise ValidationError({"service": _("ไม่พบบริการนี้ในหน่วยงาน")})
        kind = service.kind
        case.service = service
        case.division = service.division or case.division
        case.due_at = case.received_at + timedelta(days=service.time_limit_days)
    if kind not in Case.Kind.values:
        raise ValidationError({"kind": _("ไม่รู้จักประเภทเรื่องนี้")})
    if Case.Kind.BUDGET in (case.kind, kind) and kind != case.kind:
        # A staff matter made public (or the reverse) would expose its text or its author.
        raise ValidationError({"kind": _("เปลี่ยนประเภทข้อซักถามงบประมาณของบุคลากรไม่ได้")})
    previous = case.kind
    case.kind = kind
    case.save()
    record_event(case, Event.NOTE, actor=actor, data={"kind": {"from": previous, "to": kind}})
    audit.record(action="case_reclassified", request=request, actor=actor, target=case)
    return case


def record_view(*, case: Case, request, via: str = "", actor=None) -> None:
    """Who opened a corruption complaint, and when: the trail a breach inquiry needs.

    `via` names where it was read when not on its own page (a list, the API, a chat).
    """
    if case.is_confidential:
        detail = {"via": via} if via else None
        audit.record(action="case_viewed", request=request, actor=actor, target=case, detail=detail)


def record_list_view(*, cases: Iterable[Case], request, via: str, actor=None) -> None:
    """A list that shows the subject of corruption complaints is a way of reading them."""
    for case in cases:
        record_view(case=case, request=request, via=via, actor=actor)
