from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from prongsai.inbox.models import CaseEvent
from prongsai.inbox.tracking import display
from prongsai.orgs.hosts import absolute_url
from prongsai.outbox.models import Message


def send_case_update(_message: Message, event_id: int) -> None:
    """E-mail the reporter a public event of their case, with the tracking link.

    Sent through the outbox (`notifications.notify_reporter`), which retries a
    mail server that is down.
    """
    event = CaseEvent.objects.select_related("case__org").get(pk=event_id)
    case = event.case
    with translation.override("th"):
        context = {
            "case": case,
            "event": event,
            "code": display(case.tracking_code),
            "url": absolute_url(reverse("org:track", args=[case.org.slug, case.tracking_code])),
            "survey_url": _survey_url(event),
        }
        subject = render_to_string("inbox/email/update_subject.txt", context).strip()
        body = render_to_string("inbox/email/update_body.txt", context)
    send_mail(subject, body, None, [case.reporter_email])


def _survey_url(event: CaseEvent) -> str:
    """Where the reporter rates the service, in the mail that tells them the case is closed."""
    if event.kind != CaseEvent.Kind.CLOSED:
        return ""
    # Imported here: surveys depends on inbox, not the other way round at load time.
    from prongsai.surveys.offers import offer_for

    offer = offer_for(event.case)
    return offer[1] if offer is not None else ""


def send_handler_update(_message: Message, event_id: int) -> None:
    """E-mail the assignee what the reporter or another citizen added to their case."""
    event = CaseEvent.objects.select_related("case__org", "case__assignee").get(pk=event_id)
    case = event.case
    if case.assignee is None or not case.assignee.email:
        return  # handed on since: the new holder sees it in the inbox
    with translation.override("th"):
        context = {
            "case": case,
            "event": event,
            "code": display(case.tracking_code),
            "url": absolute_url(reverse("org:case", args=[case.org.slug, case.tracking_code])),
        }
        subject = render_to_string("inbox/email/handler_subject.txt", context).strip()
        body = render_to_string("inbox/email/handler_body.txt", context)
    send_mail(subject, body, None, [case.assignee.email])
