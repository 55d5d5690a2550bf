"""Citizens answer surveys here: no login, a few taps on a phone."""

import secrets

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from prongsai import ratelimits, thai
from prongsai.inbox import selectors as inbox_selectors
from prongsai.inbox.models import Case
from prongsai.orgs.models import validate_fiscal_year
from prongsai.orgs.tenancy import get_for_org
from prongsai.surveys import reports, selectors, services
from prongsai.surveys.models import LIKERT_LABELS, Response, Survey

# A cookie per survey says "answered on this device"; it holds no identifier.
ANSWERED_COOKIE = "answered-{pk}"
ANSWERED_SALT = "prongsai.surveys.answered"
ANSWERED_MAX_AGE = 60 * 60 * 24 * 400


def _public_survey(request, pk: int) -> Survey:
    return get_for_org(Survey.objects.exclude(status=Survey.Status.DRAFT), request.org, pk=pk)


def _answered_here(request, survey: Survey) -> bool:
    value = request.get_signed_cookie(
        ANSWERED_COOKIE.format(pk=survey.pk),
        default=None,
        salt=ANSWERED_SALT,
        max_age=ANSWERED_MAX_AGE,
    )
    return value == "1"


def _questions(survey: Survey, posted=None, errors=None) -> list[dict]:
    """Each question with what was posted and its error, for the form template."""
    errors = errors or {}
    rows = []
    for question in survey.questions.prefetch_related("choices"):
        values = posted.getlist(question.field_name) if posted is not None else []
        rows.append(
            {"question": question, "values": values, "error": errors.get(question.field_name)}
        )
    return rows


def _render_form(request, survey, *, case=None, posted=None, errors=None, status=200):
    errors = errors or {}
    context = {
        "survey": survey,
        "case": case,
        "questions": _questions(survey, posted, errors),
        "likert": LIKERT_LABELS,
        "token": posted.get("token", "") if posted is not None else secrets.token_urlsafe(24),
        "form_error": errors.get("__all__"),
        "contact_errors": {k: errors.get(k) for k in ("email", "consent")},
        "contact": {
            "name": posted.get("contact_name", "") if posted is not None else "",
            "phone": posted.get("contact_phone", "") if posted is not None else "",
            "email": posted.get("contact_email", "") if posted is not None else "",
            "consent": posted is not None and posted.get("consent") == "on",
        },
        "accepting": survey.is_accepting(),
    }
    return render(request, "surveys/answer.html", context, status=status)


def _submit(request, survey: Survey, case: Case | None = None):
    """Store the posted answers, or the form again with what is wrong (400, 429)."""
    # Counted before the answers are checked: a flood must not tip the satisfaction figures.
    verdict = ratelimits.hit(request=request, org=request.org, bucket="survey")
    if not verdict:
        errors = {"__all__": ratelimits.message(verdict)}
        response = _render_form(request, survey, case=case, posted=request.POST, errors=errors)
        return ratelimits.refused(response, verdict)
    try:
        services.submit_response(
            survey=survey,
            data={k: v for k, v in request.POST.lists()},
            token=request.POST.get("token", ""),
            contact={
                "name": request.POST.get("contact_name", ""),
                "phone": request.POST.get("contact_phone", ""),
                "email": request.POST.get("contact_email", ""),
            },
            consent=request.POST.get("consent") == "on",
            case=case,
        )
    except ValidationError as error:
        errors = (
            {k: v[0] for k, v in error.message_dict.items()}
            if hasattr(error, "error_dict")
            else {"__all__": error.messages[0]}
        )
        return _render_form(
            request, survey, case=case, posted=request.POST, errors=errors, status=400
        )
    response = redirect("org:survey_thanks", request.org.slug, survey.pk)
    response.set_signed_cookie(
        ANSWERED_COOKIE.format(pk=survey.pk),
        "1",
        salt=ANSWERED_SALT,
        max_age=ANSWERED_MAX_AGE,
        # The survey's own pages (form and thanks) are the only ones that read it.
        path=reverse("org:survey", args=[request.org.slug, survey.pk]),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    survey = _public_survey(request, pk)
    if _answered_here(request, survey) and not survey.allow_repeat:
        token = request.POST.get("token", "")
        if request.method == "POST" and not Response.objects.filter(survey=survey, token=token):
            # Another form of the same survey, from a second tab: say it was not stored.
            return render(
                request, "surveys/thanks.html", _thanks_context(request, survey), status=409
            )
        return redirect("org:survey_thanks", request.org.slug, survey.pk)
    if request.method == "POST":
        return _submit(request, survey)
    return _render_form(request, survey)


def _thanks_context(request, survey: Survey) -> dict:
    return {
        "survey": survey,
        "result": selectors.satisfaction(survey=survey),
        "answered": _answered_here(request, survey),
        "refused": request.method == "POST",
    }


def thanks(request, pk: int):
    survey = _public_survey(request, pk)
    return render(request, "surveys/thanks.html", _thanks_context(request, survey))


@require_http_methods(["GET", "POST"])
def answer_for_case(request, code: str):
    """The reporter rates the service they got, once their case is closed."""
    case = inbox_selectors.get_case(org=request.org, code=code)
    if case is None or case.is_open or case.is_confidential or case.is_staff_only:
        raise Http404(_("ไม่พบเรื่องที่ประเมินได้"))
    if case.tracking_code != code:
        return redirect("org:case_survey", request.org.slug, case.tracking_code)
    survey = selectors.closing_survey(case=case)
    if survey is None:
        raise Http404(_("หน่วยงานยังไม่มีแบบประเมินความพึงพอใจสำหรับเรื่องนี้"))
    if Response.objects.filter(survey=survey, case=case).exists():
        return redirect("org:survey_thanks", request.org.slug, survey.pk)
    if request.method == "POST":
        return _submit(request, survey, case)
    return _render_form(request, survey, case=case)


def satisfaction_report(request, year: int):
    """The satisfaction report of a fiscal year, published as OIT evidence."""
    try:
        validate_fiscal_year(year)
    except ValidationError:
        raise Http404 from None
    start, end = thai.fiscal_year_range(year)
    context = {
        "report": reports.satisfaction_report(org=request.org, start=start, end=end),
        "start": start,
        "end": end,
        "year": year,
        "first_year": selectors.first_response_year(org=request.org),
        "current_year": thai.fiscal_year(timezone.localdate()),
    }
    return render(request, "surveys/satisfaction_report.html", context)
