"""Writing a parsed report into the org's plan of one fiscal year, all or nothing."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.ita.importing.model import ParsedReport, PlanNotEmpty
from prongsai.ita.importing.read import parse_report
from prongsai.ita.models import Evidence, Measure, Plan, Step
from prongsai.orgs import audit
from prongsai.orgs.models import Division, Organization, Position


def _squash(text: str) -> str:
    # "สำนักปลัดอบต." and "สำนักปลัด อบต." are the same division.
    return "".join(text.split()).casefold()


@dataclass
class ResponsibleMatcher:
    """Finds the org's divisions and positions named in a printed "responsible" text."""

    names: list[tuple[str, Division | Position]]

    @classmethod
    def for_org(cls, org: Organization) -> "ResponsibleMatcher":
        names: list[tuple[str, Division | Position]] = []
        for division in Division.objects.for_org(org):
            names += [(_squash(n), division) for n in {division.name, division.short_name} if n]
        for position in Position.objects.for_org(org):
            names.append((_squash(position.name), position))
        # Longest first, so "หัวหน้าสำนักปลัด อบต." is a position, not the division inside it.
        names.sort(key=lambda item: len(item[0]), reverse=True)
        return cls([(name, obj) for name, obj in names if name])

    def match(self, text: str) -> tuple[list[Division], list[Position]]:
        rest = _squash(text)
        divisions: list[Division] = []
        positions: list[Position] = []
        for name, obj in self.names:
            if name not in rest:
                continue
            rest = rest.replace(name, "\0")
            found = divisions if isinstance(obj, Division) else positions
            if obj not in found:
                found.append(obj)
        return divisions, positions


@dataclass
class PlanContents:
    measures: int
    steps: int
    evidence: int


def plan_contents(*, org: Organization, fiscal_year: int) -> PlanContents:
    """What an import with `replace` would delete from the org's plan of that year."""
    measures = Measure.objects.filter(plan__org=org, plan__fiscal_year=fiscal_year)
    return PlanContents(
        measures=measures.count(),
        steps=Step.objects.filter(measure__in=measures).count(),
        evidence=Evidence.objects.filter(step__measure__in=measures).count(),
    )


@transaction.atomic
def save_report(
    *,
    org: Organization,
    fiscal_year: int,
    report: ParsedReport,
    replace: bool = False,
    actor=None,
    request=None,
    filename: str = "",
) -> Plan:
    """Write `report` as the measures of the org's plan for `fiscal_year`, in one transaction.

    A plan that already has measures is refused (PlanNotEmpty) unless `replace`,
    which deletes its measures, steps and evidence first. Responsible texts are
    kept as printed and linked to the org's divisions and positions they name.
    """
    plan, _created = Plan.objects.select_for_update().get_or_create(
        org=org, fiscal_year=fiscal_year
    )
    existing = plan.measures.count()
    if existing and not replace:
        raise PlanNotEmpty(
            _("แผนปีงบประมาณ %(year)s มีมาตรการอยู่แล้ว %(count)s ข้อ: เลือกแทนที่ หรือลบมาตรการเดิมก่อน")
            % {"year": fiscal_year, "count": existing}
        )
    if existing:
        plan.measures.all().delete()
    if report.intro and (replace or not plan.intro):
        plan.intro = report.intro
        plan.save(update_fields=["intro", "updated_at"])
    matcher = ResponsibleMatcher.for_org(org)
    for parsed in report.measures:
        measure = Measure.objects.create(
            plan=plan, number=parsed.number, title=parsed.title, tools=parsed.tools
        )
        for order, parsed_step in enumerate(parsed.steps, 1):
            step = Step.objects.create(
                measure=measure,
                order=order,
                method=parsed_step.method,
                responsible=parsed_step.responsible,
                start_month=parsed_step.start_month,
                end_month=parsed_step.end_month,
                period_label=parsed_step.period_label,
                result=parsed_step.result,
                suggestion=parsed_step.suggestion,
            )
            divisions, positions = matcher.match(parsed_step.responsible)
            step.divisions.set(divisions)
            step.positions.set(positions)
    audit.record(
        action="plan_imported",
        request=request,
        actor=actor,
        org=org,
        target=plan,
        detail={
            "fiscal_year": fiscal_year,
            "file": filename[:200],
            "measures": len(report.measures),
            "steps": report.step_count,
            "replaced_measures": existing,
        },
    )
    return plan


def import_report(
    *,
    org: Organization,
    fiscal_year: int,
    data: bytes,
    filename: str = "",
    replace: bool = False,
    actor=None,
    request=None,
) -> Plan:
    """Read a report file and write it into the org's plan of `fiscal_year`.

    Raises ReportError (nothing written) when the file cannot be read, and
    PlanNotEmpty when the plan has measures and `replace` is False.
    """
    report = parse_report(data, fiscal_year=fiscal_year, filename=filename)
    return save_report(
        org=org,
        fiscal_year=fiscal_year,
        report=report,
        replace=replace,
        actor=actor,
        request=request,
        filename=filename,
    )
