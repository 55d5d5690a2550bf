"""What citizens see: the webboard and the Q&A board, without logging in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from prongsai import ratelimits
from prongsai.inbox import selectors as inbox_selectors
from prongsai.inbox.forms import apply_errors
from prongsai.messaging.boards import antispam, selectors, services
from prongsai.messaging.boards.forms import QuestionForm, ReplyForm, ReportForm, TopicForm
from prongsai.messaging.boards.models import BoardSettings, Question, Reply, Topic

PER_PAGE = 20


def _posted(request):
    return request.POST if request.method == "POST" else None


def _rate_limited(request, form) -> ratelimits.Verdict | None:
    """Count this post; past the limit, say so on the form in Thai."""
    verdict = ratelimits.hit(request=request, org=request.org, bucket="board_post")
    if verdict:
        return None
    uses, seconds = ratelimits.limit("board_post")
    form.add_error(
        None,
        _("ส่งข้อความบ่อยเกินไป: ส่งได้ไม่เกิน %(n)s ข้อความใน %(minutes)s นาที กรุณารอสักครู่แล้วส่งอีกครั้ง")
        % {"n": uses, "minutes": seconds // 60},
    )
    return verdict


def _discard(request, to: str) -> HttpResponse:
    """A bot filled the honeypot: nothing is kept, and nothing tells it so."""
    messages.success(request, _("ได้รับข้อความแล้ว จะแสดงบนกระดานเมื่อเจ้าหน้าที่ตรวจสอบแล้ว"))
    return redirect(to, request.org.slug)


def _is_pre_moderated(org) -> bool:
    return selectors.board_settings(org=org).moderation == BoardSettings.Moderation.PRE


def _search_words(request) -> str:
    # PostgreSQL refuses a NUL even in a search, and no keyboard types one.
    return request.GET.get("q", "").replace("\x00", "")[:100]


def _page(request, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


# Webboard ------------------------------------------------------------------------------


def board_list(request):
    q = _search_words(request)
    topics = selectors.public_topics(org=request.org, q=q)
    context = {
        "page": _page(request, topics),
        "q": q,
        "pre_moderated": _is_pre_moderated(request.org),
    }
    return render(request, "boards/board_list.html", context)


@require_http_methods(["GET", "POST"])
def board_new(request):
    org = request.org
    form = TopicForm(_posted(request))
    refusal = None
    if request.method == "POST":
        if form.is_bot:
            return _discard(request, "org:board_list")
        if form.is_valid():
            refusal = _rate_limited(request, form)
            if refusal is None:
                try:
                    topic = services.post_topic(org=org, **form.cleaned_data)
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    if topic.is_published:
                        messages.success(request, _("ตั้งกระทู้แล้ว"))
                        return redirect("org:board_topic", org.slug, topic.pk)
                    messages.success(
                        request,
                        _("ได้รับกระทู้แล้ว กระทู้จะแสดงบนเว็บบอร์ดเมื่อเจ้าหน้าที่ตรวจสอบแล้ว"),
                    )
                    return redirect("org:board_list", org.slug)
    context = {"form": form, "pre_moderated": _is_pre_moderated(org)}
    return ratelimits.refused(render(request, "boards/board_new.html", context), refusal)


@require_http_methods(["GET", "POST"])
def board_topic(request, pk: int):
    """A topic with its replies; the form at the bottom posts a reply here."""
    org = request.org
    topic = selectors.public_topic(org=org, pk=pk)
    if topic is None:
        raise Http404(_("ไม่พบกระทู้นี้"))
    form = ReplyForm(_posted(request))
    refusal = None
    if request.method == "POST":
        if form.is_bot:
            messages.success(request, _("ได้รับความเห็นแล้ว"))
            return redirect("org:board_topic", org.slug, topic.pk)
        if form.is_valid():
            refusal = _rate_limited(request, form)
            if refusal is None:
                try:
                    reply = services.post_reply(topic=topic, **form.cleaned_data)
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    if reply.is_published:
                        messages.success(request, _("ส่งความเห็นแล้ว"))
                        url = reverse("org:board_topic", args=[org.slug, topic.pk])
                        return redirect(f"{url}#reply-{reply.pk}")
                    messages.success(
                        request,
                        _("ได้รับความเห็นแล้ว ความเห็นจะแสดงเมื่อเจ้าหน้าที่ตรวจสอบแล้ว"),
                    )
                    return redirect("org:board_topic", org.slug, topic.pk)
    context = {
        "topic": topic,
        "replies": selectors.public_replies(topic=topic),
        "form": form,
        "pre_moderated": _is_pre_moderated(org),
    }
    return ratelimits.refused(render(request, "boards/board_topic.html", context), refusal)


@require_http_methods(["GET", "POST"])
def board_report(request, pk: int):
    topic = selectors.public_topic(org=request.org, pk=pk)
    if topic is None:
        raise Http404(_("ไม่พบกระทู้นี้"))
    back = reverse("org:board_topic", args=[request.org.slug, topic.pk])
    return _report(request, post=topic, back=back, what=f"topic:{topic.pk}")


@require_http_methods(["GET", "POST"])
def board_reply_report(request, pk: int):
    reply = selectors.get_reply(org=request.org, pk=pk)
    if reply is None or not reply.is_published or not reply.topic.is_published:
        raise Http404(_("ไม่พบความเห็นนี้"))
    back = reverse("org:board_topic", args=[request.org.slug, reply.topic_id])
    return _report(request, post=reply, back=f"{back}#reply-{reply.pk}", what=f"reply:{reply.pk}")


def _report(request, *, post: Topic | Reply | Question, back: str, what: str):
    form = ReportForm(_posted(request))
    refusal = None
    if request.method == "POST":
        if form.is_bot:
            messages.success(request, _("ขอบคุณที่แจ้ง เจ้าหน้าที่จะตรวจสอบข้อความนี้"))
            return redirect(back)
        if form.is_valid():
            verdict = ratelimits.hit(request=request, org=request.org, bucket="board_report")
            if not verdict:
                form.add_error(None, _("แจ้งบ่อยเกินไป กรุณารอสักครู่แล้วแจ้งอีกครั้ง"))
                refusal = verdict
            else:
                try:
                    # One client, one report per post: a second click adds nothing.
                    if antispam.first_time(request=request, org=request.org, what=what):
                        services.report_abuse(post=post, **form.cleaned_data)
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    messages.success(request, _("ขอบคุณที่แจ้ง เจ้าหน้าที่จะตรวจสอบข้อความนี้"))
                    return redirect(back)
    quote = post.title if isinstance(post, Topic) else getattr(post, "text", str(post))
    context = {"form": form, "quote": quote, "back": back}
    return ratelimits.refused(render(request, "boards/report.html", context), refusal)


# Q&A board ------------------------------------------------------------------------------


def qa_list(request):
    org = request.org
    q = _search_words(request)
    asked = None
    if code := request.GET.get("asked"):
        case = inbox_selectors.get_case(org=org, code=code)
        asked = getattr(case, "qa_question", None) if case is not None else None
    context = {
        "page": _page(request, selectors.public_questions(org=org, q=q)),
        "q": q,
        "asked": asked,
        "pre_moderated": _is_pre_moderated(org),
    }
    return render(request, "boards/qa_list.html", context)


@require_http_methods(["GET", "POST"])
def qa_ask(request):
    org = request.org
    form = QuestionForm(_posted(request))
    refusal = None
    if request.method == "POST":
        if form.is_bot:
            return _discard(request, "org:qa_list")
        if form.is_valid():
            refusal = _rate_limited(request, form)
            if refusal is None:
                data = form.cleaned_data
                try:
                    question = services.ask_question(
                        org=org,
                        subject=data["subject"],
                        text=data["text"],
                        display_name=data["display_name"],
                        idempotency_key=data["idempotency_key"] or None,
                        **form.contact_data(),
                    )
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    url = reverse("org:qa_list", args=[org.slug])
                    return redirect(f"{url}?asked={question.case.tracking_code}")
    context = {"form": form, "pre_moderated": _is_pre_moderated(org)}
    return ratelimits.refused(render(request, "boards/qa_ask.html", context), refusal)


def qa_question(request, pk: int):
    question = selectors.public_question(org=request.org, pk=pk)
    if question is None:
        raise Http404(_("ไม่พบคำถามนี้"))
    context = {"question": question, "answers": selectors.answers(question=question)}
    return render(request, "boards/qa_question.html", context)


@require_http_methods(["GET", "POST"])
def qa_report(request, pk: int):
    question = selectors.public_question(org=request.org, pk=pk)
    if question is None:
        raise Http404(_("ไม่พบคำถามนี้"))
    back = reverse("org:qa_question", args=[request.org.slug, question.pk])
    return _report(request, post=question, back=back, what=f"question:{question.pk}")


def qa_faq(request):
    q = _search_words(request)
    context = {"groups": selectors.faq(org=request.org, q=q), "q": q}
    return render(request, "boards/qa_faq.html", context)
