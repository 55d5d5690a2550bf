"""Every change to the boards: atomic, and audit-logged when staff make it."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Service
from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case, CaseEvent
from prongsai.messaging.boards.models import (
    AbuseReport,
    BoardSettings,
    Question,
    Reply,
    Topic,
    Visibility,
)
from prongsai.messaging.boards.selectors import board_settings, has_answer
from prongsai.orgs import audit
from prongsai.orgs.models import Organization

Moderation = BoardSettings.Moderation


def _first_status(org: Organization) -> str:
    """What a citizen's new post is: waiting, or shown at once, as the org chose."""
    if board_settings(org=org).moderation == Moderation.POST:
        return Visibility.PUBLISHED
    return Visibility.PENDING


def _check_text(**fields: str) -> None:
    errors = {name: _("กรุณาพิมพ์ข้อความ") for name, value in fields.items() if not value.strip()}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def set_moderation(*, org: Organization, moderation: str, actor, request=None) -> BoardSettings:
    """Choose pre-moderation (posts wait for approval) or post-moderation."""
    if moderation not in Moderation.values:
        raise ValidationError({"moderation": _("ไม่รู้จักวิธีตรวจสอบนี้")})
    current, _created = BoardSettings.objects.select_for_update().get_or_create(org=org)
    previous = current.moderation
    current.moderation = moderation
    current.updated_by = actor
    current.save()
    audit.record(
        action="board_settings_changed",
        request=request,
        actor=actor,
        org=org,
        target=current,
        detail={"from": previous, "to": moderation},
    )
    return current


# Webboard ---------------------------------------------------------------------------


@transaction.atomic
def post_topic(
    *,
    org: Organization,
    title: str,
    text: str,
    author_name: str = "",
    idempotency_key: str = "",
    created_at: datetime | None = None,
) -> Topic:
    """A citizen's new topic; a form sent twice (same key) returns the first topic."""
    if idempotency_key:
        existing = Topic.objects.for_org(org).filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    _check_text(title=title, text=text)
    created_at = created_at or timezone.now()
    topic = Topic(
        org=org,
        title=title.strip(),
        text=text.strip(),
        author_name=author_name.strip(),
        status=_first_status(org),
        created_at=created_at,
        last_activity_at=created_at,
        idempotency_key=idempotency_key,
    )
    try:
        with transaction.atomic():
            topic.save()
    except IntegrityError:
        return Topic.objects.for_org(org).get(idempotency_key=idempotency_key)
    return topic


@transaction.atomic
def post_reply(
    *,
    topic: Topic,
    text: str,
    author_name: str = "",
    idempotency_key: str = "",
    created_at: datetime | None = None,
) -> Reply:
    """A citizen's reply to a published topic."""
    if idempotency_key:
        existing = Reply.objects.for_org(topic.org).filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if not topic.is_published:
        raise ValidationError(_("กระทู้นี้ยังไม่เปิดให้ตอบ"))
    _check_text(text=text)
    created_at = created_at or timezone.now()
    reply = Reply(
        org=topic.org,
        topic=topic,
        text=text.strip(),
        author_name=author_name.strip(),
        status=_first_status(topic.org),
        created_at=created_at,
        idempotency_key=idempotency_key,
    )
    try:
        with transaction.atomic():
            reply.save()
    except IntegrityError:
        return Reply.objects.for_org(topic.org).get(idempotency_key=idempotency_key)
    if reply.is_published:
        _touch(topic, created_at)
    return reply


def _touch(topic: Topic, at: datetime) -> None:
    if at > topic.last_activity_at:
        topic.last_activity_at = at
        topic.save(update_fields=["last_activity_at"])


@transaction.atomic
def post_official_reply(
    *, topic: Topic, actor, text: str, to_case: bool = True, request=None
) -> Reply:
    """Staff answer on the board, marked as official; published at once.

    A topic that waits for approval is approved by the answer. When the topic
    is a case and `to_case` is set, the answer is also the case's public reply,
    so the reporter hears of it like of any other reply.
    """
    _check_text(text=text)
    if topic.status == Visibility.PENDING:
        _moderate(topic, Visibility.PUBLISHED, actor=actor, request=request)
    reply = Reply.objects.create(
        org=topic.org,
        topic=topic,
        text=text.strip(),
        author_name=topic.org.short_name,
        is_official=True,
        author=actor,
        status=Visibility.PUBLISHED,
        moderated_by=actor,
        moderated_at=timezone.now(),
    )
    if to_case and topic.case_id is not None:
        reply.case_event = inbox.reply_publicly(
            case=topic.case, actor=actor, text=text, request=request
        )
        reply.save(update_fields=["case_event"])
    _touch(topic, reply.created_at)
    audit.record(action="board_official_reply", request=request, actor=actor, target=topic)
    return reply


@transaction.atomic
def take_in_topic(
    *, topic: Topic, kind: str, actor, service: Service | None = None, request=None
) -> Case:
    """Make a topic a Case of the inbox (channel webboard), received when it was posted."""
    # Locked, so two moderators clicking at once make one case.
    case_id = Topic.objects.select_for_update().values_list("case_id", flat=True).get(pk=topic.pk)
    if case_id is not None:
        raise ValidationError(_("กระทู้นี้รับเป็นเรื่องแล้ว"))
    if kind not in (Case.Kind.COMPLAINT, Case.Kind.QUESTION):
        raise ValidationError({"kind": _("รับกระทู้เป็นเรื่องร้องเรียนหรือคำถามเท่านั้น")})
    if service is not None and (
        kind != Case.Kind.COMPLAINT or service.kind != Service.Kind.COMPLAINT
    ):
        raise ValidationError({"service": _("เลือกหมวดเรื่องได้เฉพาะเมื่อรับเป็นเรื่องร้องเรียน")})
    case = inbox.submit_case(
        org=topic.org,
        channel=Case.Channel.WEBBOARD,
        kind=kind,
        service=service,
        subject=topic.title,
        text=topic.text,
        received_at=topic.created_at,
        idempotency_key=f"board-topic-{topic.pk}",
        actor=actor,
    )
    topic.case = case
    topic.save(update_fields=["case"])
    audit.record(
        action="board_topic_to_case",
        request=request,
        actor=actor,
        target=topic,
        detail={"case": case.tracking_code},
    )
    return case


# Q&A board ----------------------------------------------------------------------------


@transaction.atomic
def ask_question(
    *,
    org: Organization,
    subject: str,
    text: str,
    display_name: str = "",
    reporter_name: str = "",
    reporter_email: str = "",
    consent: bool = False,
    idempotency_key: str | None = None,
    received_at: datetime | None = None,
) -> Question:
    """A citizen's question: at once a Case (channel qa, kind question) and a board post."""
    if (reporter_name or reporter_email) and not consent:
        raise ValidationError({"consent": _("กรุณายินยอมให้ใช้ข้อมูลติดต่อเพื่อแจ้งคำตอบ หรือเว้นชื่อและอีเมลไว้")})
    _check_text(text=text)
    case = inbox.submit_case(
        org=org,
        channel=Case.Channel.QA,
        kind=Case.Kind.QUESTION,
        subject=subject,
        text=text,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
        consent=consent,
        received_at=received_at,
        idempotency_key=idempotency_key,
    )
    question, _created = Question.objects.get_or_create(
        case=case,
        defaults={
            "org": org,
            "display_name": display_name.strip(),
            "status": _first_status(org),
            "created_at": case.received_at,
        },
    )
    return question


@transaction.atomic
def answer_question(
    *, question: Question, actor, text: str, close: bool = False, request=None
) -> CaseEvent:
    """Answer in public: the case's public reply, shown under the question, e-mailed to the asker.

    An answer approves a question that waits for approval. With `close`, the
    case is closed as resolved (once; a later answer leaves it closed).
    """
    event = inbox.reply_publicly(case=question.case, actor=actor, text=text, request=request)
    if question.status == Visibility.PENDING:
        _moderate(question, Visibility.PUBLISHED, actor=actor, request=request)
    if close and question.case.is_open:
        inbox.close_case(
            case=question.case,
            status=Case.Status.RESOLVED,
            resolution=str(_("ตอบคำถามแล้ว ดูคำตอบได้บนกระดานถาม-ตอบ")),
            actor=actor,
            request=request,
        )
    return event


@transaction.atomic
def set_faq(*, question: Question, is_faq: bool, faq_group: str = "", actor, request=None) -> None:
    """Show an answered question on the FAQ page, under a group, or take it off."""
    if is_faq and not has_answer(question=question):
        raise ValidationError(_("ต้องตอบคำถามก่อนจึงจะแสดงในคำถามที่พบบ่อยได้"))
    if is_faq and question.status == Visibility.HIDDEN:
        raise ValidationError(_("คำถามนี้ถูกซ่อนอยู่ เผยแพร่ก่อนจึงจะแสดงในคำถามที่พบบ่อยได้"))
    question.is_faq = is_faq
    question.faq_group = faq_group.strip()
    question.save(update_fields=["is_faq", "faq_group"])
    audit.record(
        action="qa_faq_changed",
        request=request,
        actor=actor,
        target=question,
        detail={"is_faq": is_faq, "group": question.faq_group},
    )


# Moderation (all three kinds of post) ------------------------------------------------

_AUDIT_PREFIX = {Topic: "board_topic", Reply: "board_reply", Question: "qa_question"}


def _moderate(post, status: str, *, actor, request=None) -> None:
    post.status = status
    post.moderated_by = actor
    post.moderated_at = timezone.now()
    post.save(update_fields=["status", "moderated_by", "moderated_at"])
    if status == Visibility.HIDDEN:
        post.reports.filter(resolved_at__isnull=True).update(
            resolved_at=post.moderated_at, resolved_by=actor
        )
        if isinstance(post, Question) and post.is_faq:
            post.is_faq = False
            post.save(update_fields=["is_faq"])
    verb = "published" if status == Visibility.PUBLISHED else "hidden"
    audit.record(
        action=f"{_AUDIT_PREFIX[type(post)]}_{verb}", request=request, actor=actor, target=post
    )


@transaction.atomic
def publish(*, post: Topic | Reply | Question, actor, request=None) -> None:
    """Approve a waiting post, or show a hidden one again."""
    if post.status != Visibility.PUBLISHED:
        _moderate(post, Visibility.PUBLISHED, actor=actor, request=request)
        if isinstance(post, Reply):
            _touch(post.topic, post.created_at)


@transaction.atomic
def hide(*, post: Topic | Reply | Question, actor, request=None) -> None:
    """Take a post off the public board; its open abuse reports count as handled."""
    if post.status != Visibility.HIDDEN:
        _moderate(post, Visibility.HIDDEN, actor=actor, request=request)


@transaction.atomic
def report_abuse(*, post: Topic | Reply | Question, reason: str, detail: str = "") -> AbuseReport:
    """A citizen flags a published post for the moderators."""
    if reason not in AbuseReport.Reason.values:
        raise ValidationError({"reason": _("กรุณาเลือกเหตุผล")})
    if not post.is_published:
        raise ValidationError(_("ไม่พบข้อความนี้"))
    target = {"topic": None, "reply": None, "question": None}
    target[type(post).__name__.lower()] = post
    return AbuseReport.objects.create(
        org=post.org, reason=reason, detail=detail.strip()[:500], **target
    )


@transaction.atomic
def dismiss_reports(*, post: Topic | Reply | Question, actor, request=None) -> int:
    """The moderator read the reports and keeps the post: the reports are closed."""
    count = post.reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor
    )
    if count:
        audit.record(
            action="board_reports_dismissed",
            request=request,
            actor=actor,
            target=post,
            detail={"reports": count},
        )
    return count
