"""Public open data: GET /api/v1/orgs/<slug>/stats/cases, as DESIGN.md's contract says."""

import re
from datetime import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from prongsai.inbox import services
from prongsai.inbox.models import Case
from prongsai.orgs.tests.factories import DivisionFactory

BANGKOK = timezone.get_fixed_timezone(7 * 60)
DEMO = "/api/v1/orgs/prasat-thong/stats/cases"
THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)


def url(org) -> str:
    return f"/api/v1/orgs/{org.slug}/stats/cases"


def make_case(org, at, **kwargs) -> Case:
    fields = {"channel": "line", "kind": "complaint", "subject": "ไฟดับ"} | kwargs
    return services.submit_case(org=org, received_at=at, **fields)


def test_the_demo_quarter_by_channel(client, demo):
    response = client.get(DEMO, {"start": "2023-01-01", "end": "2023-03-31", "by": "channel"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "start": "2023-01-01",
        "end": "2023-03-31",
        "by": "channel",
        "counts": {"line": 17, "livechat": 2},
    }


def test_the_demo_quarter_by_kind_and_month(client, demo):
    query = {"start": "2023-01-01", "end": "2023-03-31"}
    assert client.get(DEMO, query | {"by": "kind"}).json()["counts"] == {"complaint": 19}
    months = client.get(DEMO, query | {"by": "month"}).json()["counts"]
    assert months == {"2023-01": 6, "2023-02": 5, "2023-03": 8}


def test_channel_is_the_default_grouping(client, demo):
    response = client.get(DEMO, {"start": "2023-01-01", "end": "2023-03-31"})
    assert response.json()["by"] == "channel"
    assert response.json()["counts"] == {"line": 17, "livechat": 2}


def test_by_division_counts_under_the_division_name(client, org):
    roads = DivisionFactory(org=org, name="กองช่าง")
    make_case(org, datetime(2023, 1, 5, 9, tzinfo=BANGKOK), division=roads)
    make_case(org, datetime(2023, 1, 6, 9, tzinfo=BANGKOK))
    response = client.get(url(org), {"start": "2023-01-01", "end": "2023-01-31", "by": "division"})
    assert response.json()["counts"] == {"กองช่าง": 1, "": 1}


def test_days_are_bangkok_days_with_both_ends_included(client, org):
    make_case(org, datetime(2023, 1, 1, 0, 0, tzinfo=BANGKOK))  # 31 Dec 17:00 UTC
    make_case(org, datetime(2023, 1, 31, 23, 59, tzinfo=BANGKOK))
    make_case(org, datetime(2023, 2, 1, 0, 0, tzinfo=BANGKOK), channel="web")
    response = client.get(url(org), {"start": "2023-01-01", "end": "2023-01-31"})
    assert response.json()["counts"] == {"line": 2}
    one_day = client.get(url(org), {"start": "2023-02-01", "end": "2023-02-01"})
    assert one_day.json()["counts"] == {"web": 1}


def test_another_orgs_cases_are_not_counted(client, org, other_org):
    make_case(other_org, datetime(2023, 1, 5, 9, tzinfo=BANGKOK))
    response = client.get(url(org), {"start": "2023-01-01", "end": "2023-01-31"})
    assert response.json()["counts"] == {}


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"end": "2023-03-31"}, ["start", "YYYY-MM-DD"]),
        ({"start": "2023-01-01"}, ["end", "YYYY-MM-DD"]),
        ({"start": "2023-01-01", "end": ""}, ["end"]),
        ({"start": "01/01/2023", "end": "2023-03-31"}, ["start", "01/01/2023"]),
        ({"start": "2023-02-30", "end": "2023-03-31"}, ["start", "2023-02-30"]),
        ({"start": "20230101", "end": "2023-03-31"}, ["start"]),
        ({"start": "２０２３-０１-０１", "end": "2023-03-31"}, ["start"]),
        ({"start": "2023-01-01", "end": "2023-1-31"}, ["end"]),
        ({"start": "0001-01-01", "end": "2023-01-31"}, ["start"]),
        ({"start": "2566-01-01", "end": "2566-03-31"}, ["ค.ศ."]),
        ({"start": "2023-04-01", "end": "2023-03-31"}, ["start", "end"]),
        ({"start": "2023-01-01", "end": "2023-03-31", "by": "status"}, ["status", "channel"]),
        ({"start": "2023-01-01", "end": "2023-03-31", "by": "reporter"}, ["reporter"]),
    ],
)
def test_bad_queries_answer_400_with_a_thai_message(client, demo, query, words):
    response = client.get(DEMO, query)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert isinstance(detail, str) and THAI.search(detail)
    for word in words:
        assert word in detail


def test_an_unknown_org_is_404_in_thai(client, db):
    response = client.get("/api/v1/orgs/no-such-org/stats/cases", {"start": "2023-01-01"})
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบหน่วยงานนี้"}


def test_it_needs_no_login_and_gives_counts_only(client, org):
    make_case(
        org,
        datetime(2023, 1, 5, 9, tzinfo=BANGKOK),
        kind="corruption",
        channel="web",
        subject="ปลัดรับเงินใต้โต๊ะ",
        reporter_name="นายผู้แจ้ง ลับมาก",
        reporter_phone="081-111-2222",
        consent=True,
    )
    for by in ("channel", "kind", "division", "month"):
        response = client.get(url(org), {"start": "2023-01-01", "end": "2023-01-31", "by": by})
        assert response.status_code == 200
        body = response.content.decode()
        assert "ปลัดรับเงิน" not in body and "081-111-2222" not in body
        assert "ผู้แจ้ง" not in response.json()["counts"]
        assert list(response.json()["counts"].values()) == [1]


def test_it_is_in_the_openapi_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operation = paths["/api/v1/orgs/{slug}/stats/cases"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"slug", "start", "end", "by"}
