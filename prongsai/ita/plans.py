"""Measure plans: the staff's writes to plans, measures, steps and evidence, and the plan as read.

Every write takes the org explicitly, checks that what it touches belongs to it,
does all of its work or none (one transaction) and writes the audit log in that
transaction. `plan_outline` is the one read the staff pages need: the whole
plan with every step's result rendered by a single batch of figure
computations, whatever the number of steps.
"""

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from prongsai import thai
from prongsai.inbox.attachments import EXTENSIONS, clean_upload
from prongsai.ita import figures
from prongsai.ita.models import TOOL_CODES, Evidence, FrameworkYear, Indicator, Measure, Plan, Step
from prongsai.orgs import audit
from prongsai.orgs.models import Division, Organization, Position

DIRECTIONS = ("up", "down")
STEP_FIELDS = (
    "method",
    "responsible",
    "start_month",
    "end_month",
    "period_label",
    "result",
    "suggestion",
    "status",
)
CONTENT_TYPES = {extension: kind for kind, extension in EXTENSIONS.items()}


# Ownership -------------------------------------------------------------------------------------
# Views fetch with get_for_org; these guard callers that do not (commands, the API, imports).


def _own_plan(org: Organization, plan: Plan) -> None:
    if plan.org_id != org.pk:
        raise ValidationError(_("แผนนี้ไม่ใช่ของหน่วยงาน"))


def _own_measure(org: Organization, measure: Measure) -> None:
    _own_plan(org, measure.plan)


def _own_step(org: Organization, step: Step) -> None:
    _own_plan(org, step.measure.plan)


def _lines(text: str) -> str:
    """Trimmed text with Windows line ends made plain: paragraphs are separated by "\\n"."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


# Plans -----------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *,
    org: Organization,
    fiscal_year: int,
    intro: str = "",
    actor=None,
    request: HttpRequest | None = None,
) -> Plan:
    """The org's empty plan of a fiscal year; a year has one plan."""
    if Plan.objects.for_org(org).filter(fiscal_year=fiscal_year).exists():
        raise ValidationError(
            {"fiscal_year": _("ปีงบประมาณ %(year)s มีแผนอยู่แล้ว") % {"year": fiscal_year}}
        )
    plan = Plan(org=org, fiscal_year=fiscal_year, intro=_lines(intro))
    plan.full_clean()
    plan.save()
    audit.record(action="ita_plan_created", request=request, actor=actor, org=org, target=plan)
    return plan


@transaction.atomic
def update_plan(
    *,
    org: Organization,
    plan: Plan,
    intro: str,
    actor=None,
    request: HttpRequest | None = None,
) -> Plan:
    """Change the plan's introduction."""
    _own_plan(org, plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.intro = _lines(intro)
    plan.full_clean()
    plan.save(update_fields=["intro", "updated_at"])
    audit.record(action="ita_plan_changed", request=request, actor=actor, org=org, target=plan)
    return plan


@transaction.atomic
def set_published(
    *,
    org: Organization,
    plan: Plan,
    o42: bool,
    o43: bool,
    actor=None,
    request: HttpRequest | None = None,
) -> Plan:
    """Show or hide the plan (O42) and its results (O43) on the org's public pages."""
    _own_plan(org, plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if (plan.o42_published, plan.o43_published) == (o42, o43):
        return plan
    plan.o42_published, plan.o43_published = o42, o43
    plan.save(update_fields=["o42_published", "o43_published", "updated_at"])
    audit.record(
        action="ita_plan_published",
        request=request,
        actor=actor,
        org=org,
        target=plan,
        detail={"o42": o42, "o43": o43},
    )
    return plan


def _next_year_indicators(plan: Plan, target_year: int) -> dict[int, Indicator]:
    """The target year's indicators by number: a measure keeps the indicators that still exist."""
    framework = FrameworkYear.objects.filter(fiscal_year=target_year).first()
    if framework is None:
        return {}
    return {i.number: i for i in framework.indicators.all()}


def _shift(month: date | None) -> date | None:
    return month.replace(year=month.year + 1) if month else None


def _shifted_period(step: Step) -> tuple[date | None, date | None, str]:
    """Next year's months and label of a step.

    A label written for the months is dropped (it names last year); a label
    without months is read as months where it can be and shifted, and kept as
    typed otherwise ("ตลอดปีงบประมาณ" names no year).
    """
    if step.start_month and step.end_month:
        return _shift(step.start_month), _shift(step.end_month), ""
    if step.period_label:
        try:
            start, end = thai.parse_month_range(step.period_label)
        except thai.ThaiParseError:
            return None, None, step.period_label
        return _shift(start.replace(day=1)), _shift(end.replace(day=1)), ""
    return None, None, ""


@transaction.atomic
def copy_plan(
    *,
    org: Organization,
    plan: Plan,
    actor=None,
    request: HttpRequest | None = None,
) -> Plan:
    """Copy a plan's measures and steps into the next fiscal year, to be carried out again.

    Methods, responsibles, tools and indicators (where next year's framework
    has the same numbers) are copied; months move one year on. Results,
    suggestions, statuses and evidence belong to the year they happened in and
    stay behind. A next year that already has measures is refused; an empty
    plan of that year receives the copy.
    """
    _own_plan(org, plan)
    target_year = plan.fiscal_year + 1
    target = Plan.objects.for_org(org).select_for_update().filter(fiscal_year=target_year).first()
    if target is not None and target.measures.exists():
        raise ValidationError(
            _("ปีงบประมาณ %(year)s มีมาตรการอยู่แล้ว จึงคัดลอกทับไม่ได้") % {"year": target_year}
        )
    if target is None:
        target = Plan(org=org, fiscal_year=target_year)
        target.full_clean()
        target.save()
    indicators = _next_year_indicators(plan, target_year)
    measures = plan.measures.prefetch_related(
        "indicators",
        Prefetch("steps", queryset=Step.objects.prefetch_related("divisions", "positions")),
    )
    n_steps = 0
    for measure in measures:
        copy = Measure.objects.create(
            plan=target, number=measure.number, title=measure.title, tools=list(measure.tools)
        )
        copy.indicators.set(
            indicators[i.number] for i in measure.indicators.all() if i.number in indicators
        )
        for step in measure.steps.all():
            start, end, label = _shifted_period(step)
            new = Step(
                measure=copy,
                order=step.order,
                method=step.method,
                responsible=step.responsible,
                start_month=start,
                end_month=end,
                period_label=label,
            )
            new.full_clean()
            new.save()
            new.divisions.set(step.divisions.all())
            new.positions.set(step.positions.all())
            n_steps += 1
    audit.record(
        action="ita_plan_copied",
        request=request,
        actor=actor,
        org=org,
        target=target,
        detail={"from": plan.fiscal_year, "measures": len(measures), "steps": n_steps},
    )
    return target


# Measures --------------------------------------------------------------------------------------


def plan_indicators(plan: Plan):
    """The indicators a measure of this plan may name: those of the plan's framework year."""
    return Indicator.objects.filter(year__fiscal_year=plan.fiscal_year).select_related("tool")


@transaction.atomic
def save_measure(
    *,
    org: Organization,
    plan: Plan,
    number: int,
    title: str,
    tools: Iterable[str] = (),
    indicators: Iterable[Indicator] = (),
    measure: Measure | None = None,
    actor=None,
    request: HttpRequest | None = None,
) -> Measure:
    """Add a measure to the plan (without `measure`) or change one of its measures."""
    _own_plan(org, plan)
    if measure is not None and measure.plan_id != plan.pk:
        raise ValidationError(_("มาตรการนี้ไม่ได้อยู่ในแผนนี้"))
    tools = list(dict.fromkeys(tools))
    if set(tools) - set(TOOL_CODES):
        raise ValidationError({"tools": _("เครื่องมือต้องเป็น IIT, EIT หรือ OIT")})
    indicators = list(indicators)
    allowed = set(plan_indicators(plan).values_list("pk", flat=True))
    if any(i.pk not in allowed for i in indicators):
        raise ValidationError({"indicators": _("ตัวชี้วัดต้องเป็นของกรอบการประเมินปีเดียวกับแผน")})
    if not title.strip():
        raise ValidationError({"title": _("กรุณาพิมพ์ชื่อมาตรการ")})
    taken = Measure.objects.select_for_update().filter(plan=plan, number=number)
    if measure is not None:
        taken = taken.exclude(pk=measure.pk)
    if taken.exists():
        raise ValidationError(
            {"number": _("แผนนี้มีมาตรการที่ %(n)s อยู่แล้ว กรุณาใช้ลำดับอื่น") % {"n": number}}
        )
    created = measure is None
    if created:
        measure = Measure(plan=plan)
    else:
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
    measure.number, measure.title, measure.tools = number, _lines(title), tools
    measure.full_clean()
    measure.save()
    measure.indicators.set(indicators)
    audit.record(
        action="ita_measure_created" if created else "ita_measure_changed",
        request=request,
        actor=actor,
        org=org,
        target=plan,
        detail={"measure": measure.pk, "number": number, "title": measure.title[:100]},
    )
    return measure


def next_measure_number(plan: Plan) -> int:
    last = plan.measures.aggregate(last=Max("number"))["last"]
    return 1 if last is None else last + 1


@transaction.atomic
def delete_measure(
    *,
    org: Organization,
    measure: Measure,
    actor=None,
    request: HttpRequest | None = None,
) -> None:
    """Remove a measure with its steps and their evidence."""
    _own_measure(org, measure)
    plan = measure.plan
    files = [e.file.name for e in Evidence.objects.filter(step__measure=measure) if e.file]
    detail = {"measure": measure.pk, "number": measure.number, "title": measure.title[:100]}
    measure.delete()
    _delete_files_on_commit(files)
    audit.record(
        action="ita_measure_deleted",
        request=request,
        actor=actor,
        org=org,
        target=plan,
        detail=detail,
    )


@transaction.atomic
def move_measure(
    *,
    org: Organization,
    measure: Measure,
    direction: str,
    actor=None,
    request: HttpRequest | None = None,
) -> None:
    """Swap a measure's number with the measure above or below; at either end nothing moves."""
    _own_measure(org, measure)
    if direction not in DIRECTIONS:
        raise ValidationError(_("ทิศทางที่เลือกไม่ถูกต้อง"))
    plan = measure.plan
    measures = list(Measure.objects.select_for_update().filter(plan=plan).order_by("number"))
    index = next(n for n, m in enumerate(measures) if m.pk == measure.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(measures):
        return
    a, b = measures[index], measures[other]
    # Numbers are unique in a plan: park one on a free number while they swap.
    parked = max(m.number for m in measures) + 1
    a_number, b_number = a.number, b.number
    Measure.objects.filter(pk=a.pk).update(number=parked)
    Measure.objects.filter(pk=b.pk).update(number=a_number)
    Measure.objects.filter(pk=a.pk).update(number=b_number)
    audit.record(
        action="ita_measure_moved",
        request=request,
        actor=actor,
        org=org,
        target=plan,
        detail={"measure": measure.pk, "direction": direction},
    )


# Steps -----------------------------------------------------------------------------------------


def _check_responsibles(org: Organization, divisions: list, positions: list) -> None:
    if any(d.org_id != org.pk for d in divisions):
        raise ValidationError({"divisions": _("สำนัก/กองต้องเป็นของหน่วยงานเดียวกัน")})
    if any(p.org_id != org.pk for p in positions):
        raise ValidationError({"positions": _("ตำแหน่งต้องเป็นของหน่วยงานเดียวกัน")})


@transaction.atomic
def save_step(
    *,
    org: Organization,
    measure: Measure,
    fields: Mapping[str, Any],
    divisions: Iterable[Division] = (),
    positions: Iterable[Position] = (),
    step: Step | None = None,
    actor=None,
    request: HttpRequest | None = None,
) -> Step:
    """Add a step at the end of the measure (without `step`) or change one of its steps.

    `fields` holds any of STEP_FIELDS; months are first days of months inside
    the plan's fiscal year, both or neither.
    """
    _own_measure(org, measure)
    unknown = set(fields) - set(STEP_FIELDS)
    if unknown:
        raise ValueError(f"unknown step fields {sorted(unknown)}")
    if step is not None and step.measure_id != measure.pk:
        raise ValidationError(_("วิธีการดำเนินการนี้ไม่ได้อยู่ในมาตรการนี้"))
    divisions, positions = list(divisions), list(positions)
    _check_responsibles(org, divisions, positions)
    created = step is None
    if created:
        last = measure.steps.aggregate(last=Max("order"))["last"]
        step = Step(measure=measure, order=0 if last is None else last + 1)
    else:
        step = Step.objects.select_for_update().select_related("measure__plan").get(pk=step.pk)
    for name, value in fields.items():
        if isinstance(value, str):
            value = _lines(value)
        if name in ("start_month", "end_month") and value:
            value = value.replace(day=1)
        setattr(step, name, value)
    if not step.method:
        raise ValidationError({"method": _("กรุณาพิมพ์วิธีการดำเนินการ")})
    step.full_clean()
    step.save()
    step.divisions.set(divisions)
    step.positions.set(positions)
    audit.record(
        action="ita_step_added" if created else "ita_step_changed",
        request=request,
        actor=actor,
        org=org,
        target=measure.plan,
        detail={
            "measure": measure.pk,
            "step": step.pk,
            "method": step.method[:100],
            "fields": sorted(fields),
        },
    )
    return step


@transaction.atomic
def delete_step(
    *,
    org: Organization,
    step: Step,
    actor=None,
    request: HttpRequest | None = None,
) -> None:
    """Remove a step with its evidence; the steps after it close up."""
    _own_step(org, step)
    measure = step.measure
    files = [e.file.name for e in step.evidence.all() if e.file]
    detail = {"measure": measure.pk, "step": step.pk, "method": step.method[:100]}
    step.delete()
    _renumber(list(measure.steps.select_for_update()))
    _delete_files_on_commit(files)
    audit.record(
        action="ita_step_deleted",
        request=request,
        actor=actor,
        org=org,
        target=measure.plan,
        detail=detail,
    )


def _renumber(steps: list[Step]) -> None:
    for n, step in enumerate(steps):
        if step.order != n:
            step.order = n
            step.save(update_fields=["order"])


@transaction.atomic
def move_step(
    *,
    org: Organization,
    step: Step,
    direction: str,
    actor=None,
    request: HttpRequest | None = None,
) -> None:
    """Swap a step with the one above or below it in its measure; at either end nothing moves."""
    _own_step(org, step)
    if direction not in DIRECTIONS:
        raise ValidationError(_("ทิศทางที่เลือกไม่ถูกต้อง"))
    measure = step.measure
    steps = list(measure.steps.select_for_update())
    index = next(n for n, s in enumerate(steps) if s.pk == step.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(steps):
        return
    steps[index], steps[other] = steps[other], steps[index]
    _renumber(steps)
    audit.record(
        action="ita_step_moved",
        request=request,
        actor=actor,
        org=org,
        target=measure.plan,
        detail={"step": step.pk, "direction": direction},
    )


# Evidence --------------------------------------------------------------------------------------


def _delete_files_on_commit(names: list[str]) -> None:
    if not names:
        return
    storage = Evidence._meta.get_field("file").storage

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def add_evidence(
    *,
    org: Organization,
    step: Step,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
    actor=None,
    request: HttpRequest | None = None,
) -> Evidence:
    """Attach a file (a PDF or an image, checked by content) or a link to a step."""
    _own_step(org, step)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("กรุณาตั้งชื่อหลักฐาน")})
    if upload is None and not url:
        raise ValidationError(_("แนบไฟล์หรือใส่ลิงก์อย่างน้อยหนึ่งอย่าง"))
    evidence = Evidence(step=step, title=title, url=url)
    if getattr(actor, "pk", None):
        evidence.uploaded_by = actor
    elif request is not None and request.user.is_authenticated:
        evidence.uploaded_by = request.user
    stored = ""
    if upload is not None:
        try:
            clean = clean_upload(upload)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        # A random name: the uploader's file name says nothing the title does not.
        name = secrets.token_hex(8) + EXTENSIONS[clean.content_type]
        evidence.file.save(name, ContentFile(clean.data), save=False)
        stored = evidence.file.name
    try:
        evidence.full_clean()
        evidence.save()
        audit.record(
            action="ita_evidence_added",
            request=request,
            actor=actor,
            org=org,
            target=step.measure.plan,
            detail={"step": step.pk, "evidence": evidence.pk, "title": title[:100]},
        )
    except BaseException:
        # The file was stored before the row; a row that is not written leaves no file behind.
        if stored:
            evidence.file.storage.delete(stored)
        raise
    return evidence


@transaction.atomic
def remove_evidence(
    *,
    org: Organization,
    evidence: Evidence,
    actor=None,
    request: HttpRequest | None = None,
) -> None:
    """Remove one piece of evidence and, once that is committed, its file."""
    step = evidence.step
    _own_step(org, step)
    detail = {"step": step.pk, "evidence": evidence.pk, "title": evidence.title[:100]}
    files = [evidence.file.name] if evidence.file else []
    evidence.delete()
    _delete_files_on_commit(files)
    audit.record(
        action="ita_evidence_removed",
        request=request,
        actor=actor,
        org=org,
        target=step.measure.plan,
        detail=detail,
    )


def evidence_content_type(evidence: Evidence) -> str:
    """The type a stored file was accepted as: its name's extension was chosen at upload."""
    name = evidence.file.name.lower()
    return next(
        (kind for ext, kind in CONTENT_TYPES.items() if name.endswith(ext)),
        "application/octet-stream",
    )


# Reading a plan --------------------------------------------------------------------------------


@dataclass
class StepRow:
    step: Step
    number: int  # 1, 2, … within its measure, as printed
    responsible: str
    period: str
    result: SafeString
    problems: list[str] = field(default_factory=list)


@dataclass
class MeasureRow:
    measure: Measure
    steps: list[StepRow]


@dataclass
class Outline:
    plan: Plan
    measures: list[MeasureRow]
    problems: list[tuple[MeasureRow, StepRow, str]]


def responsible_text(step: Step) -> str:
    """As printed: the typed text, or else the names of the divisions and positions."""
    if step.responsible:
        return step.responsible
    names = [d.name for d in step.divisions.all()] + [p.name for p in step.positions.all()]
    return ", ".join(names)


def period_text(step: Step) -> str:
    """As printed: the typed label, or else the months written the Thai way."""
    if step.period_label:
        return step.period_label
    if step.start_month and step.end_month:
        return thai.format_month_range(step.start_month, step.end_month)
    return ""


def rendered_html(rendered: figures.Rendered) -> SafeString:
    """A rendered text as HTML: figures marked, paragraphs kept as line breaks."""
    parts = []
    for text, is_figure in rendered.pieces:
        html = escape(text).replace("\n", "<br>")
        if is_figure:
            kind = "figure figure--missing" if text == figures.MISSING else "figure"
            html = f'<mark class="{kind}">{html}</mark>'
        parts.append(html)
    return mark_safe("".join(parts))  # every piece is escaped above


def plan_outline(plan: Plan) -> Outline:
    """The plan with its measures and steps; every result rendered in one batch of figures."""
    steps = Step.objects.prefetch_related("divisions", "positions", "evidence")
    measures = list(
        plan.measures.prefetch_related(
            "indicators", Prefetch("steps", queryset=steps, to_attr="ordered_steps")
        )
    )
    all_steps = [step for measure in measures for step in measure.ordered_steps]
    rendered = iter(figures.render_texts(plan.org, [step.result for step in all_steps]))
    rows, problems = [], []
    for measure in measures:
        row = MeasureRow(measure=measure, steps=[])
        for number, step in enumerate(measure.ordered_steps, start=1):
            result = next(rendered)
            step_row = StepRow(
                step=step,
                number=number,
                responsible=responsible_text(step),
                period=period_text(step),
                result=rendered_html(result),
                problems=result.problems,
            )
            row.steps.append(step_row)
            problems.extend((row, step_row, problem) for problem in result.problems)
        rows.append(row)
    return Outline(plan=plan, measures=rows, problems=problems)
