"""Reads of the boards, each taking the org explicitly."""

from collections import OrderedDict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.models import Case, CaseEvent
from prongsai.messaging.boards.models import (
    AbuseReport,
    BoardSettings,
    Question,
    Reply,
    Topic,
    Visibility,
)
from prongsai.orgs.models import Organization

_open_reports = Q(reports__resolved_at__isnull=True)


def board_settings(*, org: Organization) -> BoardSettings:
    """The org's settings; an org that never chose gets the default (pre-moderation)."""
    found = BoardSettings.objects.for_org(org).first()
    return found if found is not None else BoardSettings(org=org)


# Webboard -----------------------------------------------------------------------------


def public_topics(*, org: Organization, q: str = "") -> QuerySet[Topic]:
    published_replies = Count("replies", filter=Q(replies__status=Visibility.PUBLISHED))
    topics = (
        Topic.objects.for_org(org)
        .filter(status=Visibility.PUBLISHED)
        .select_related("case")
        .annotate(
            reply_count=published_replies,
            has_official=Exists(
                Reply.objects.filter(
                    topic=OuterRef("pk"), is_official=True, status=Visibility.PUBLISHED
                )
            ),
        )
        .order_by("-last_activity_at", "-id")
    )
    if q := q.strip():
        topics = topics.filter(Q(title__icontains=q) | Q(text__icontains=q))
    return topics


def public_topic(*, org: Organization, pk: int) -> Topic | None:
    return (
        Topic.objects.for_org(org)
        .filter(pk=pk, status=Visibility.PUBLISHED)
        .select_related("case")
        .first()
    )


def public_replies(*, topic: Topic) -> QuerySet[Reply]:
    return topic.replies.filter(status=Visibility.PUBLISHED)


def staff_topics(*, org: Organization, status: str = "") -> QuerySet[Topic]:
    topics = (
        Topic.objects.for_org(org)
        .select_related("case")
        .annotate(
            reply_count=Count("replies", distinct=True),
            pending_replies=Count(
                "replies", filter=Q(replies__status=Visibility.PENDING), distinct=True
            ),
            report_count=Count("reports", filter=_open_reports, distinct=True),
        )
        .order_by("-last_activity_at", "-id")
    )
    if status:
        topics = topics.filter(status=status)
    return topics


def staff_topic(*, org: Organization, pk: int) -> Topic | None:
    return (
        Topic.objects.for_org(org)
        .filter(pk=pk)
        .select_related("case", "moderated_by")
        .prefetch_related(_open_reports_prefetch())
        .annotate(report_count=Count("reports", filter=_open_reports))
        .first()
    )


def staff_replies(*, topic: Topic) -> QuerySet[Reply]:
    return (
        topic.replies.select_related("author", "moderated_by", "case_event")
        .prefetch_related(_open_reports_prefetch())
        .annotate(report_count=Count("reports", filter=_open_reports))
        .order_by("created_at", "id")
    )


def pending_replies(*, org: Organization) -> QuerySet[Reply]:
    return (
        Reply.objects.for_org(org)
        .filter(status=Visibility.PENDING)
        .select_related("topic")
        .order_by("created_at", "id")
    )


def reported_topics(*, org: Organization) -> QuerySet[Topic]:
    return (
        staff_topics(org=org)
        .filter(report_count__gt=0)
        .prefetch_related(_open_reports_prefetch())
        .order_by("-report_count", "-id")
    )


def reported_replies(*, org: Organization) -> QuerySet[Reply]:
    return (
        Reply.objects.for_org(org)
        .select_related("topic")
        .annotate(report_count=Count("reports", filter=_open_reports))
        .filter(report_count__gt=0)
        .prefetch_related(_open_reports_prefetch())
        .order_by("-report_count", "-id")
    )


def _open_reports_prefetch() -> Prefetch:
    return Prefetch(
        "reports",
        queryset=AbuseReport.objects.filter(resolved_at__isnull=True),
        to_attr="open_reports",
    )


def get_reply(*, org: Organization, pk: int) -> Reply | None:
    return Reply.objects.for_org(org).filter(pk=pk).select_related("topic").first()


# Q&A board -----------------------------------------------------------------------------


def _answers() -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(kind=CaseEvent.Kind.PUBLIC_REPLY, is_public=True)


def _with_answers(questions: QuerySet[Question]) -> QuerySet[Question]:
    return questions.select_related("case").annotate(
        answered=Exists(_answers().filter(case=OuterRef("case"))),
    )


def has_answer(*, question: Question) -> bool:
    return _answers().filter(case=question.case).exists()


def answers(*, question: Question) -> QuerySet[CaseEvent]:
    """The public replies of the question's case: its answers, oldest first."""
    return _answers().filter(case=question.case).order_by("created_at", "id")


def _search(questions: QuerySet[Question], q: str) -> QuerySet[Question]:
    if not (q := q.strip()):
        return questions
    in_answer = _answers().filter(case=OuterRef("case"), text__icontains=q)
    return questions.filter(
        Q(case__subject__icontains=q) | Q(case__text__icontains=q) | Exists(in_answer)
    )


def _public(org: Organization) -> QuerySet[Question]:
    # A question staff later found to be a corruption complaint is not for the board.
    return (
        Question.objects.for_org(org)
        .filter(status=Visibility.PUBLISHED)
        .exclude(case__kind=Case.Kind.CORRUPTION)
    )


def public_questions(*, org: Organization, q: str = "") -> QuerySet[Question]:
    return _search(_with_answers(_public(org)), q).order_by("-created_at", "-id")


def public_question(*, org: Organization, pk: int) -> Question | None:
    return _with_answers(_public(org)).filter(pk=pk).first()


def faq(*, org: Organization, q: str = "") -> "OrderedDict[str, list[Question]]":
    """Answered FAQ questions grouped by their group (blank → "ทั่วไป"), groups A–Z."""
    questions = (
        _search(_with_answers(_public(org)), q)
        .filter(is_faq=True, answered=True)
        .prefetch_related(
            Prefetch(
                "case__events",
                queryset=_answers().order_by("created_at", "id"),
                to_attr="answer_events",
            )
        )
        .order_by("faq_group", "case__subject", "id")
    )
    groups: OrderedDict[str, list[Question]] = OrderedDict()
    general = str(_("ทั่วไป"))
    for question in questions:
        groups.setdefault(question.faq_group or general, []).append(question)
    return groups


def staff_questions(*, org: Organization, show: str = "") -> QuerySet[Question]:
    questions = (
        _with_answers(Question.objects.for_org(org))
        .annotate(report_count=Count("reports", filter=_open_reports))
        .order_by("-created_at", "-id")
    )
    if show in Visibility.values:
        questions = questions.filter(status=show)
    elif show == "unanswered":
        questions = questions.filter(answered=False).exclude(status=Visibility.HIDDEN)
    elif show == "faq":
        questions = questions.filter(is_faq=True)
    elif show == "reported":
        questions = questions.filter(report_count__gt=0)
    return questions


def staff_question(*, org: Organization, pk: int) -> Question | None:
    return (
        _with_answers(Question.objects.for_org(org))
        .filter(pk=pk)
        .prefetch_related(_open_reports_prefetch())
        .first()
    )


def faq_groups(*, org: Organization) -> list[str]:
    """Groups already in use, offered to staff so that one group keeps one spelling."""
    return list(
        Question.objects.for_org(org)
        .exclude(faq_group="")
        .order_by("faq_group")
        .values_list("faq_group", flat=True)
        .distinct()
    )


def queue_counts(*, org: Organization) -> dict[str, int]:
    """What waits for a moderator: pending posts and open abuse reports."""
    return {
        "pending_topics": Topic.objects.for_org(org).filter(status=Visibility.PENDING).count(),
        "pending_replies": Reply.objects.for_org(org).filter(status=Visibility.PENDING).count(),
        "pending_questions": Question.objects.for_org(org)
        .filter(status=Visibility.PENDING)
        .count(),
        "open_reports": AbuseReport.objects.for_org(org).filter(resolved_at__isnull=True).count(),
    }
