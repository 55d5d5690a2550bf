"""Circulars, staff meetings, trainings and KM articles: writes (audited, all or nothing) and reads.

A circular goes to the org's active staff, or to those of some divisions; who
has acknowledged it is the figure the NACC asks for, so `acknowledgement_rate`
is public and used by the reports.
"""

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.attachments import EXTENSIONS, CleanFile, clean_upload
from prongsai.integrity.models import (
    Acknowledgement,
    Circular,
    CircularFile,
    KmArticle,
    Meeting,
    Training,
)
from prongsai.orgs import audit
from prongsai.orgs.models import Division, Membership, Organization
from prongsai.surveys.models import Survey

User = get_user_model()
Role = Membership.Role

# Who may send circulars and keep meetings and trainings.
SENDERS = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
# Who sees every circular's acknowledgements, besides the one who sent it.
OVERSEERS = (Role.ADMIN, Role.EXECUTIVE)
# More files than this on one circular is a mistake, not a หนังสือเวียน.
MAX_FILES = 10


# Staff of an org.


def active_staff(*, org: Organization) -> QuerySet[Membership]:
    """The org's active memberships, with the user, division and position at hand."""
    return (
        Membership.objects.for_org(org)
        .filter(is_active=True, user__is_active=True)
        .select_related("user", "division", "position")
        .order_by("division__order", "division__name", "user__first_name", "user__username")
    )


def staff_users(*, org: Organization, also: Iterable = ()) -> QuerySet:
    """Users who may be chosen as attendees: the active staff, plus `also` (already chosen).

    Keeping those already chosen lets a meeting of last year be edited after
    someone who attended it has left, without dropping them from the record.
    """
    also_pks = [user.pk for user in also]
    return User.objects.filter(
        Q(memberships__org=org, memberships__is_active=True, is_active=True) | Q(pk__in=also_pks)
    ).distinct()


def _check_own(org: Organization, obj) -> None:
    if obj.pk is not None and obj.org_id != org.pk:
        raise ValueError(f"the {obj._meta.model_name} belongs to another org")


def _check_people(org: Organization, users: Sequence, field: str, errors: dict) -> None:
    """Everyone must be or have been on the org's staff; another org's people are refused."""
    pks = {user.pk for user in users}
    known = set(
        Membership.objects.for_org(org).filter(user__in=pks).values_list("user_id", flat=True)
    )
    if pks - known:
        errors.setdefault(field, []).append(_("เลือกได้เฉพาะบุคลากรของหน่วยงาน"))


# Circulars: reads.


def recipients(circular: Circular) -> QuerySet:
    """Users the circular is addressed to now: active staff of the org (of its divisions)."""
    memberships = Membership.objects.for_org(circular.org_id).filter(
        is_active=True, user__is_active=True
    )
    division_pks = list(circular.divisions.values_list("pk", flat=True))
    if division_pks:
        memberships = memberships.filter(division__in=division_pks)
    return User.objects.filter(pk__in=memberships.values("user_id"))


def is_recipient(circular: Circular, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return recipients(circular).filter(pk=user.pk).exists()


def can_see_status(circular: Circular, membership: Membership) -> bool:
    """Who acknowledged is for the sender, the org's admins and its executives."""
    if membership.org_id != circular.org_id or not membership.is_active:
        return False
    return membership.role in OVERSEERS or circular.sent_by_id == membership.user_id


def can_read(circular: Circular, membership: Membership) -> bool:
    """Recipients read a circular and its files; so do its sender, admins and executives."""
    return can_see_status(circular, membership) or is_recipient(circular, membership.user)


def circulars_for(*, org: Organization, user) -> QuerySet[Circular]:
    """Circulars addressed to `user`, unread first, then the newest first.

    Each carries `acknowledged_at` (None while unread).
    """
    membership = (
        Membership.objects.for_org(org).filter(user=user, is_active=True).only("division").first()
    )
    if membership is None:
        return Circular.objects.none()
    to_all = ~Exists(Circular.divisions.through.objects.filter(circular=OuterRef("pk")))
    addressed = to_all
    if membership.division_id:
        addressed = to_all | Q(divisions=membership.division_id)
    acked = Acknowledgement.objects.filter(circular=OuterRef("pk"), user=user)
    return (
        Circular.objects.for_org(org)
        .filter(addressed)
        .distinct()
        .annotate(
            is_read=Exists(acked),
            acknowledged_at=acked.values("at")[:1],
        )
        .select_related("sent_by")
        .order_by("is_read", "-sent_at", "-pk")
    )


def acknowledgement_rate(circular: Circular) -> tuple[int, int]:
    """(acknowledged, recipients) of a circular.

    Recipients are those it is addressed to now plus anyone who acknowledged it
    (someone who read it and then left or moved still read it), so the first
    number never exceeds the second.
    """
    current = set(recipients(circular).values_list("pk", flat=True))
    acked = set(circular.acknowledgements.values_list("user_id", flat=True))
    return len(acked), len(current | acked)


def rate_percent(acknowledged: int, total: int) -> int | None:
    return round(acknowledged * 100 / total) if total else None


@dataclass(frozen=True)
class Reader:
    user: object
    membership: Membership | None
    at: datetime | None = None


@dataclass(frozen=True)
class AcknowledgementStatus:
    acknowledged: list[Reader]
    pending: list[Reader]

    @property
    def total(self) -> int:
        return len(self.acknowledged) + len(self.pending)

    @property
    def percent(self) -> int | None:
        return rate_percent(len(self.acknowledged), self.total)


def acknowledgement_status(circular: Circular) -> AcknowledgementStatus:
    """Who has acknowledged (earliest first, with the time) and who has not yet."""
    acks = {
        ack.user_id: ack for ack in circular.acknowledgements.select_related("user").order_by("at")
    }
    current = list(recipients(circular))
    memberships = {
        m.user_id: m
        for m in Membership.objects.for_org(circular.org_id)
        .filter(user__in=set(acks) | {u.pk for u in current})
        .select_related("division", "position")
    }
    done = [Reader(ack.user, memberships.get(ack.user_id), ack.at) for ack in acks.values()]
    pending = [Reader(u, memberships.get(u.pk)) for u in current if u.pk not in acks]
    pending.sort(
        key=lambda r: (
            r.membership.division.order if r.membership and r.membership.division else 9999,
            str(r.membership.division) if r.membership and r.membership.division else "",
            r.user.get_full_name() or r.user.username,
        )
    )
    return AcknowledgementStatus(acknowledged=done, pending=pending)


# Circulars: writes.


def clean_files(files: Sequence[UploadedFile]) -> list[CleanFile]:
    """Check every file before any is stored; all the problems are reported at once."""
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("แนบไฟล์ได้ไม่เกิน %(n)s ไฟล์") % {"n": MAX_FILES}})
    cleaned, problems = [], []
    for upload in files:
        try:
            cleaned.append(clean_upload(upload))
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError({"files": problems})
    return cleaned


@transaction.atomic
def send_circular(
    *,
    org: Organization,
    title: str,
    text: str,
    number: str = "",
    divisions: Iterable[Division] = (),
    files: Sequence[UploadedFile] = (),
    actor,
    sent_at: datetime | None = None,
    request=None,
) -> Circular:
    """Send a circular to all active staff, or to those of `divisions`; all or nothing.

    Files must be PDFs or images (images are re-encoded without EXIF).
    """
    divisions = list(divisions)
    errors: dict[str, list] = {}
    if any(division.org_id != org.pk for division in divisions):
        errors["divisions"] = [_("เลือกได้เฉพาะสำนัก/กองของหน่วยงาน")]
    circular = Circular(
        org=org,
        number=number.strip(),
        title=title.strip(),
        text=text.strip(),
        sent_at=sent_at or timezone.now(),
        sent_by=actor if getattr(actor, "pk", None) else None,
    )
    try:
        circular.full_clean(exclude=["org", "sent_by"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    cleaned: list[CleanFile] = []
    try:
        cleaned = clean_files(files)
    except ValidationError as error:
        errors.setdefault("files", []).extend(error.message_dict["files"])
    if errors:
        raise ValidationError(errors)

    circular.save()
    circular.divisions.set(divisions)
    stored: list[CircularFile] = []
    try:
        for clean in cleaned:
            item = CircularFile(
                circular=circular,
                original_name=clean.name[:200],
                content_type=clean.content_type,
            )
            name = secrets.token_hex(16) + EXTENSIONS[clean.content_type]
            item.file.save(name, ContentFile(clean.data), save=False)
            stored.append(item)
            item.save()
    except Exception:
        # The rows roll back; the files written so far must not stay behind.
        for item in stored:
            item.file.storage.delete(item.file.name)
        raise
    count = recipients(circular).count()
    audit.record(
        action="circular_sent",
        request=request,
        actor=actor,
        org=org,
        target=circular,
        detail={
            "divisions": [division.pk for division in divisions],
            "files": len(stored),
            "recipients": count,
        },
    )
    return circular


@transaction.atomic
def acknowledge(*, circular: Circular, user, at: datetime | None = None, request=None):
    """Record that `user` has read the circular; doing it again changes nothing.

    Returns the acknowledgement (the first one). Only recipients may acknowledge.
    """
    existing = Acknowledgement.objects.filter(circular=circular, user=user).first()
    if existing is not None:
        return existing
    if not is_recipient(circular, user):
        raise PermissionDenied(_("หนังสือเวียนนี้ไม่ได้ส่งถึงคุณ"))
    try:
        # A savepoint: a double click racing itself must not break the outer transaction.
        with transaction.atomic():
            ack = Acknowledgement.objects.create(
                circular=circular, user=user, at=at or timezone.now()
            )
    except IntegrityError:
        return Acknowledgement.objects.get(circular=circular, user=user)
    audit.record(
        action="circular_acknowledged",
        request=request,
        actor=user,
        org=circular.org,
        target=circular,
    )
    return ack


# Meetings and trainings.


@transaction.atomic
def save_meeting(
    *,
    org: Organization,
    meeting: Meeting,
    attendees: Iterable = (),
    circulars: Iterable[Circular] = (),
    actor,
    request=None,
) -> Meeting:
    """Create or change a staff meeting with its attendance and the circulars announced."""
    _check_own(org, meeting)
    meeting.org = org
    attendees, circulars = list(attendees), list(circulars)
    errors: dict[str, list] = {}
    _check_people(org, attendees, "attendees", errors)
    if any(circular.org_id != org.pk for circular in circulars):
        errors["circulars"] = [_("เลือกได้เฉพาะหนังสือเวียนของหน่วยงาน")]
    try:
        meeting.full_clean(exclude=["org"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    created = meeting.pk is None
    meeting.save()
    meeting.attendees.set(attendees)
    meeting.circulars.set(circulars)
    audit.record(
        action="meeting_created" if created else "meeting_changed",
        request=request,
        actor=actor,
        org=org,
        target=meeting,
        detail={"attendees": len(attendees), "circulars": [c.pk for c in circulars]},
    )
    return meeting


@transaction.atomic
def save_training(
    *,
    org: Organization,
    training: Training,
    attendees: Iterable = (),
    actor,
    request=None,
) -> Training:
    """Create or change a training: the end not before the start, hours not negative,
    attendees on the org's staff and the evaluation survey one of the org's."""
    _check_own(org, training)
    training.org = org
    attendees = list(attendees)
    errors: dict[str, list] = {}
    _check_people(org, attendees, "attendees", errors)
    surveys = Survey.objects.for_org(org)
    if training.survey_id and not surveys.filter(pk=training.survey_id).exists():
        errors["survey"] = [_("เลือกได้เฉพาะแบบสำรวจของหน่วยงาน")]
    if training.hours is not None and training.hours < 0:
        errors["hours"] = [_("จำนวนชั่วโมงต้องไม่ติดลบ")]
    training.topics = list(dict.fromkeys(training.topics or ()))
    try:
        training.full_clean(exclude=["org", "survey"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    created = training.pk is None
    training.save()
    training.attendees.set(attendees)
    audit.record(
        action="training_created" if created else "training_changed",
        request=request,
        actor=actor,
        org=org,
        target=training,
        detail={"attendees": len(attendees), "topics": training.topics},
    )
    return training


# KM articles.


def can_edit_article(article: KmArticle, membership: Membership) -> bool:
    """The author edits their article; the org's admins edit any."""
    if membership.org_id != article.org_id or not membership.is_active:
        return False
    return membership.role == Role.ADMIN or article.author_id == membership.user_id


@transaction.atomic
def save_article(*, org: Organization, article: KmArticle, actor, request=None) -> KmArticle:
    """Write or change a KM article; a new one is its writer's."""
    _check_own(org, article)
    article.org = org
    if article.division_id and article.division.org_id != org.pk:
        raise ValidationError({"division": _("เลือกได้เฉพาะสำนัก/กองของหน่วยงาน")})
    article.title, article.body = article.title.strip(), article.body.strip()
    article.full_clean(exclude=["org", "author"])
    created = article.pk is None
    if created and article.author_id is None and getattr(actor, "pk", None):
        article.author = actor
    article.save()
    audit.record(
        action="km_article_created" if created else "km_article_changed",
        request=request,
        actor=actor,
        org=org,
        target=article,
    )
    return article


def search_articles(
    *, org: Organization, query: str = "", division: Division | None = None
) -> QuerySet[KmArticle]:
    """The org's KM articles whose title or body holds every word of `query`.

    `icontains` is enough: Thai has no letter case, and each whitespace-separated
    word must appear somewhere (Thai is written without spaces between words).
    """
    articles = KmArticle.objects.for_org(org).select_related("division", "author")
    if division is not None:
        articles = articles.filter(division=division)
    for word in query.split()[:10]:
        articles = articles.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return articles
