"""After staff act: the reporter confirms or reopens a fix, and others say "me too".

A matter resolved is not done until its reporter agrees or the time to object
has passed, so a "fixed" that fixed nothing comes back to its division instead
of being counted as solved.
"""

import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.inbox import notifications
from prongsai.inbox.models import Attachment, Case, CaseEvent, CasePolicy, MeToo
from prongsai.inbox.services import clean_files, record_event, store_files
from prongsai.orgs import audit
from prongsai.orgs.models import Organization

Status = Case.Status
Event = CaseEvent.Kind

# "Me too" counts that raise a matter's priority: many people share the problem.
ME_TOO_HIGH = 3
ME_TOO_URGENT = 10

# Said by the services and by the pages that refuse a decision before calling them.
TOO_LATE = _("เรื่องนี้ยืนยันหรือขอเปิดใหม่ไม่ได้แล้ว")


def policy_for(org: Organization) -> CasePolicy:
    """The org's follow-through policy; an org that never set one has the defaults."""
    return CasePolicy.objects.filter(org=org).first() or CasePolicy(org=org)


def decision_deadline(case: Case, policy: CasePolicy) -> datetime | None:
    """Until when the reporter may confirm or reopen a resolved matter, if they still may."""
    if case.status != Status.RESOLVED or case.closed_at is None or case.confirmed_at is not None:
        return None
    return case.closed_at + timedelta(days=policy.confirm_days)


def can_decide(case: Case, policy: CasePolicy, *, now: datetime | None = None) -> bool:
    deadline = decision_deadline(case, policy)
    return deadline is not None and (now or timezone.now()) < deadline


def _locked_for_decision(case: Case, at: datetime) -> Case:
    # Locked: a confirm and a reopen sent at once must not both count.
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("service", "org")
        .get(pk=case.pk)
    )
    if not can_decide(locked, policy_for(locked.org), now=at):
        raise ValidationError(TOO_LATE)
    return locked


@transaction.atomic
def confirm_fix(*, case: Case, via: str, at: datetime | None = None) -> CaseEvent:
    """The reporter agrees the matter is solved; `via` names the channel they used."""
    at = at or timezone.now()
    case = _locked_for_decision(case, at)
    case.confirmed_at = at
    case.save(update_fields=["confirmed_at", "updated_at"])
    event = record_event(
        case, Event.CONFIRMED, actor=None, is_public=True, created_at=at, data={"via": via}
    )
    notifications.notify_reporter(event)
    return event


@transaction.atomic
def reopen_case(
    *,
    case: Case,
    reason: str,
    via: str,
    files: Iterable[UploadedFile] = (),
    at: datetime | None = None,
) -> CaseEvent:
    """The reporter says the matter is not solved: it goes back to its division, open.

    It keeps its division, assignee and history; its time limit starts again and
    any escalation with it, as for a new matter.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("กรุณาบอกเหตุผลที่ขอเปิดเรื่องใหม่")})
    cleaned = clean_files(files)
    at = at or timezone.now()
    case = _locked_for_decision(case, at)
    status = Status.IN_PROGRESS if case.assignee_id else Status.RECEIVED
    event = record_event(
        case,
        Event.REOPENED,
        actor=None,
        text=reason.strip(),
        is_public=True,
        from_status=case.status,
        to_status=status,
        created_at=at,
        data={"via": via},
    )
    store_files(case, event, cleaned, uploaded_by=None, is_public=False)
    days = case.service.time_limit_days if case.service else settings.CASE_DEFAULT_TIME_LIMIT_DAYS
    case.status = status
    case.closed_at = None
    case.due_at = at + timedelta(days=days)
    case.reopen_count += 1
    case.escalation = Case.Escalation.NONE
    case.escalated_at = None
    case.save()
    notifications.notify_reporter(event)
    notifications.notify_handler(event)
    return event


def is_on_board(case: Case, policy: CasePolicy) -> bool:
    """Whether the public board shows the matter: a kind the org opened, never a secret."""
    return (
        case.kind in policy.board_kinds
        and case.kind in CasePolicy.BOARD_KINDS
        and not case.board_hidden
    )


@transaction.atomic
def set_board_hidden(*, case: Case, hidden: bool, actor, request=None) -> Case:
    """Keep a matter off the public board, or show it again: staff judge what it reveals."""
    if case.board_hidden != hidden:
        case.board_hidden = hidden
        case.save(update_fields=["board_hidden", "updated_at"])
        audit.record(
            action="case_board_hidden",
            request=request,
            actor=actor,
            target=case,
            detail={"hidden": hidden},
        )
    return case


def fingerprint(*parts: str) -> str:
    """A keyed hash of who someone is (their address, their browser): tells people
    apart for "me too" without keeping anything that names them."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def me_too(
    *,
    case: Case,
    fingerprint: str,
    text: str = "",
    files: Iterable[UploadedFile] = (),
    at: datetime | None = None,
) -> bool:
    """Someone else has the same problem; True when they were not counted before.

    Their words and photos, if any, go on the timeline for staff whether or not
    they counted already. Enough of them raise the matter's priority.
    """
    if not case.is_open or not is_on_board(case, policy_for(case.org)):
        raise ValidationError(_("เรื่องนี้รับการแจ้งเพิ่มไม่ได้แล้ว"))
    cleaned = clean_files(files)
    at = at or timezone.now()
    try:
        with transaction.atomic():
            MeToo.objects.create(case=case, fingerprint=fingerprint, created_at=at)
    except IntegrityError:
        counted = False
    else:
        counted = True
        Case.objects.filter(pk=case.pk).update(me_too_count=F("me_too_count") + 1)
        case.refresh_from_db(fields=["me_too_count", "priority"])
        priority = _priority_for(case.me_too_count)
        if priority is not None and priority > case.priority:
            Case.objects.filter(pk=case.pk).update(priority=priority)
            case.priority = priority
    if counted or text.strip() or cleaned:
        event = record_event(
            case,
            Event.ME_TOO,
            actor=None,
            text=text.strip(),
            created_at=at,
            data={"count": case.me_too_count},
        )
        store_files(case, event, cleaned, uploaded_by=None, is_public=False)
        if text.strip() or cleaned:
            notifications.notify_handler(event)
    return counted


def _priority_for(count: int) -> int | None:
    if count >= ME_TOO_URGENT:
        return Case.Priority.URGENT
    if count >= ME_TOO_HIGH:
        return Case.Priority.HIGH
    return None


def proof_photos(case: Case) -> dict[str, list[Attachment]]:
    """The before and after photos of the latest resolution, for public pages.

    A matter reopened and resolved again shows the photos of its last closing,
    not of the fix that failed; its before photos may still be from an earlier
    closing, as staff need not send them twice.
    """
    photos: dict[str, list[Attachment]] = {Attachment.Role.BEFORE: [], Attachment.Role.AFTER: []}
    closing: dict[str, int | None] = {}
    for attachment in case.attachments.filter(
        role__in=photos, is_public=True, content_type__startswith="image/"
    ).order_by("event__created_at", "event_id", "id"):
        if closing.setdefault(attachment.role, attachment.event_id) != attachment.event_id:
            # A later closing: its photos replace those of the one before.
            closing[attachment.role] = attachment.event_id
            photos[attachment.role] = []
        photos[attachment.role].append(attachment)
    return photos
