"""Public open data: GET /api/v1/orgs/<slug>/stats/follow-through, counts and rates only."""

import re
from datetime import timedelta

import pytest

from prongsai.inbox.tests.timelines import at, days, make_case
from prongsai.orgs.tests.factories import DivisionFactory
from prongsai.tests import naughty

THAI = re.compile("[\u0e00-\u0e7f]")
JANUARY = {"start": "2023-01-01", "end": "2023-01-31"}
NO_CASE = {
    "received": 0,
    "resolved": 0,
    "answered": 0,
    "reopened": 0,
    "reopens": 0,
    "resolution_rate": None,
    "median_first_response_days": None,
    "median_resolve_days": None,
    "reopen_rate": None,
}


def url(org) -> str:
    return f"/api/v1/orgs/{org.slug}/stats/follow-through"


@pytest.fixture
def january(org, other_org):
    roads = DivisionFactory(org=org, name="กองช่าง")
    make_case(org, at(2023, 1, 2, 9), answered=timedelta(hours=6), resolved=days(2), division=roads)
    make_case(org, at(2023, 1, 3, 9), answered=days(1.5), resolved=days(5), reopens=1)
    make_case(org, at(2023, 1, 31, 23, 30), channel="web", kind="question")
    # Not public, another org's, and the day after the period.
    make_case(org, at(2023, 1, 4, 9), channel="staff", kind="budget", resolved=days(1), reopens=1)
    make_case(other_org, at(2023, 1, 4, 9), resolved=days(1), reopens=3)
    make_case(org, at(2023, 2, 1, 0, 5), resolved=days(1), reopens=1)


def test_the_total_of_a_period(client, org, january):
    response = client.get(url(org), JANUARY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "start": "2023-01-01",
        "end": "2023-01-31",
        "by": None,
        "total": {
            "received": 3,
            "resolved": 2,
            "answered": 2,
            "reopened": 1,
            "reopens": 1,
            "resolution_rate": 66.7,
            "median_first_response_days": 0.9,
            "median_resolve_days": 3.5,
            "reopen_rate": 50.0,
        },
        "groups": {},
    }


def test_groups_by_channel_kind_and_division(client, org, january):
    def groups(by):
        response = client.get(url(org), JANUARY | {"by": by})
        assert response.json()["by"] == by
        assert response.json()["total"]["received"] == 3
        return response.json()["groups"]

    by_channel = groups("channel")
    assert sorted(by_channel) == ["line", "web"]  # not the staff channel
    assert by_channel["web"] == NO_CASE | {"received": 1, "resolution_rate": 0.0}
    assert by_channel["line"]["median_resolve_days"] == 3.5
    assert sorted(groups("kind")) == ["complaint", "question"]  # not budget questions
    by_division = groups("division")
    assert {name: g["received"] for name, g in by_division.items()} == {"กองช่าง": 1, "": 2}


def test_a_period_without_cases_has_null_rates(client, org, january):
    response = client.get(url(org), {"start": "2023-03-01", "end": "2023-03-31", "by": "kind"})
    assert response.json()["total"] == NO_CASE
    assert response.json()["groups"] == {}


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"end": "2023-03-31"}, ["start", "YYYY-MM-DD"]),
        ({"start": "2023-01-01"}, ["end"]),
        ({"start": "2023-02-30", "end": "2023-03-31"}, ["start", "2023-02-30"]),
        ({"start": "2566-01-01", "end": "2566-03-31"}, ["ค.ศ."]),
        ({"start": "2023-04-01", "end": "2023-03-31"}, ["start", "end"]),
        (JANUARY | {"by": "month"}, ["month", "channel, kind, division"]),
        (JANUARY | {"by": "status"}, ["status"]),
    ],
)
def test_bad_queries_answer_400_with_a_thai_message(client, org, query, words):
    response = client.get(url(org), query)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert THAI.search(detail)
    for word in words:
        assert word in detail


def test_an_unknown_org_is_404_in_thai(client, db):
    response = client.get("/api/v1/orgs/no-such-org/stats/follow-through", JANUARY)
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบหน่วยงานนี้"}


def test_it_needs_no_login_and_tells_nothing_of_a_case(client, org):
    make_case(
        org,
        at(2023, 1, 5, 9),
        kind="corruption",
        channel="web",
        subject="ปลัดรับเงินใต้โต๊ะ",
        reporter_name="นายผู้แจ้ง ลับมาก",
        resolved=days(3),
    )
    for by in ("", "channel", "kind", "division"):
        response = client.get(url(org), JANUARY | {"by": by})
        assert response.status_code == 200
        body = response.content.decode()
        assert "ปลัด" not in body and "ผู้แจ้ง" not in body
        assert response.json()["total"]["received"] == 1


def test_it_is_documented_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/orgs/{slug}/stats/follow-through"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"slug", "start", "end", "by"}
    assert "followed through" in operation["description"]
    figures = schema["components"]["schemas"]["FollowThroughOut"]["properties"]
    assert "percent" in figures["resolution_rate"]["description"]
    assert {"200", "400", "404"} <= set(operation["responses"])


def test_any_parameter_gets_an_answer_in_thai(client, org):
    for value in naughty.sample(step=5):
        for name in ("start", "end", "by"):
            response = client.get(url(org), JANUARY | {name: value})
            assert response.status_code in (200, 400), (name, ascii(value))
            if response.status_code == 400:
                assert THAI.search(response.json()["detail"]), response.json()
