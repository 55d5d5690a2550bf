from datetime import date

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from prongsai.inbox import escalation, follow_through
from prongsai.inbox.models import Case, CaseEvent
from prongsai.inbox.selectors import can_see_confidential
from prongsai.inbox.tracking import display
from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.models import Membership, Organization
from prongsai.outbox.models import Message


def send_case_update(_message: Message, event_id: int) -> None:
    """E-mail the reporter a public event of their case, with the tracking link.

    Sent through the outbox (`notifications.notify_reporter`), which retries a
    mail server that is down.
    """
    event = CaseEvent.objects.select_related("case__org", "case__service").get(pk=event_id)
    case = event.case
    policy = follow_through.policy_for(case.org)
    # Only the mail of the resolution itself asks for the reporter's decision.
    deadline = (
        follow_through.decision_deadline(case, policy)
        if event.kind == CaseEvent.Kind.CLOSED and event.to_status == Case.Status.RESOLVED
        else None
    )
    with translation.override("th"):
        url = absolute_url(reverse("org:track", args=[case.org.slug, case.tracking_code]))
        context = {
            "case": case,
            "event": event,
            "code": display(case.tracking_code),
            "url": url,
            "survey_url": _survey_url(event),
            "decide_days": policy.confirm_days,
            "decide_until": deadline,
            "decide_url": f"{url}#decide",
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


# Late matters: escalation and the daily digest ------------------------------------------


def _member(org: Organization, user_id: int) -> Membership | None:
    """The recipient's place in the org, if they still hold one and have an address."""
    return (
        Membership.objects.for_org(org)
        .filter(user_id=user_id, is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "position")
        .first()
    )


def send_escalation(_message: Message, event_id: int, user_id: int) -> None:
    """E-mail a division head or an executive the late matter escalated to them."""
    event = CaseEvent.objects.select_related("case__org", "case__division", "case__assignee").get(
        pk=event_id
    )
    case = event.case
    member = _member(case.org, user_id)
    if member is None:
        return  # left the org since: the others were told
    with translation.override("th"):
        context = {
            "case": case,
            "event": event,
            "member": member,
            "code": display(case.tracking_code),
            "visible": can_see_confidential(membership=member, case=case),
            "reason": escalation.REASONS[event.data["reason"]],
            "to_executives": event.data["level"] == Case.Escalation.EXECUTIVES,
            "url": absolute_url(reverse("org:case", args=[case.org.slug, case.tracking_code])),
        }
        subject = render_to_string("inbox/email/escalation_subject.txt", context)
        body = render_to_string("inbox/email/escalation_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [member.user.email])


def send_digest(_message: Message, org_id: int, user_id: int, day: str) -> None:
    """E-mail one head (or admin) the digest of their division's open matters.

    Built when it is sent, so a mail retried later tells the state of then.
    """
    org = Organization.objects.get(pk=org_id)
    member = _member(org, user_id)
    if member is None:
        return
    on = date.fromisoformat(day)
    sections = escalation.digest_sections(org=org, membership=member, day=on)
    if not sections:
        return  # all closed since it was owed
    with translation.override("th"):
        context = {
            "org": org,
            "member": member,
            "day": on,
            "sections": sections,
            "total": sum(section.total for section in sections),
            "late": sum(len(section.late) for section in sections),
            "site": absolute_url(""),  # links are {{ site }}{% url … %}
        }
        subject = render_to_string("inbox/email/escalation_digest_subject.txt", context)
        body = render_to_string("inbox/email/escalation_digest_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [member.user.email])


@shared_task
def escalate_overdue_cases() -> int:
    """Escalate the late matters of every org; beat runs it every 15 minutes."""
    return escalation.escalate_overdue()


@shared_task
def send_division_digests() -> int:
    """Owe the heads their morning digest; beat runs it at 07:00."""
    return escalation.send_division_digests()
