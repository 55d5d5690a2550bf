"""The per-org pages that must cost the same whether the instance holds 5 orgs or 5,000."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from prongsai import thai
from prongsai.inbox.models import Case
from prongsai.orgs.models import Division, Organization


@dataclass(frozen=True)
class Page:
    name: str
    url: str


def pages(org: Organization) -> list[Page]:
    """The inbox with its filters and pages, statistics, O43, Open311 and a case of `org`.

    Asked as the org's admin, so that no public page comes from the page cache.
    """
    today = timezone.localdate()
    year = thai.fiscal_year(today) - 1  # the last whole fiscal year
    start, end = thai.fiscal_year_range(year)
    division = Division.objects.for_org(org).order_by("order").first()
    case = Case.objects.for_org(org).exclude(kind=Case.Kind.CORRUPTION).order_by("id").first()
    base = f"/{org.slug}"
    return [
        Page("inbox: open cases", f"{base}/staff/cases/"),
        Page("inbox: LINE, page 3", f"{base}/staff/cases/?status=&channel=line&page=3"),
        Page(
            "inbox: resolved complaints of a division in a year",
            f"{base}/staff/cases/?status=resolved&kind=complaint&division={division.pk}"
            f"&start={start}&end={end}",
        ),
        Page("inbox: overdue", f"{base}/staff/cases/?status=&overdue=on"),
        Page("inbox: search", f"{base}/staff/cases/?status=&q=ถนน"),
        Page("case detail", f"{base}/staff/cases/{case.tracking_code}/"),
        Page("case tracking", f"{base}/track/{case.tracking_code}/"),
        Page("statistics by month", f"{base}/stats/?year={year}&period=month"),
        Page("statistics Excel", f"{base}/stats/cases.xlsx?year={year}&period=quarter"),
        Page("service statistics", f"{base}/stats/services/{year}/"),
        Page(
            "open data: cases by division",
            f"/api/v1/orgs/{org.slug}/stats/cases?start={start}&end={end}&by=division",
        ),
        Page("O43 report", f"{base}/ita/plans/{year}/o43/"),
        Page("OIT evidence index", f"{base}/oit/{year}/"),
        Page("satisfaction report", f"{base}/surveys/report/{year}/"),
        Page("participation projects", f"{base}/projects/"),
        Page("org home", f"{base}/"),
        Page(
            "open data: follow-through by channel",
            f"/api/v1/orgs/{org.slug}/stats/follow-through?start={start}&end={end}&by=channel",
        ),
        Page("public board of matters", f"{base}/matters/"),
        Page("public board: open matters of a village", f"{base}/matters/?status=open&village=3"),
        Page("staff dashboard: open and late matters by division", f"{base}/staff/"),
        Page("Open311 requests.json", f"{base}/open311/v2/requests.json"),
        Page(
            "Open311 open road requests",
            f"{base}/open311/v2/requests.json?status=open&service_code=road"
            f"&start_date={today - timedelta(days=80)}T00:00:00%2B07:00",
        ),
    ]
