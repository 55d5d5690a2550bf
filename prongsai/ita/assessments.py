"""An org's ITA scores: entering and importing them, their level, and the analysis of them.

Pure scoring functions first (no database), then services (writes, atomic and
audited) and selectors (reads). Every function that touches data takes the org
explicitly.
"""

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.ita import plans
from prongsai.ita.models import (
    TOOL_CODES,
    Assessment,
    FrameworkYear,
    Indicator,
    IndicatorScore,
    Measure,
    Plan,
)
from prongsai.orgs import audit
from prongsai.orgs.models import Organization
from prongsai.thai import to_arabic_digits

CENT = Decimal("0.01")
MAX_CSV_BYTES = 100_000
# A CSV row whose first cell is one of these carries the total score, not an indicator.
TOTAL_LABELS = {"total", "รวม", "คะแนนรวม"}


# Scoring ---------------------------------------------------------------------------------


def tool_scores(
    scores: Mapping[int, Decimal], indicator_tools: Mapping[int, str]
) -> dict[str, Decimal]:
    """Each tool's score: the mean of the scores of its indicators that have one.

    `scores` maps indicator numbers to scores, `indicator_tools` indicator
    numbers to tool codes. The NACC weighs a tool's indicators equally, so the
    weighted mean is the plain mean; a tool without any score is left out.
    """
    grouped: dict[str, list[Decimal]] = {}
    for number, score in scores.items():
        grouped.setdefault(indicator_tools[number], []).append(Decimal(score))
    return {
        tool: (sum(values) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)
        for tool, values in grouped.items()
    }


def weighted_total(
    by_tool: Mapping[str, Decimal], weights: Mapping[str, Decimal]
) -> Decimal | None:
    """The total score from the tools' scores and weights, or None while a tool has no score."""
    if not weights or set(weights) - set(by_tool):
        return None
    weight_sum = sum(Decimal(w) for w in weights.values())
    if not weight_sum:
        return None
    total = sum(by_tool[tool] * Decimal(w) for tool, w in weights.items()) / weight_sum
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_score(text: str) -> Decimal:
    """A score 0–100 with at most two decimals, in Arabic or Thai digits; ValueError otherwise."""
    cleaned = to_arabic_digits(text.strip()).replace(",", ".") if text else ""
    try:
        score = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("“%(text)s” ไม่ใช่ตัวเลข") % {"text": text.strip()}) from None
    if not score.is_finite() or not 0 <= score <= 100:
        raise ValueError(_("คะแนนต้องอยู่ระหว่าง 0 ถึง 100"))
    if score != score.quantize(CENT):
        raise ValueError(_("คะแนนมีทศนิยมได้ไม่เกินสองตำแหน่ง"))
    return score.quantize(CENT)


@dataclass
class ParsedScores:
    scores: dict[int, Decimal]
    total: Decimal | None = None


def parse_scores_csv(content: bytes | str, *, year: FrameworkYear) -> ParsedScores:
    """Read `indicator,score` rows (header optional, Thai digits allowed).

    A row `total,<score>` (or `คะแนนรวม,…`) gives the total. Any bad row raises
    ValidationError naming the row, so that callers save nothing.
    """
    if isinstance(content, bytes):
        if len(content) > MAX_CSV_BYTES:
            raise ValidationError(_("ไฟล์ใหญ่เกินไป (ไม่เกิน 100 KB)"))
        text = _decode(content)
    else:
        text = content
    numbers = set(year.indicators.values_list("number", flat=True))
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    result = ParsedScores(scores={})
    seen_row = False
    for line, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        first = not seen_row
        seen_row = True

        def bad(problem: str, line: int = line) -> ValidationError:
            message = _("แถวที่ %(row)s: %(problem)s") % {"row": line, "problem": problem}
            return ValidationError(message)

        key = to_arabic_digits(cells[0]).lower()
        key = key.removeprefix("ตัวชี้วัดที่").strip()
        if first and not key.isdigit() and key not in TOTAL_LABELS:
            continue  # a header row
        if len(cells) < 2 or not cells[1] or any(cells[2:]):
            raise bad(_("ต้องมีสองช่อง: ตัวชี้วัด และคะแนน"))
        try:
            score = parse_score(cells[1])
        except ValueError as error:
            raise bad(str(error)) from None
        if key in TOTAL_LABELS:
            if result.total is not None:
                raise bad(_("มีคะแนนรวมซ้ำ"))
            result.total = score
            continue
        if not key.isdigit() or int(key) not in numbers:
            raise bad(
                _("ไม่มีตัวชี้วัด “%(indicator)s” ในกรอบการประเมินปี %(year)s")
                % {"indicator": cells[0], "year": year.fiscal_year}
            )
        if int(key) in result.scores:
            raise bad(_("ตัวชี้วัดที่ %(number)s ซ้ำกับแถวก่อนหน้า") % {"number": int(key)})
        result.scores[int(key)] = score
    if not result.scores and result.total is None:
        raise ValidationError(_("ไม่พบคะแนนในไฟล์"))
    return result


def _decode(content: bytes) -> str:
    # Excel on Thai Windows saves CSV as TIS-620 (cp874) unless told to use UTF-8.
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("อ่านไฟล์ไม่ได้ กรุณาบันทึกเป็น CSV แบบ UTF-8"))


# Services --------------------------------------------------------------------------------


@transaction.atomic
def save_scores(
    *,
    org: Organization,
    year: FrameworkYear,
    scores: Mapping[int, Decimal | None],
    total: Decimal | None,
    actor,
    request=None,
    action: str = "ita_scores_saved",
) -> Assessment:
    """Set the org's scores of `year` for the indicators given (None clears one).

    When `total` is None it is computed from the tools' weights once every tool
    has a score. Indicators not in `scores` keep their scores.
    """
    indicators = {i.number: i for i in year.indicators.select_related("tool")}
    unknown = sorted(set(scores) - set(indicators))
    if unknown:
        raise ValidationError(
            _("ไม่มีตัวชี้วัดที่ %(number)s ในกรอบการประเมินปี %(year)s")
            % {"number": unknown[0], "year": year.fiscal_year}
        )
    for value in [*scores.values(), total]:
        if value is not None and not 0 <= value <= 100:
            raise ValidationError(_("คะแนนต้องอยู่ระหว่าง 0 ถึง 100"))

    assessment, _created = Assessment.objects.get_or_create(org=org, year=year)
    existing = {s.indicator.number: s for s in assessment.scores.select_related("indicator")}
    for number, value in scores.items():
        if value is None:
            if number in existing:
                existing.pop(number).delete()
        elif number in existing:
            existing[number].score = value
            existing[number].save(update_fields=["score"])
        else:
            existing[number] = IndicatorScore.objects.create(
                assessment=assessment, indicator=indicators[number], score=value
            )
    if total is None:
        total = computed_total(year, {n: s.score for n, s in existing.items()})
    assessment.total = total
    assessment.save()
    audit.record(
        action=action,
        request=request,
        actor=actor,
        org=org,
        target=assessment,
        detail={
            "year": year.fiscal_year,
            "scores": {str(n): str(s.score) for n, s in sorted(existing.items())},
            "total": str(total) if total is not None else None,
        },
    )
    return assessment


def import_scores_csv(
    *, org: Organization, year: FrameworkYear, content: bytes | str, actor, request=None
) -> Assessment:
    """Save the scores of a CSV file, all or nothing (see `parse_scores_csv`)."""
    parsed = parse_scores_csv(content, year=year)
    return save_scores(
        org=org,
        year=year,
        scores=parsed.scores,
        total=parsed.total,
        actor=actor,
        request=request,
        action="ita_scores_imported",
    )


class AlreadyAdopted(ValidationError):
    pass


@transaction.atomic
def adopt_suggestion(
    *, org: Organization, indicator: Indicator, title: str, actor, request=None
) -> Measure:
    """Put one suggested measure of a weak indicator into the org's plan of the next year.

    Creates that Plan when missing and a Measure with the next free number,
    tagged with the indicator's tool and linked to the indicator of the same
    number in the next year's framework (when it exists). The same suggestion
    adopted twice is refused.
    """
    if title not in indicator.suggested_measures:
        raise ValidationError(_("ไม่พบมาตรการนี้ในรายการที่แนะนำของตัวชี้วัด"))
    next_year = indicator.year.fiscal_year + 1
    plan = Plan.objects.for_org(org).filter(fiscal_year=next_year).first()
    if plan is None:
        plan = plans.create_plan(org=org, fiscal_year=next_year, actor=actor, request=request)
    # Lock the plan so that two adoptions at once cannot take the same number.
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.measures.filter(title=title).exists():
        raise AlreadyAdopted(
            _("มาตรการ “%(title)s” อยู่ในแผนปี %(year)s แล้ว") % {"title": title, "year": next_year}
        )
    number = (plan.measures.aggregate(Max("number"))["number__max"] or 0) + 1
    measure = Measure.objects.create(
        plan=plan, number=number, title=title, tools=[indicator.tool.code]
    )
    successor = Indicator.objects.filter(
        year__fiscal_year=next_year, number=indicator.number
    ).first()
    if successor is not None:
        measure.indicators.add(successor)
    audit.record(
        action="ita_measure_adopted",
        request=request,
        actor=actor,
        org=org,
        target=measure,
        detail={
            "from_year": indicator.year.fiscal_year,
            "indicator": indicator.number,
            "plan_year": next_year,
            "number": number,
        },
    )
    return measure


# Selectors -------------------------------------------------------------------------------


def computed_total(year: FrameworkYear, scores: Mapping[int, Decimal]) -> Decimal | None:
    """The total the weights give for these indicator scores, or None while a tool lacks one."""
    indicators = {i.number: i.tool.code for i in year.indicators.select_related("tool")}
    weights = {tool.code: tool.weight for tool in year.tools.all()}
    return weighted_total(tool_scores(scores, indicators), weights)


@dataclass
class Summary:
    """An assessment with what the pages show of it."""

    assessment: Assessment
    scores: dict[int, Decimal]
    by_tool: dict[str, Decimal]
    level: str

    @property
    def below_target(self) -> bool:
        total = self.assessment.total
        return total is not None and total < self.assessment.year.target

    @property
    def tool_list(self) -> list[tuple[str, Decimal | None]]:
        """(tool code, score or None) for every tool, in the usual IIT, EIT, OIT order."""
        return [(code, self.by_tool.get(code)) for code in TOOL_CODES]


def summarize(assessment: Assessment) -> Summary:
    year = assessment.year
    indicator_tools = {i.number: i.tool.code for i in year.indicators.select_related("tool")}
    scores = {s.indicator.number: s.score for s in assessment.scores.select_related("indicator")}
    by_tool = tool_scores(scores, indicator_tools)
    level = year.level_for(assessment.total, by_tool) if assessment.total is not None else ""
    return Summary(assessment=assessment, scores=scores, by_tool=by_tool, level=level)


def summaries(*, org: Organization) -> list[Summary]:
    """The org's assessed years, newest first."""
    assessments = Assessment.objects.for_org(org).select_related("year")
    return [summarize(assessment) for assessment in assessments]


@dataclass
class Suggestion:
    title: str
    adopted: Measure | None = None


@dataclass
class WeakIndicator:
    indicator: Indicator
    score: Decimal
    suggestions: list[Suggestion] = field(default_factory=list)


def weak_indicators(*, org: Organization, assessment: Assessment) -> list[WeakIndicator]:
    """The indicators scored under the year's target, weakest first, with their suggestions.

    A suggestion already in the next year's plan carries the measure it became.
    """
    year = assessment.year
    adopted = {
        measure.title: measure
        for measure in Measure.objects.filter(plan__org=org, plan__fiscal_year=year.fiscal_year + 1)
    }
    weak = [
        WeakIndicator(
            indicator=score.indicator,
            score=score.score,
            suggestions=[
                Suggestion(title=title, adopted=adopted.get(title))
                for title in score.indicator.suggested_measures
            ],
        )
        for score in assessment.scores.select_related("indicator__tool")
        if score.score < year.target
    ]
    return sorted(weak, key=lambda w: (w.score, w.indicator.number))


def next_plan_measures(*, org: Organization, year: FrameworkYear) -> Iterable[Measure]:
    """The measures of the org's plan for the year after `year`."""
    return (
        Measure.objects.filter(plan__org=org, plan__fiscal_year=year.fiscal_year + 1)
        .prefetch_related("indicators")
        .order_by("number")
    )
