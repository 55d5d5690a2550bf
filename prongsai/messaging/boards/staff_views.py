"""Moderation of the boards: queues, approving and hiding, official answers, FAQ."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from prongsai.inbox import selectors as inbox_selectors
from prongsai.inbox import services as inbox_services
from prongsai.messaging.boards import selectors, services
from prongsai.messaging.boards.forms import (
    AnswerForm,
    FaqForm,
    OfficialReplyForm,
    SettingsForm,
    TopicToCaseForm,
)
from prongsai.messaging.boards.models import Visibility
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required

# Executives may look; admins and officers moderate; other staff have their own area.
VIEW_ROLES = inbox_selectors.INBOX_ROLES
MODERATOR_ROLES = inbox_selectors.ACTING_ROLES


def _can_moderate(request) -> bool:
    return request.membership.role in MODERATOR_ROLES


def _back(request, default: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def _valid(form):
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    return form


def _done(request, error: ValidationError | None) -> None:
    if error is None:
        messages.success(request, _("บันทึกแล้ว"))
    else:
        for message in error.messages:
            messages.error(request, message)


# Webboard --------------------------------------------------------------------------------


@staff_required(*VIEW_ROLES)
def board_queue(request):
    org = request.org
    status = request.GET.get("status", "")
    status = status if status in Visibility.values else ""
    topics = selectors.staff_topics(org=org, status=status)
    context = {
        "pending_topics": selectors.staff_topics(org=org, status=Visibility.PENDING).order_by(
            "created_at", "id"
        ),
        "pending_replies": selectors.pending_replies(org=org),
        "reported_topics": selectors.reported_topics(org=org),
        "reported_replies": selectors.reported_replies(org=org),
        "page": Paginator(topics, 30).get_page(request.GET.get("page")),
        "status": status,
        "status_query": f"status={status}" if status else "",
        "statuses": Visibility.choices,
        "can_moderate": _can_moderate(request),
        "settings": selectors.board_settings(org=org),
        "counts": selectors.queue_counts(org=org),
    }
    if request.membership.role == Membership.Role.ADMIN:
        context["settings_form"] = SettingsForm(
            initial={"moderation": context["settings"].moderation}
        )
    return render(request, "boards/staff/board_queue.html", context)


@require_POST
@staff_required(Membership.Role.ADMIN)
def board_settings(request):
    form = SettingsForm(request.POST)
    error = None
    try:
        _valid(form)
        services.set_moderation(
            org=request.org,
            moderation=form.cleaned_data["moderation"],
            actor=request.user,
            request=request,
        )
    except ValidationError as exc:
        error = exc
    _done(request, error)
    return redirect("org:board_queue", request.org.slug)


def _topic_or_404(request, pk: int):
    topic = selectors.staff_topic(org=request.org, pk=pk)
    if topic is None:
        raise Http404(_("ไม่พบกระทู้นี้"))
    return topic


@staff_required(*VIEW_ROLES)
def board_staff_topic(request, pk: int):
    topic = _topic_or_404(request, pk)
    can_moderate = _can_moderate(request)
    context = {
        "topic": topic,
        "replies": selectors.staff_replies(topic=topic),
        "can_moderate": can_moderate,
    }
    if can_moderate:
        context["reply_form"] = OfficialReplyForm()
        if topic.case_id is None:
            context["case_form"] = TopicToCaseForm(request.org)
    return render(request, "boards/staff/board_topic.html", context)


@require_POST
@staff_required(*MODERATOR_ROLES)
def board_topic_action(request, pk: int, action: str):
    topic = _topic_or_404(request, pk)
    actor, org = request.user, request.org
    error = None
    try:
        if action == "publish":
            services.publish(post=topic, actor=actor, request=request)
        elif action == "hide":
            services.hide(post=topic, actor=actor, request=request)
        elif action == "dismiss":
            services.dismiss_reports(post=topic, actor=actor, request=request)
        elif action == "reply":
            form = _valid(OfficialReplyForm(request.POST))
            services.post_official_reply(
                topic=topic, actor=actor, request=request, **form.cleaned_data
            )
        elif action == "case":
            form = _valid(TopicToCaseForm(org, request.POST))
            case = services.take_in_topic(
                topic=topic, actor=actor, request=request, **form.cleaned_data
            )
            messages.success(
                request,
                _("รับเป็นเรื่องแล้ว รหัสติดตาม %(code)s") % {"code": case.tracking_code},
            )
            return redirect("org:board_staff_topic", org.slug, topic.pk)
        else:
            raise Http404
    except ValidationError as exc:
        error = exc
    _done(request, error)
    return _back(request, reverse("org:board_staff_topic", args=[org.slug, topic.pk]))


@require_POST
@staff_required(*MODERATOR_ROLES)
def board_reply_action(request, pk: int, action: str):
    reply = selectors.get_reply(org=request.org, pk=pk)
    if reply is None:
        raise Http404(_("ไม่พบความเห็นนี้"))
    actions = {
        "publish": services.publish,
        "hide": services.hide,
        "dismiss": services.dismiss_reports,
    }
    if action not in actions:
        raise Http404
    error = None
    try:
        actions[action](post=reply, actor=request.user, request=request)
    except ValidationError as exc:
        error = exc
    _done(request, error)
    default = reverse("org:board_staff_topic", args=[request.org.slug, reply.topic_id])
    return _back(request, default)


# Q&A board ---------------------------------------------------------------------------------

QA_FILTERS = [
    ("", _("ทั้งหมด")),
    ("pending", _("รอตรวจสอบ")),
    ("unanswered", _("ยังไม่ได้ตอบ")),
    ("reported", _("ถูกรายงาน")),
    ("faq", _("คำถามที่พบบ่อย")),
    ("hidden", _("ซ่อนแล้ว")),
]


@staff_required(*VIEW_ROLES)
def qa_queue(request):
    show = request.GET.get("show", "")
    show = show if show in dict(QA_FILTERS) else ""
    questions = selectors.staff_questions(org=request.org, show=show)
    context = {
        "page": Paginator(questions, 30).get_page(request.GET.get("page")),
        "show": show,
        "show_query": f"show={show}" if show else "",
        "filters": QA_FILTERS,
        "can_moderate": _can_moderate(request),
        "counts": selectors.queue_counts(org=request.org),
        "settings": selectors.board_settings(org=request.org),
    }
    return render(request, "boards/staff/qa_queue.html", context)


def _question_or_404(request, pk: int):
    question = selectors.staff_question(org=request.org, pk=pk)
    if question is None:
        raise Http404(_("ไม่พบคำถามนี้"))
    return question


@staff_required(*VIEW_ROLES)
def qa_staff_question(request, pk: int):
    question = _question_or_404(request, pk)
    inbox_services.record_view(case=question.case, request=request)
    can_moderate = _can_moderate(request)
    context = {
        "question": question,
        "case": question.case,
        "answers": selectors.answers(question=question),
        "can_moderate": can_moderate,
        # As on the case page: a case found to be a corruption complaint is for its officers.
        "visible": inbox_selectors.can_see_confidential(
            membership=request.membership, case=question.case
        ),
    }
    if can_moderate:
        context["answer_form"] = AnswerForm(initial={"close": question.case.is_open})
        context["faq_form"] = FaqForm(
            initial={"is_faq": question.is_faq, "faq_group": question.faq_group}
        )
        context["faq_groups"] = selectors.faq_groups(org=request.org)
    return render(request, "boards/staff/qa_question.html", context)


@require_POST
@staff_required(*MODERATOR_ROLES)
def qa_question_action(request, pk: int, action: str):
    question = _question_or_404(request, pk)
    if not inbox_selectors.can_see_confidential(membership=request.membership, case=question.case):
        raise PermissionDenied(_("เรื่องนี้เป็นความลับ เฉพาะผู้ได้รับมอบหมาย"))
    actor = request.user
    error = None
    try:
        if action == "publish":
            services.publish(post=question, actor=actor, request=request)
        elif action == "hide":
            services.hide(post=question, actor=actor, request=request)
        elif action == "dismiss":
            services.dismiss_reports(post=question, actor=actor, request=request)
        elif action == "answer":
            form = _valid(AnswerForm(request.POST))
            services.answer_question(
                question=question, actor=actor, request=request, **form.cleaned_data
            )
        elif action == "faq":
            form = _valid(FaqForm(request.POST))
            services.set_faq(question=question, actor=actor, request=request, **form.cleaned_data)
        else:
            raise Http404
    except ValidationError as exc:
        error = exc
    _done(request, error)
    default = reverse("org:qa_staff_question", args=[request.org.slug, question.pk])
    return _back(request, default)
