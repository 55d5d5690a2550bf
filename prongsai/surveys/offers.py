"""Satisfaction after service: inviting the reporter of a closed case to rate it.

The inbox and the messaging channels call these few functions, importing this
module inside their own functions, so that surveys depends on inbox and never
the other way round at import time.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.orgs.hosts import absolute_url
from prongsai.surveys.models import Response, Survey
from prongsai.surveys.selectors import closing_survey


def case_survey_url(case) -> str:
    """The full address of the page where the reporter rates this case."""
    return absolute_url(reverse("org:case_survey", args=[case.org.slug, case.tracking_code]))


def offer_for(case) -> tuple[Survey, str] | None:
    """The survey and its full address, while the reporter of this closed case may rate it.

    Nothing for a case still open, for a corruption complaint (its reporter
    stays out of sight), for a staff-only case (no public page may link it),
    when no survey is offered on closing, or once the case was rated.
    """
    if case.is_open or case.is_confidential or case.is_staff_only:
        return None
    survey = closing_survey(case=case)
    if survey is None or not survey.is_accepting():
        return None
    if Response.objects.filter(survey=survey, case=case).exists():
        return None
    return survey, case_survey_url(case)


def response_for(case) -> Response | None:
    """The reporter's rating of this case, if they gave one."""
    return Response.objects.filter(case=case).order_by("-submitted_at", "-pk").first()


def score_for(case) -> Decimal | None:
    """The reporter's mean score (1–5) for this case, if they rated it."""
    response = response_for(case)
    return response.score if response is not None else None


def invitation_text(case) -> str:
    """One line inviting the reporter to rate the case, for a chat message; "" if none."""
    offer = offer_for(case)
    if offer is None:
        return ""
    return _("ประเมินความพึงพอใจต่อการให้บริการได้ที่ %(url)s") % {"url": offer[1]}
