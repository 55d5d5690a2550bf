import logging
import smtplib

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from prongsai.inbox.models import CaseEvent
from prongsai.inbox.tracking import display
from prongsai.orgs.hosts import absolute_url

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8)
def send_case_update(self, event_id: int) -> None:
    """E-mail the reporter a public event of their case, with the tracking link."""
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
    try:
        send_mail(subject, body, None, [case.reporter_email])
    except (smtplib.SMTPException, OSError) as exc:
        if self.request.is_eager:
            # No worker to retry later: log it rather than fail the staff action.
            log.error("could not e-mail the reporter of case %s: %s", case.tracking_code, exc)
            return
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


def _survey_url(event: CaseEvent) -> str:
    """Where the reporter rates the service, in the mail that tells them the case is closed."""
    if event.kind != CaseEvent.Kind.CLOSED:
        return ""
    # Imported here: surveys depends on inbox, not the other way round at load time.
    from prongsai.surveys.offers import offer_for

    offer = offer_for(event.case)
    return offer[1] if offer is not None else ""
