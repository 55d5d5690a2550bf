"""Public open data: case counts of an org. No login; counts only, never a case itself."""

import re
from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from ninja.errors import HttpError

from prongsai.inbox.selectors import case_counts
from prongsai.inbox.statistics import PUBLIC_CHANNELS, PUBLIC_KINDS
from prongsai.orgs.tenancy import get_org

router = Router(tags=["stats"])

# The groupings the public contract promises (DESIGN.md); status stays internal.
GROUPINGS = ("channel", "kind", "division", "month")
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
    first, last = parse_day(start, "start"), parse_day(end, "end")
    if first > last:
        raise bad_request(_("วันที่เริ่มต้น (start) ต้องไม่อยู่หลังวันที่สิ้นสุด (end)"))
    if by not in GROUPINGS:
        raise bad_request(
            _("ไม่รู้จักการจัดกลุ่ม by=“%(by)s” ใช้ได้เฉพาะ %(choices)s")
            % {"by": by[:20], "choices": ", ".join(GROUPINGS)}
        )
    # The staff's own budget questions are no public matter: not counted, not a channel.
    counts = case_counts(org=org, start=first, end=last, by=by, kinds=PUBLIC_KINDS)
    if by == "channel":
        counts = {code: n for code, n in counts.items() if code in PUBLIC_CHANNELS}
    return {"start": first, "end": last, "by": by, "counts": counts}
