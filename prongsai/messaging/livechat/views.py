"""What a visitor sees: the chat page, sending, and the poll for new messages.

The visitor's chat is found only through the random token kept in their
session: no URL names a chat, so no one can open another visitor's chat.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai import ratelimits
from prongsai.inbox.forms import apply_errors
from prongsai.messaging.livechat import selectors, services
from prongsai.messaging.livechat.forms import MessageForm, StartForm
from prongsai.messaging.livechat.models import Chat, ChatMessage
from prongsai.messaging.livechat.polling import after_id, is_htmx, last_id

SESSION_KEY = "livechat"


def _token(request) -> str | None:
    return request.session.get(SESSION_KEY, {}).get(str(request.org.pk))


def _remember(request, token: str | None) -> None:
    tokens = dict(request.session.get(SESSION_KEY, {}))
    if token is None:
        tokens.pop(str(request.org.pk), None)
    else:
        tokens[str(request.org.pk)] = token
    request.session[SESSION_KEY] = tokens


def _visitor_chat(request) -> Chat | None:
    token = _token(request)
    return selectors.chat_for_token(org=request.org, token=token) if token else None


def _is_rate_limited(error: ValidationError) -> bool:
    errors = error.error_dict.get("text", []) if hasattr(error, "error_dict") else []
    return any(e.code == "rate_limited" for e in errors)


def _chat_page(request, chat: Chat, form: MessageForm | None = None, status: int = 200):
    messages = list(selectors.chat_messages(chat=chat))
    context = {
        "chat": chat,
        "chat_messages": messages,
        "last_id": last_id(messages),
        "form": form or MessageForm(),
        "availability": selectors.availability(org=request.org),
    }
    return render(request, "livechat/chat.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def chat(request):
    """The visitor's chat, or the form that starts one."""
    org = request.org
    current = _visitor_chat(request)
    if current is not None:
        if request.method == "POST":
            return redirect("org:chat", org.slug)
        return _chat_page(request, current)
    form = StartForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        # Each new chat is a Case in the inbox.
        verdict = ratelimits.hit(request=request, org=org, bucket="chat_start")
        if not verdict:
            form.add_error(None, _("มีการเริ่มแชทจากเครือข่ายนี้มากเกินไป กรุณาลองใหม่ภายหลัง"))
            refusal = verdict
        else:
            try:
                started = services.start_chat(org=org, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                _remember(request, started.token)
                return redirect("org:chat", org.slug)
    context = {"form": form, "availability": selectors.availability(org=org)}
    return ratelimits.refused(render(request, "livechat/start.html", context), refusal)


@require_POST
def send(request):
    """One message from the visitor; htmx gets a fresh form back and polls at once."""
    current = _visitor_chat(request)
    if current is None:
        raise Http404(_("ไม่พบการสนทนาของท่าน"))
    form = MessageForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            services.post_visitor_message(chat=current, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_errors(form, error)
            if _is_rate_limited(error):
                status = 429
        else:
            if not is_htmx(request):
                return redirect("org:chat", request.org.slug)
            form = MessageForm(autofocus=True)
            response = render(request, "livechat/_compose.html", {"chat": current, "form": form})
            response["HX-Trigger"] = "chat-sent"
            return response
    if is_htmx(request):
        # htmx swaps only 2xx answers: the errors come back in the form itself.
        return render(request, "livechat/_compose.html", {"chat": current, "form": form})
    return _chat_page(request, current, form, status=status)


@never_cache
@require_GET
def poll(request):
    """Messages after `?after=<id>`: 204 when there are none, the common answer."""
    token = _token(request)
    if not token:
        raise Http404(_("ไม่พบการสนทนาของท่าน"))
    messages = selectors.visitor_messages_after(
        org=request.org, token=token, after=after_id(request)
    )
    if not messages:
        return HttpResponse(status=204)
    events = {message.event for message in messages} - {ChatMessage.Event.NONE}
    chat = messages[-1].chat
    context = {
        "chat": chat,
        "chat_messages": messages,
        "last_id": last_id(messages),
        "closed": ChatMessage.Event.CLOSED in events,
        "refresh": bool(events),
        "form": MessageForm(),
    }
    return render(request, "livechat/_poll.html", context)


@require_POST
def restart(request):
    """Leave a finished chat to start another."""
    current = _visitor_chat(request)
    if current is not None and current.is_closed:
        _remember(request, None)
    return redirect("org:chat", request.org.slug)
