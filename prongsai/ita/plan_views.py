"""The staff's plan pages: the plans of each year, their measures and steps, and the figure picker.

Admins and officers edit; executives read; other staff are refused; only admins
publish. Views parse, check rights and call `plans` (writes and the plan's
outline); another org's plan, measure, step or evidence answers 404.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from prongsai import thai
from prongsai.inbox.forms import apply_errors
from prongsai.ita import figures, plans
from prongsai.ita.models import Evidence, Measure, Plan, Step
from prongsai.ita.plan_forms import (
    EvidenceForm,
    FigureParamsForm,
    MeasureForm,
    PlanCreateForm,
    PlanIntroForm,
    PublishForm,
    StepForm,
)
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org

Role = Membership.Role
EDITORS = (Role.ADMIN, Role.OFFICER)
READERS = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
ACTIONS = ("save", "delete", "up", "down")


def _plan(request, year: int) -> Plan:
    return get_for_org(Plan.objects.select_related("org"), request.org, fiscal_year=year)


def _measure(plan: Plan, pk: int) -> Measure:
    try:
        return Measure.objects.select_related("plan__org").get(plan=plan, pk=pk)
    except Measure.DoesNotExist:
        raise Http404(_("ไม่พบมาตรการนี้ในแผน")) from None


def _step(plan: Plan, pk: int) -> Step:
    try:
        return Step.objects.select_related("measure__plan__org").get(measure__plan=plan, pk=pk)
    except Step.DoesNotExist:
        raise Http404(_("ไม่พบวิธีการดำเนินการนี้ในแผน")) from None


def _evidence(plan: Plan, pk: int) -> Evidence:
    try:
        return Evidence.objects.select_related("step__measure__plan__org").get(
            step__measure__plan=plan, pk=pk
        )
    except Evidence.DoesNotExist:
        raise Http404(_("ไม่พบหลักฐานนี้ในแผน")) from None


def _can_edit(request) -> bool:
    return request.membership.role in EDITORS


def _plan_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("org:ita_plan", args=[plan.org.slug, plan.fiscal_year])
    return f"{url}#{anchor}" if anchor else url


# Plans -----------------------------------------------------------------------------------------


@staff_required(*READERS)
def plan_list(request):
    return _plan_list_page(request)


def _plan_list_page(request, form=None):
    rows = list(
        Plan.objects.for_org(request.org)
        .select_related("org")
        .annotate(
            n_measures=Count("measures", distinct=True),
            n_steps=Count("measures__steps", distinct=True),
        )
    )
    measures_by_year = {plan.fiscal_year: plan.n_measures for plan in rows}
    for plan in rows:
        # A plan copies into next year unless that year already has measures.
        plan.can_copy = not measures_by_year.get(plan.fiscal_year + 1)
    context = {
        "plans": rows,
        "can_edit": _can_edit(request),
        "form": form or PlanCreateForm(),
    }
    return render(request, "ita/plans/plan_list.html", context)


@staff_required(*EDITORS)
@require_POST
def plan_create(request):
    form = PlanCreateForm(request.POST)
    if form.is_valid():
        try:
            plan = plans.create_plan(
                org=request.org, fiscal_year=form.cleaned_data["fiscal_year"], request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("สร้างแผนปีงบประมาณ %(year)s แล้ว เพิ่มมาตรการแรกได้เลย") % {"year": plan.fiscal_year},
            )
            return redirect(_plan_url(plan))
    messages.error(request, _("ยังไม่ได้สร้างแผน กรุณาแก้ไขตามที่แจ้งไว้"))
    return _plan_list_page(request, form=form)


@staff_required(*EDITORS)
@require_POST
def plan_copy(request, year: int):
    plan = _plan(request, year)
    try:
        copy = plans.copy_plan(org=request.org, plan=plan, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("org:ita_plans", request.org.slug)
    messages.success(
        request,
        _("คัดลอกมาตรการไปยังแผนปีงบประมาณ %(year)s แล้ว (ไม่รวมผลการดำเนินการ สถานะ และหลักฐาน)")
        % {"year": copy.fiscal_year},
    )
    return redirect(_plan_url(copy))


@staff_required(*READERS)
def plan_detail(request, year: int):
    plan = _plan(request, year)
    outline = plans.plan_outline(plan)
    can_edit = _can_edit(request)
    context = {
        "plan": plan,
        "outline": outline,
        "can_edit": can_edit,
        "can_publish": request.membership.role == Role.ADMIN,
        "intro_form": PlanIntroForm(instance=plan) if can_edit else None,
        "publish_form": PublishForm(initial={"o42": plan.o42_published, "o43": plan.o43_published}),
    }
    return render(request, "ita/plans/plan_detail.html", context)


@staff_required(*EDITORS)
@require_POST
def plan_intro(request, year: int):
    plan = _plan(request, year)
    form = PlanIntroForm(request.POST, instance=plan)
    if form.is_valid():
        plans.update_plan(
            org=request.org, plan=plan, intro=form.cleaned_data["intro"], request=request
        )
        messages.success(request, _("บันทึกบทนำของแผนแล้ว"))
    else:
        messages.error(request, _("ยังไม่ได้บันทึกบทนำ: %(errors)s") % {"errors": form.errors})
    return redirect(_plan_url(plan))


@staff_required(Role.ADMIN)
@require_POST
def plan_publish(request, year: int):
    plan = _plan(request, year)
    form = PublishForm(request.POST)
    form.is_valid()  # two checkboxes: anything unticked is False
    plan = plans.set_published(
        org=request.org,
        plan=plan,
        o42=form.cleaned_data.get("o42", False),
        o43=form.cleaned_data.get("o43", False),
        request=request,
    )
    messages.success(request, _("บันทึกการเผยแพร่แล้ว"))
    return redirect(_plan_url(plan, "publish"))


# Measures --------------------------------------------------------------------------------------


@staff_required(*EDITORS)
def measure_edit(request, year: int, pk: int | None = None):
    """Add a measure, or change, delete or move one."""
    plan = _plan(request, year)
    measure = _measure(plan, pk) if pk else None
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    if action and action not in ACTIONS:
        messages.error(request, _("ไม่รู้จักคำสั่งที่ส่งมา กรุณาลองใหม่"))
        return redirect(_plan_url(plan))
    if measure is not None and action in ("delete", "up", "down"):
        try:
            if action == "delete":
                plans.delete_measure(org=request.org, measure=measure, request=request)
                messages.success(
                    request,
                    _("ลบมาตรการที่ %(n)s พร้อมวิธีการดำเนินการทั้งหมดแล้ว") % {"n": measure.number},
                )
                return redirect(_plan_url(plan))
            plans.move_measure(org=request.org, measure=measure, direction=action, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(_plan_url(plan, f"m{measure.pk}"))

    initial = {} if measure else {"number": plans.next_measure_number(plan)}
    form = MeasureForm(
        plan, request.POST or None, instance=measure or Measure(plan=plan), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = plans.save_measure(
                org=request.org,
                plan=plan,
                measure=measure,
                number=data["number"],
                title=data["title"],
                tools=data["tools"],
                indicators=data["indicators"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("บันทึกมาตรการที่ %(n)s แล้ว") % {"n": saved.number},
            )
            if measure is None:
                return redirect("org:ita_step_new", request.org.slug, year, saved.pk)
            return redirect(_plan_url(plan, f"m{saved.pk}"))
    if request.method == "POST":
        messages.error(request, _("ยังไม่ได้บันทึกมาตรการ กรุณาแก้ไขตามที่แจ้งไว้"))
    context = {"plan": plan, "measure": measure, "form": form}
    return render(request, "ita/plans/measure_edit.html", context)


# Steps -----------------------------------------------------------------------------------------


@staff_required(*EDITORS)
def step_edit(request, year: int, pk: int | None = None, measure_pk: int | None = None):
    """Add a step to a measure, or change, delete or move one; its evidence is listed here too."""
    plan = _plan(request, year)
    step = _step(plan, pk) if pk else None
    measure = step.measure if step else _measure(plan, measure_pk)
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    if action and action not in ACTIONS:
        messages.error(request, _("ไม่รู้จักคำสั่งที่ส่งมา กรุณาลองใหม่"))
        return redirect(_plan_url(plan))
    if step is not None and action in ("delete", "up", "down"):
        try:
            if action == "delete":
                plans.delete_step(org=request.org, step=step, request=request)
                messages.success(request, _("ลบวิธีการดำเนินการแล้ว"))
                return redirect(_plan_url(plan, f"m{measure.pk}"))
            plans.move_step(org=request.org, step=step, direction=action, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(_plan_url(plan, f"s{step.pk}"))

    form = StepForm(request.org, measure, request.POST or None, instance=step or Step())
    if request.method == "POST" and form.is_valid():
        try:
            saved = plans.save_step(
                org=request.org,
                measure=measure,
                step=step,
                fields=form.step_fields(),
                divisions=form.cleaned_data["divisions"],
                positions=form.cleaned_data["positions"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกวิธีการดำเนินการแล้ว"))
            if request.POST.get("then") == "stay" or step is None:
                return redirect("org:ita_step", request.org.slug, year, saved.pk)
            return redirect(_plan_url(plan, f"s{saved.pk}"))
    if request.method == "POST":
        messages.error(request, _("ยังไม่ได้บันทึก กรุณาแก้ไขตามที่แจ้งไว้"))
    return _step_page(request, plan, measure, step, form)


def _step_page(request, plan, measure, step, form, evidence_form=None):
    context = {
        "plan": plan,
        "measure": measure,
        "step": step,
        "form": form,
        "figures": figures.figures(),
        "evidence": list(step.evidence.all()) if step else [],
        "evidence_form": evidence_form or EvidenceForm(),
    }
    return render(request, "ita/plans/step_edit.html", context)


# Evidence --------------------------------------------------------------------------------------


@staff_required(*EDITORS)
@require_POST
def evidence_add(request, year: int, pk: int):
    plan = _plan(request, year)
    step = _step(plan, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            plans.add_evidence(
                org=request.org,
                step=step,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                url=form.cleaned_data["url"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("แนบหลักฐานแล้ว"))
            url = reverse("org:ita_step", args=[request.org.slug, year, step.pk])
            return redirect(f"{url}#evidence")
    messages.error(request, _("ยังไม่ได้แนบหลักฐาน กรุณาแก้ไขตามที่แจ้งไว้"))
    step_form = StepForm(request.org, step.measure, instance=step)
    return _step_page(request, plan, step.measure, step, step_form, evidence_form=form)


@staff_required(*EDITORS)
@require_POST
def evidence_delete(request, year: int, pk: int):
    plan = _plan(request, year)
    evidence = _evidence(plan, pk)
    step = evidence.step
    plans.remove_evidence(org=request.org, evidence=evidence, request=request)
    messages.success(request, _("ลบหลักฐาน “%(title)s” แล้ว") % {"title": evidence.title})
    url = reverse("org:ita_step", args=[request.org.slug, year, step.pk])
    return redirect(f"{url}#evidence")


@staff_required(*READERS)
@require_GET
def evidence_file(request, year: int, pk: int):
    plan = _plan(request, year)
    evidence = _evidence(plan, pk)
    if not evidence.file:
        raise Http404(_("หลักฐานนี้เป็นลิงก์ ไม่มีไฟล์"))
    content_type = plans.evidence_content_type(evidence)
    extension = evidence.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=content_type,
        as_attachment=content_type == "application/pdf",
        filename=f"{evidence.title[:80]}.{extension}",
    )
    # Even a file that slipped through must not run as a page of this site.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


# The figure picker -----------------------------------------------------------------------------


def _month(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@staff_required(*EDITORS)
@require_GET
def figure_form(request):
    """The parameters of the chosen figure, as an HTML fragment for the picker."""
    figure = figures.get(request.GET.get("figure", ""))
    if figure is None:
        return render(request, "ita/plans/_figure_form.html", {"figure": None})
    # Dates start as the step's months, which is what a result usually counts over.
    start = _month(request.GET.get("start_month", ""))
    end = _month(request.GET.get("end_month", ""))
    initial = {}
    if start and end and start <= end:
        initial = {"start": start, "end": thai.month_end(end.year, end.month)}
    form = FigureParamsForm(figure, request.org, initial=initial)
    return render(request, "ita/plans/_figure_form.html", {"figure": figure, "form": form})


@staff_required(*EDITORS)
@require_POST
def figure_preview(request):
    """Check the picker's parameters; answer the placeholder and its value as of now.

    With `mode=insert` the fragment carries the placeholder for the picker's
    script to insert at the cursor; invalid parameters are answered with the
    form and its messages, and nothing is inserted.
    """
    figure = figures.get(request.POST.get("figure", ""))
    if figure is None:
        context = {"figure": None, "error": _("กรุณาเลือกตัวเลขที่จะแทรก")}
        return render(request, "ita/plans/_figure_form.html", context)
    form = FigureParamsForm(figure, request.org, request.POST)
    context = {"figure": figure, "form": form}
    if form.is_valid():
        params = form.params()
        text = figures.placeholder(figure.name, params)
        [rendered] = figures.render_texts(request.org, [text])
        context.update(
            placeholder=text,
            value=plans.rendered_html(rendered),
            problems=rendered.problems,
            insert=request.POST.get("mode") == "insert",
        )
    return render(request, "ita/plans/_figure_form.html", context)


@staff_required(*EDITORS)
@require_POST
def result_preview(request):
    """The whole result text as the report will print it, with its figures' problems."""
    text = request.POST.get("result", "")
    [rendered] = figures.render_texts(request.org, [text])
    context = {"html": plans.rendered_html(rendered), "problems": rendered.problems, "text": text}
    return render(request, "ita/plans/_result_preview.html", context)
