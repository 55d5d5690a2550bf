"""Staff-side figures for the reports: training dates and attendance, meeting dates,
acknowledgement of circulars, budget questions and proposals.

`{{training_dates training=7}}` prints "๒๐-๒๒ มีนาคม ๒๕๖๖" from the training's
record, so the O43 report quotes what was recorded rather than what was typed.
Each figure answers all its uses in one query; the counting helpers here are
reused by the quarterly report.
"""

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.models import Case, CaseEvent
from prongsai.inbox.selectors import day_range
from prongsai.integrity.budget import ANSWER_EVENTS
from prongsai.integrity.models import Acknowledgement, BudgetProposal, Circular, Meeting, Training
from prongsai.ita.figures import Figure, FigureError, Param, param_date
from prongsai.orgs.models import Membership, Organization, validate_fiscal_year

_HUNDRED = Decimal(100)


def _ids(uses: list[dict[str, str]], key: str) -> list[int]:
    return [int(use[key]) for use in uses if use.get(key, "").isdigit()]


def _count(queryset: QuerySet, group: str) -> Coalesce:
    """COUNT(*) of a correlated `queryset` whose rows all share `group`, as a column (0 if none)."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_acknowledgements(circulars: QuerySet[Circular], *, org: Organization) -> QuerySet:
    """Annotate circulars with `n_recipients` and `n_acknowledged`, in the same query.

    As on the circular's page (`circulars.acknowledgement_rate`): recipients are
    the org's active staff (of the circular's divisions if it names any) plus
    whoever acknowledged it and has since left or moved, so the rate never
    passes 100 %.
    """
    through = Circular.divisions.through
    has_divisions = Exists(through.objects.filter(circular_id=OuterRef("pk")))
    staff = Membership.objects.filter(org=org, is_active=True, user__is_active=True)
    # Correlated to the circular one level up (the staff count) …
    staff_of_divisions = staff.filter(
        division_id__in=through.objects.filter(circular_id=OuterRef(OuterRef("pk"))).values(
            "division_id"
        )
    )
    acks = Acknowledgement.objects.filter(circular_id=OuterRef("pk"))
    # … and through the acknowledgement two levels up (readers no longer addressed).
    acked_outside_divisions = acks.exclude(
        user_id__in=staff.filter(
            division_id__in=through.objects.filter(
                circular_id=OuterRef(OuterRef("circular_id"))
            ).values("division_id")
        ).values("user_id")
    )
    acked_outside_staff = acks.exclude(user_id__in=staff.values("user_id"))
    return circulars.annotate(
        n_acknowledged=_count(acks, "circular"),
        n_recipients=models.Case(
            models.When(
                has_divisions,
                then=_count(staff_of_divisions, "org")
                + _count(acked_outside_divisions, "circular"),
            ),
            default=_count(staff, "org") + _count(acked_outside_staff, "circular"),
            output_field=IntegerField(),
        ),
    )


def acknowledged_percent(acknowledged: int, recipients: int) -> Decimal | None:
    if not recipients:
        return None
    return (Decimal(acknowledged) * _HUNDRED / recipients).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def budget_question_counts(
    *, org: Organization, periods: Iterable[tuple[date, date]]
) -> dict[tuple[date, date], dict[str, int]]:
    """Budget questions received in each period: asked, answered, and still unanswered ("open").

    Answered as on the budget pages (`budget.answers`): a public reply or a
    closing result with text. All periods are counted by one query.
    """
    periods = list(dict.fromkeys(periods))
    if not periods:
        return {}
    answered = Exists(
        CaseEvent.objects.filter(
            case_id=OuterRef("pk"), kind__in=ANSWER_EVENTS, is_public=True
        ).exclude(text="")
    )
    cases = Case.objects.for_org(org).filter(kind=Case.Kind.BUDGET).alias(answered=answered)
    totals = {}
    for n, (start, end) in enumerate(periods):
        low, high = day_range(start, end)
        within = Q(received_at__gte=low, received_at__lt=high)
        totals[f"asked_{n}"] = Count("pk", filter=within)
        totals[f"answered_{n}"] = Count("pk", filter=within & Q(answered=True))
    row = cases.aggregate(**totals)
    out = {}
    for n, period in enumerate(periods):
        asked, done = row[f"asked_{n}"], row[f"answered_{n}"]
        out[period] = {"asked": asked, "answered": done, "open": asked - done}
    return out


# Choices for the figure picker.


def _trainings(org: Organization) -> list[tuple[str, str]]:
    return [
        (str(t.pk), f"{t.title} ({t.starts_on:%Y-%m-%d})") for t in Training.objects.for_org(org)
    ]


def _meetings(org: Organization) -> list[tuple[str, str]]:
    return [(str(m.pk), f"{m.title} ({m.held_on:%Y-%m-%d})") for m in Meeting.objects.for_org(org)]


def _circulars(org: Organization) -> list[tuple[str, str]]:
    return [(str(c.pk), c.title) for c in Circular.objects.for_org(org)]


# The figures.


def training_dates(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    found = {
        pk: (start, end)
        for pk, start, end in Training.objects.for_org(org)
        .filter(pk__in=_ids(uses, "training"))
        .values_list("pk", "starts_on", "ends_on")
    }
    return [_found(found, use["training"], _("ไม่พบการฝึกอบรมนี้ในหน่วยงาน")) for use in uses]


def training_attendees(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    found = dict(
        Training.objects.for_org(org)
        .filter(pk__in=_ids(uses, "training"))
        .annotate(n=Count("attendees"))
        .values_list("pk", "n")
    )
    return [_found(found, use["training"], _("ไม่พบการฝึกอบรมนี้ในหน่วยงาน")) for use in uses]


def meeting_date(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    found = dict(
        Meeting.objects.for_org(org)
        .filter(pk__in=_ids(uses, "meeting"))
        .values_list("pk", "held_on")
    )
    return [_found(found, use["meeting"], _("ไม่พบการประชุมนี้ในหน่วยงาน")) for use in uses]


def circular_acks(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    found = {
        c.pk: (c.n_acknowledged, c.n_recipients)
        for c in with_acknowledgements(
            Circular.objects.for_org(org).filter(pk__in=_ids(uses, "circular")), org=org
        ).only("pk")
    }
    values: list[object] = []
    for use in uses:
        counts = _found(found, use["circular"], _("ไม่พบหนังสือเวียนนี้ในหน่วยงาน"))
        if isinstance(counts, FigureError):
            values.append(counts)
            continue
        percent = acknowledged_percent(*counts)
        values.append(
            percent if percent is not None else FigureError(_("หนังสือเวียนนี้ไม่มีผู้รับที่ยังปฏิบัติงานอยู่"))
        )
    return values


def budget_questions(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    periods = [(param_date(use, "start"), param_date(use, "end")) for use in uses]
    valid = [(start, end) for start, end in periods if start <= end]
    counts = budget_question_counts(org=org, periods=valid)
    return [
        counts[period]["asked"] if period in counts else FigureError(_("วันสิ้นสุดอยู่ก่อนวันเริ่ม"))
        for period in periods
    ]


def budget_proposals(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    years = {use["year"]: _year(use["year"]) for use in uses}
    wanted = [year for year in years.values() if not isinstance(year, FigureError)]
    found = (
        dict(
            BudgetProposal.objects.for_org(org)
            .filter(fiscal_year__in=wanted)
            .values_list("fiscal_year")
            .annotate(n=Count("pk"))
            .order_by()
        )
        if wanted
        else {}
    )
    values: list[object] = []
    for use in uses:
        year = years[use["year"]]
        values.append(year if isinstance(year, FigureError) else found.get(year, 0))
    return values


def _year(text: str) -> int | FigureError:
    try:
        year = int(text)
        validate_fiscal_year(year)
    except (ValueError, ValidationError):
        return FigureError(_("ปีงบประมาณ “%(year)s” ต้องเป็นปี พ.ศ. เช่น 2566") % {"year": text})
    return year


def _found(found: dict, raw: str, message) -> object:
    key = int(raw) if raw.isdigit() else None
    return found[key] if key in found else FigureError(message)


TRAINING = (Param("training", _("การฝึกอบรม"), "choice", choices=_trainings),)
PERIOD = (
    Param("start", _("ตั้งแต่วันที่"), "date"),
    Param("end", _("ถึงวันที่"), "date"),
)

FIGURES = (
    Figure("training_dates", _("วันที่จัดการฝึกอบรม"), TRAINING, training_dates, app="integrity"),
    Figure(
        "training_attendees",
        _("จำนวนผู้เข้ารับการฝึกอบรม"),
        TRAINING,
        training_attendees,
        app="integrity",
    ),
    Figure(
        "meeting_date",
        _("วันที่ประชุมบุคลากร"),
        (Param("meeting", _("การประชุม"), "choice", choices=_meetings),),
        meeting_date,
        app="integrity",
    ),
    Figure(
        "circular_acks",
        _("ร้อยละบุคลากรที่รับทราบหนังสือเวียน"),
        (Param("circular", _("หนังสือเวียน"), "choice", choices=_circulars),),
        circular_acks,
        app="integrity",
    ),
    Figure(
        "budget_questions",
        _("จำนวนข้อซักถาม/ทักท้วงการใช้จ่ายงบประมาณของบุคลากร"),
        PERIOD,
        budget_questions,
        app="integrity",
    ),
    Figure(
        "budget_proposals",
        _("จำนวนข้อเสนอตั้งงบประมาณของบุคลากร"),
        (Param("year", _("ปีงบประมาณที่เสนอ (พ.ศ.)")),),
        budget_proposals,
        app="integrity",
    ),
)
