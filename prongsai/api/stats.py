"""Public open data: case counts and follow-through figures of an org.

No login; counts only, never a case itself.
"""

import re
from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from prongsai.inbox import performance
from prongsai.inbox.selectors import case_counts
from prongsai.inbox.statistics import PUBLIC_CHANNELS, PUBLIC_KINDS
from prongsai.orgs.tenancy import get_org

router = Router(tags=["stats"])

# The groupings the public contract promises (DESIGN.md); status stays internal.
GROUPINGS = ("channel", "kind", "division", "month")
FOLLOW_THROUGH_GROUPINGS = ("channel", "kind", "division")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Years outside this range are typing slips, and far-off days overflow the
# conversion of local days to UTC. A Buddhist-era year typed where a CE year
# belongs lands past the end: say so instead of answering with zeros.
FIRST_YEAR, LAST_YEAR = 1900, 2400


class CaseCountsOut(Schema):
    start: date
    end: date
    by: str
    counts: dict[str, int]


class ErrorOut(Schema):
    detail: str


class FollowThroughOut(Schema):
    received: int = Field(description="cases received in the period")
    resolved: int = Field(description="of them, resolved now")
    answered: int = Field(description="of them, answered by staff at least once")
    reopened: int = Field(description="of them, reopened by their reporter at least once")
    reopens: int = Field(description="times they were reopened, all told")
    resolution_rate: float | None = Field(description="resolved ÷ received, in percent")
    median_first_response_days: float | None = Field(
        description="median days from receipt to the first answer, over the answered"
    )
    median_resolve_days: float | None = Field(
        description="median days from receipt to the (last) closing, over the resolved"
    )
    reopen_rate: float | None = Field(
        description="reopened ÷ ever resolved (resolved now, or reopened since), in percent"
    )


class FollowThroughReportOut(Schema):
    start: date
    end: date
    by: str | None
    total: FollowThroughOut
    groups: dict[str, FollowThroughOut]


def bad_request(message: object) -> HttpError:
    """A 400 whose JSON body is `{"detail": message}`."""
    return HttpError(400, str(message))


def parse_day(value: str, name: str) -> date:
    """A `YYYY-MM-DD` query parameter, or a 400 that says in Thai what is wrong."""
    if not value:
        raise bad_request(
            _("กรุณาระบุ %(name)s เป็นวันที่ในรูปแบบ YYYY-MM-DD เช่น 2023-01-31") % {"name": name}
        )
    try:
        day = date.fromisoformat(value) if _ISO_DATE.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None or day.year < FIRST_YEAR:
        raise bad_request(
            _("%(name)s “%(value)s” ไม่ใช่วันที่ที่ถูกต้อง ใช้รูปแบบ YYYY-MM-DD เช่น 2023-01-31")
            % {"name": name, "value": value[:20]}
        )
    if day.year > LAST_YEAR:
        raise bad_request(
            _("%(name)s ต้องใช้ปีคริสต์ศักราช (ค.ศ.) เช่น 2023-01-31 ไม่ใช่ปีพุทธศักราช") % {"name": name}
        )
    return day


def parse_period(start: str, end: str) -> tuple[date, date]:
    """The `start` and `end` query parameters, or a 400 that says in Thai what is wrong."""
    first, last = parse_day(start, "start"), parse_day(end, "end")
    if first > last:
        raise bad_request(_("วันที่เริ่มต้น (start) ต้องไม่อยู่หลังวันที่สิ้นสุด (end)"))
    return first, last


def check_grouping(by: str, choices: tuple[str, ...]) -> None:
    if by not in choices:
        raise bad_request(
            _("ไม่รู้จักการจัดกลุ่ม by=“%(by)s” ใช้ได้เฉพาะ %(choices)s")
            % {"by": by[:20], "choices": ", ".join(choices)}
        )


@router.get(
    "{slug}/stats/cases",
    response={200: CaseCountsOut, 400: ErrorOut, 404: ErrorOut},
    summary="Case counts of an org",
)
def case_stats(request, slug: str, start: str = "", end: str = "", by: str = "channel"):
    """Cases received from `start` to `end` (Bangkok days, both included), counted by `by`.

    Channel and kind codes are those of the API; months are `YYYY-MM`; a
    division is counted under its name ("" for cases not yet routed). A value
    with no case is left out.
    """
    org = get_org(slug)
    first, last = parse_period(start, end)
    check_grouping(by, GROUPINGS)
    # The staff's own budget questions are no public matter: not counted, not a channel.
    counts = case_counts(org=org, start=first, end=last, by=by, kinds=PUBLIC_KINDS)
    if by == "channel":
        counts = {code: n for code, n in counts.items() if code in PUBLIC_CHANNELS}
    return {"start": first, "end": last, "by": by, "counts": counts}


@router.get(
    "{slug}/stats/follow-through",
    response={200: FollowThroughReportOut, 400: ErrorOut, 404: ErrorOut},
    summary="Follow-through figures of an org",
)
def follow_through_stats(request, slug: str, start: str = "", end: str = "", by: str = ""):
    """How the cases received from `start` to `end` (Bangkok days, both included) were
    followed through, as of now: in total and, with `by` (channel, kind or division), per
    group that has cases.

    Rates are percents and medians days, with one decimal place; a rate or median of no
    case is null. Public kinds through public channels only, as `stats/cases` counts.
    """
    org = get_org(slug)
    first, last = parse_period(start, end)
    filters = {"org": org, "start": first, "end": last}
    public = {"kinds": PUBLIC_KINDS, "channels": PUBLIC_CHANNELS}
    if by:
        check_grouping(by, FOLLOW_THROUGH_GROUPINGS)
        total, groups = performance.follow_through_with_groups(**filters, **public, by=by)
    else:
        total, groups = performance.follow_through(**filters, **public), {}
    return {
        "start": first,
        "end": last,
        "by": by or None,
        "total": total.as_dict(),
        "groups": {key: figures.as_dict() for key, figures in groups.items()},
    }
