"""The staff console of the live chat: lists, the conversation, and the actions on it."""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.inbox.forms import apply_errors
from prongsai.inbox.selectors import ACTING_ROLES, INBOX_ROLES, can_act, can_see_confidential
from prongsai.inbox.services import record_view
from prongsai.messaging.livechat import selectors, services
from prongsai.messaging.livechat.forms import (
    CloseForm,
    ComplaintForm,
    MessageForm,
    OfficeHoursForm,
)
from prongsai.messaging.livechat.models import Chat, ChatMessage
from prongsai.messaging.livechat.polling import after_id, is_htmx, last_id
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required


def _lists_html(request) -> str:
    context = {"console": selectors.console(org=request.org)}
    return render_to_string("livechat/staff/_lists.html", context, request=request)


def _lists_version(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()[:16]


@never_cache
@staff_required(*INBOX_ROLES)
def console(request):
    html = _lists_html(request)
    context = {
        "lists": html,
        "version": _lists_version(html),
        "availability": selectors.availability(org=request.org),
        "can_act": can_act(request.membership),
        "is_admin": request.membership.role == Membership.Role.ADMIN,
    }
    return render(request, "livechat/staff/console.html", context)


@never_cache
@require_GET
@staff_required(*INBOX_ROLES)
def console_lists(request):
    """The lists again, every few seconds; 204 while nothing in them changed."""
    html = _lists_html(request)
    version = _lists_version(html)
    if request.GET.get("v") == version:
        return HttpResponse(status=204)
    return render(request, "livechat/staff/_lists_poller.html", {"lists": html, "version": version})


def _chat_or_404(request, pk: int) -> Chat:
    chat = selectors.get_chat(org=request.org, pk=pk)
    if chat is None:
        raise Http404(_("ไม่พบแชทนี้"))
    if not can_see_confidential(membership=request.membership, case=chat.case):
        raise PermissionDenied(_("เรื่องนี้เป็นความลับ เฉพาะผู้ได้รับมอบหมาย"))
    return chat


def _panel_context(request, chat: Chat) -> dict:
    """What the actions beside the conversation need, for this member and this chat."""
    acting = can_act(request.membership) and not chat.is_closed
    mine = acting and chat.status == Chat.Status.ACTIVE and chat.agent_id == request.user.pk
    converted = chat.case.kind != chat.case.Kind.QUESTION
    context = {
        "chat": chat,
        "can_act": acting,
        "mine": mine,
        "converted": converted,
        "form": MessageForm(),
    }
    if acting:
        categories = selectors.complaint_services(org=request.org)
        context |= {
            "close_form": CloseForm(),
            "complaint_form": ComplaintForm(categories),
        }
    return context


@never_cache
@staff_required(*INBOX_ROLES)
def detail(request, pk: int):
    chat = _chat_or_404(request, pk)
    record_view(case=chat.case, request=request, via="chat")
    chat_messages = list(selectors.chat_messages(chat=chat))
    context = _panel_context(request, chat) | {
        "chat_messages": chat_messages,
        "last_id": last_id(chat_messages),
    }
    return render(request, "livechat/staff/detail.html", context)


@never_cache
@require_GET
@staff_required(*INBOX_ROLES)
def poll(request, pk: int):
    """Messages after `?after=<id>`; a change of state also refreshes the actions."""
    chat = _chat_or_404(request, pk)
    chat_messages = selectors.messages_after(chat=chat, after=after_id(request))
    if not chat_messages:
        return HttpResponse(status=204)
    # Only answers that carry messages are a reading; the empty polls are not.
    record_view(case=chat.case, request=request, via="chat")
    events = {message.event for message in chat_messages} - {ChatMessage.Event.NONE}
    context = _panel_context(request, chat) | {
        "chat_messages": chat_messages,
        "last_id": last_id(chat_messages),
        "closed": chat.is_closed,
        "refresh": bool(events),
    }
    return render(request, "livechat/staff/_poll.html", context)


@require_POST
@staff_required(*ACTING_ROLES)
def send(request, pk: int):
    chat = _chat_or_404(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.post_agent_message(chat=chat, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if not is_htmx(request):
                return redirect("org:chat_staff", request.org.slug, chat.pk)
            context = {"chat": chat, "form": MessageForm(autofocus=True), "mine": True}
            response = render(request, "livechat/staff/_compose.html", context)
            response["HX-Trigger"] = "chat-sent"
            return response
    if is_htmx(request):
        context = {"chat": chat, "form": form, "mine": True}
        return render(request, "livechat/staff/_compose.html", context)
    for error in form.errors.get("text", []) + form.non_field_errors():
        messages.error(request, error)
    return redirect("org:chat_staff", request.org.slug, chat.pk)


def _act(request, chat: Chat, action) -> HttpResponse:
    """Run one action; its errors come back as messages on the chat page."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("บันทึกแล้ว"))
    return redirect("org:chat_staff", request.org.slug, chat.pk)


@require_POST
@staff_required(*ACTING_ROLES)
def take(request, pk: int):
    chat = _chat_or_404(request, pk)
    return _act(
        request, chat, lambda: services.take_chat(chat=chat, actor=request.user, request=request)
    )


@require_POST
@staff_required(*ACTING_ROLES)
def close(request, pk: int):
    chat = _chat_or_404(request, pk)
    form = CloseForm(request.POST)

    def action():
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.close_chat(chat=chat, actor=request.user, request=request, **form.cleaned_data)

    return _act(request, chat, action)


@require_POST
@staff_required(*ACTING_ROLES)
def complaint(request, pk: int):
    chat = _chat_or_404(request, pk)
    form = ComplaintForm(selectors.complaint_services(org=request.org), request.POST)

    def action():
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.chat_to_complaint(
            chat=chat, service=form.cleaned_data["service"], actor=request.user, request=request
        )

    return _act(request, chat, action)


@require_http_methods(["GET", "POST"])
@staff_required(Membership.Role.ADMIN)
def hours(request):
    """The org's office hours for the chat, kept by its admins."""
    week = selectors.office_hours(org=request.org)
    form = OfficeHoursForm(week, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_office_hours(
                org=request.org, days=form.week(), actor=request.user, request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกเวลาทำการแล้ว"))
            return redirect("org:chat_console", request.org.slug)
    return render(request, "livechat/staff/hours.html", {"form": form})
