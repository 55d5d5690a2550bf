"""Staff pages of the ITA results: the assessed years, one year's scores, and their analysis.

Admins and officers edit; executives read; plain staff have no access.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.ita import assessments
from prongsai.ita.assessment_forms import CsvImportForm, ScoresForm
from prongsai.ita.models import Assessment, FrameworkYear
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required

Role = Membership.Role
VIEWERS = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
EDITORS = (Role.ADMIN, Role.OFFICER)


def _can_edit(request) -> bool:
    return request.membership.role in EDITORS


def _framework(year: int) -> FrameworkYear:
    try:
        return FrameworkYear.objects.get(fiscal_year=year)
    except FrameworkYear.DoesNotExist:
        raise Http404(_("ยังไม่มีกรอบการประเมิน ITA ของปีงบประมาณนี้")) from None


def _assessment(org, framework: FrameworkYear) -> Assessment | None:
    return Assessment.objects.for_org(org).filter(year=framework).select_related("year").first()


@staff_required(*VIEWERS)
def assessment_list(request):
    summaries = assessments.summaries(org=request.org)
    assessed = {s.assessment.year_id for s in summaries}
    context = {
        "summaries": summaries,
        "open_years": FrameworkYear.objects.exclude(pk__in=assessed),
        "can_edit": _can_edit(request),
    }
    return render(request, "ita/assessment/list.html", context)


@staff_required(*VIEWERS)
def assessment_edit(request, year: int):
    framework = _framework(year)
    assessment = _assessment(request.org, framework)
    can_edit = _can_edit(request)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("ผู้บริหารดูผลการประเมินได้ แต่แก้ไขไม่ได้"))

    summary = assessments.summarize(assessment) if assessment else None
    initial = {}
    if summary:
        initial = {f"i{number}": score for number, score in summary.scores.items()}
        # A total the weights give is shown blank, so that it follows the scores when they change.
        computed = assessments.computed_total(framework, summary.scores)
        if assessment.total is not None and assessment.total != computed:
            initial["total"] = assessment.total

    posted = request.POST if request.method == "POST" else None
    which = posted.get("form") if posted else None
    form = ScoresForm(framework, posted if which == "scores" else None, initial=initial)
    csv_form = CsvImportForm(
        posted if which == "csv" else None, request.FILES if which == "csv" else None
    )

    if which == "scores" and form.is_valid():
        try:
            assessments.save_scores(
                org=request.org,
                year=framework,
                scores=form.scores(),
                total=form.cleaned_data["total"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกคะแนนปี %(year)s แล้ว") % {"year": year})
            return redirect("org:ita_assessment", request.org.slug, year)
    if which == "csv" and csv_form.is_valid():
        try:
            assessments.import_scores_csv(
                org=request.org,
                year=framework,
                content=csv_form.content(),
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            csv_form.add_error(None, error)
            messages.error(
                request,
                _("ไม่ได้บันทึกคะแนนจากไฟล์: %(problem)s") % {"problem": " ".join(error.messages)},
            )
        else:
            messages.success(request, _("นำเข้าคะแนนปี %(year)s จากไฟล์แล้ว") % {"year": year})
            return redirect("org:ita_assessment", request.org.slug, year)

    context = {
        "framework": framework,
        "assessment": assessment,
        "summary": summary,
        "tools": framework.tools.all(),
        "form": form,
        "csv_form": csv_form,
        "can_edit": can_edit,
    }
    return render(request, "ita/assessment/edit.html", context)


@staff_required(*VIEWERS)
def analysis(request, year: int):
    framework = _framework(year)
    assessment = _assessment(request.org, framework)
    context = {
        "framework": framework,
        "assessment": assessment,
        "summary": assessments.summarize(assessment) if assessment else None,
        "weak": assessments.weak_indicators(org=request.org, assessment=assessment)
        if assessment
        else [],
        "next_year": year + 1,
        "next_framework": FrameworkYear.objects.filter(fiscal_year=year + 1).first(),
        "adopted": assessments.next_plan_measures(org=request.org, year=framework),
        "can_edit": _can_edit(request),
    }
    return render(request, "ita/assessment/analysis.html", context)


@require_POST
@staff_required(*EDITORS)
def adopt(request, year: int):
    framework = _framework(year)
    assessment = _assessment(request.org, framework)
    if assessment is None:
        raise Http404(_("ยังไม่มีคะแนนของปีนี้"))
    number = request.POST.get("indicator", "")
    indicator = framework.indicators.filter(number=number).first() if number.isdigit() else None
    if indicator is None:
        raise Http404(_("ไม่พบตัวชี้วัดนี้"))
    try:
        measure = assessments.adopt_suggestion(
            org=request.org,
            indicator=indicator,
            title=request.POST.get("title", ""),
            actor=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("เพิ่มเป็นมาตรการที่ %(number)s ในแผนปี %(year)s แล้ว")
            % {"number": measure.number, "year": year + 1},
        )
    url = reverse("org:ita_analysis", args=[request.org.slug, year])
    return redirect(f"{url}#i{indicator.number}")
