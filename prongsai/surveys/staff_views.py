"""The staff's survey pages: building surveys, their results, exports and the satisfaction report.

Admins and officers build; executives read results; other staff are refused.
Views parse, check rights and call `builder` (writes) or the selectors (reads).
"""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from prongsai import thai
from prongsai.inbox.forms import apply_errors
from prongsai.orgs import audit
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org
from prongsai.surveys import builder, exports, reports, selectors
from prongsai.surveys.models import Choice, Question, Survey
from prongsai.surveys.staff_forms import (
    QuestionForm,
    SurveyForm,
    fiscal_years,
    read_period,
)

Role = Membership.Role
BUILDERS = (Role.ADMIN, Role.OFFICER)
READERS = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
QUESTION_ACTIONS = ("save", "delete", "up", "down")


def _survey(request, pk: int) -> Survey:
    return get_for_org(
        Survey.objects.select_related("division", "service", "project"), request.org, pk=pk
    )


def _can_build(request) -> bool:
    return request.membership.role in BUILDERS


def _period_query(start: date | None, end: date | None) -> str:
    params = {k: v.isoformat() for k, v in (("start", start), ("end", end)) if v is not None}
    return f"?{urlencode(params)}" if params else ""


def _year_links(path: str) -> list[dict]:
    return [
        {"year": year, "url": path + _period_query(first, last), "start": first, "end": last}
        for year, first, last in fiscal_years()
    ]


@staff_required(*READERS)
def survey_list(request):
    surveys = selectors.with_satisfaction(
        Survey.objects.for_org(request.org).select_related("division", "service", "project")
    )
    status = request.GET.get("status", "")
    if status in Survey.Status.values:
        surveys = surveys.filter(status=status)
    else:
        status = ""
    context = {
        "rows": [(survey, selectors.satisfaction_of(survey)) for survey in surveys],
        "status": status,
        "statuses": Survey.Status.choices,
        "can_build": _can_build(request),
    }
    return render(request, "surveys/staff/survey_list.html", context)


@staff_required(*BUILDERS)
def survey_edit(request, pk: int | None = None):
    survey = _survey(request, pk) if pk else Survey()
    form = SurveyForm(request.org, request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        fields = form.survey_fields()
        try:
            if pk:
                saved = builder.update_survey(
                    org=request.org, survey=survey, fields=fields, request=request
                )
            else:
                saved = builder.create_survey(org=request.org, fields=fields, request=request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกแบบสำรวจ “%(title)s” แล้ว") % {"title": saved.title})
            return redirect("org:survey_questions", request.org.slug, saved.pk)
    return render(request, "surveys/staff/survey_edit.html", {"form": form, "survey": survey})


def _questions_page(request, survey: Survey, *, new_form=None, editing=None, edit_form=None):
    # Respondents, not rows: a multiple-choice answer has a row per ticked choice.
    questions = survey.questions.annotate(
        n_answers=Count("answers__response", distinct=True)
    ).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.annotate(n_answers=Count("answer")))
    )
    edit_pk = editing.pk if editing else _int(request.GET.get("edit"))
    rows = []
    for question in questions:
        form = None
        if question.pk == edit_pk:
            form = edit_form or QuestionForm.for_question(question)
        rows.append({"question": question, "form": form})
    context = {
        "survey": survey,
        "rows": rows,
        "new_form": new_form or QuestionForm(prefix="new", initial={"kind": Question.Kind.LIKERT}),
        "responses": survey.responses.count(),
        "public_url": request.build_absolute_uri(
            reverse("org:survey", args=[request.org.slug, survey.pk])
        ),
    }
    return render(request, "surveys/staff/survey_questions.html", context)


def _int(value) -> int | None:
    return int(value) if value and str(value).isascii() and str(value).isdigit() else None


@staff_required(*BUILDERS)
def survey_questions(request, pk: int):
    """The survey's own page: its status, its questions, and a form to add one."""
    survey = _survey(request, pk)
    if request.method != "POST":
        return _questions_page(request, survey)
    form = QuestionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            builder.add_question(
                org=request.org, survey=survey, request=request, **form.question_fields()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("เพิ่มคำถามแล้ว"))
            return redirect(reverse("org:survey_questions", args=[request.org.slug, pk]) + "#new")
    messages.error(request, _("ยังไม่ได้เพิ่มคำถาม กรุณาแก้ไขตามที่แจ้งไว้"))
    return _questions_page(request, survey, new_form=form)


@staff_required(*BUILDERS)
@require_POST
def survey_question(request, pk: int, qpk: int):
    """Save, delete or move one question of the survey."""
    survey = _survey(request, pk)
    try:
        question = survey.questions.select_related("survey").get(pk=qpk)
    except Question.DoesNotExist:
        raise Http404(_("ไม่พบคำถามนี้ในแบบสำรวจ")) from None
    page = reverse("org:survey_questions", args=[request.org.slug, pk])
    action = request.POST.get("action", "")
    if action not in QUESTION_ACTIONS:
        messages.error(request, _("ไม่รู้จักคำสั่งที่ส่งมา กรุณาลองใหม่"))
        return redirect(page)
    if action == "save":
        form = QuestionForm(request.POST, prefix=f"q{question.pk}")
        if form.is_valid():
            try:
                builder.update_question(
                    org=request.org, question=question, request=request, **form.question_fields()
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("บันทึกคำถามแล้ว"))
                return redirect(f"{page}#q{question.pk}")
        messages.error(request, _("ยังไม่ได้บันทึกคำถาม กรุณาแก้ไขตามที่แจ้งไว้"))
        return _questions_page(request, survey, editing=question, edit_form=form)
    try:
        if action == "delete":
            builder.delete_question(org=request.org, question=question, request=request)
            messages.success(request, _("ลบคำถามแล้ว"))
            return redirect(page)
        builder.move_question(org=request.org, question=question, direction=action, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{page}#q{question.pk}")


@staff_required(*BUILDERS)
@require_POST
def survey_status(request, pk: int):
    survey = _survey(request, pk)
    try:
        survey = builder.set_status(
            org=request.org, survey=survey, status=request.POST.get("status", ""), request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if survey.status == Survey.Status.OPEN:
            messages.success(request, _("เปิดรับคำตอบแล้ว"))
        else:
            messages.success(request, _("ปิดรับคำตอบแล้ว"))
    return redirect("org:survey_questions", request.org.slug, survey.pk)


@staff_required(*READERS)
def survey_results(request, pk: int):
    survey = _survey(request, pk)
    period, start, end = read_period(request.GET)
    summary = reports.survey_summary(survey=survey, start=start, end=end)
    texts = reports.latest_text_answers(survey=survey, start=start, end=end)
    query = _period_query(start, end)
    path = reverse("org:survey_results", args=[request.org.slug, pk])
    context = {
        "survey": survey,
        "summary": summary,
        "rows": [
            {"summary": item, "texts": texts.get(item.question.pk, [])}
            for item in summary.questions
        ],
        "shown": reports.TEXT_ANSWERS_SHOWN,
        "period": period,
        "start": start,
        "end": end,
        "period_text": exports.period_text(start, end),
        "query": query,
        "years": _year_links(path),
        "all_url": path,
        "can_build": _can_build(request),
        "exports": [
            (fmt.upper(), reverse("org:survey_export", args=[request.org.slug, pk, fmt]) + query)
            for fmt in exports.FORMATS
        ],
    }
    return render(request, "surveys/staff/survey_results.html", context)


@staff_required(*READERS)
def survey_text_answers(request, pk: int, qpk: int):
    """Every written answer of one text question, newest first, 50 to a page."""
    survey = _survey(request, pk)
    try:
        question = survey.questions.get(pk=qpk, kind__in=Question.TEXT_KINDS)
    except Question.DoesNotExist:
        raise Http404(_("ไม่พบคำถามนี้ในแบบสำรวจ")) from None
    _form, start, end = read_period(request.GET)
    answers = selectors.text_answers(question=question, start=start, end=end)
    page = Paginator(answers, reports.TEXT_ANSWERS_SHOWN).get_page(request.GET.get("page"))
    context = {
        "survey": survey,
        "question": question,
        "page": page,
        "period_text": exports.period_text(start, end),
        "query": _period_query(start, end),
        "page_query": "&" + _period_query(start, end)[1:] if start or end else "",
    }
    return render(request, "surveys/staff/text_answers.html", context)


@staff_required(*READERS)
def survey_export(request, pk: int, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404(_("ไม่มีไฟล์รูปแบบนี้"))
    survey = _survey(request, pk)
    _form, start, end = read_period(request.GET)
    # PDPA: respondents' contact data only for the org's admins.
    with_contact = survey.asks_contact and request.membership.role == Role.ADMIN
    table = exports.response_table(survey=survey, start=start, end=end, with_contact=with_contact)
    audit.record(
        action="survey_exported",
        request=request,
        target=survey,
        detail={
            "format": fmt,
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "with_contact": with_contact,
            "rows": len(table.rows),
        },
    )
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(table), content_type=exports.CSV_TYPE)
    else:
        response = HttpResponse(exports.to_xlsx(table), content_type=exports.XLSX_TYPE)
    stamp = timezone.localdate().isoformat()
    filename = f"{request.org.slug}-survey-{survey.pk}-responses-{stamp}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _fiscal_year_period() -> tuple[date, date]:
    return thai.fiscal_year_range(thai.fiscal_year(timezone.localdate()))


@staff_required(*READERS)
def satisfaction(request):
    """Satisfaction per division, service and project over a period (the fiscal year by default)."""
    period, start, end = read_period(request.GET, default=_fiscal_year_period())
    groups = [
        (title, selectors.satisfaction_by(org=request.org, by=by, start=start, end=end))
        for by, title in (
            ("division", _("สำนัก/กอง")),
            ("service", _("บริการ")),
            ("project", _("โครงการมีส่วนร่วม")),
        )
    ]
    context = {
        "groups": groups,
        "period": period,
        "start": start,
        "end": end,
        "period_text": exports.period_text(start, end),
        "years": _year_links(reverse("org:satisfaction", args=[request.org.slug])),
        "report_url": reverse("org:satisfaction_report", args=[request.org.slug])
        + _period_query(start, end),
    }
    return render(request, "surveys/staff/satisfaction.html", context)


@staff_required(*READERS)
def satisfaction_report(request):
    """The printable satisfaction report (A4) of a period: the OIT evidence."""
    period, start, end = read_period(request.GET, default=_fiscal_year_period())
    # With one end given, the report runs to the other end of that day's fiscal year.
    if start and not end:
        end = thai.fiscal_year_range(thai.fiscal_year(start))[1]
    elif end and not start:
        start = thai.fiscal_year_range(thai.fiscal_year(end))[0]
    report = reports.satisfaction_report(org=request.org, start=start, end=end)
    context = {
        "report": report,
        "start": start,
        "end": end,
        "period": period,
        "years": _year_links(reverse("org:satisfaction_report", args=[request.org.slug])),
    }
    return render(request, "surveys/staff/satisfaction_report.html", context)
