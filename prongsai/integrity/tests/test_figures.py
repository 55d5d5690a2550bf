"""The integrity figures: training dates and attendees, meeting dates, circular
acknowledgements, budget questions and proposals, each over one query."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.inbox.models import Case
from prongsai.inbox.tracking import new_code
from prongsai.integrity.models import (
    Acknowledgement,
    BudgetProposal,
    Circular,
    Meeting,
    Training,
)
from prongsai.ita import figures
from prongsai.ita.figures import FigureError
from prongsai.orgs.models import Division, Membership

BANGKOK = ZoneInfo("Asia/Bangkok")
Role = Membership.Role


@pytest.fixture
def records(org, other_org, make_member):
    office = Division.objects.create(org=org, name="สำนักปลัด")
    finance = Division.objects.create(org=org, name="กองคลัง")
    staff = [make_member(org, division=office).user for _ in range(4)]
    clerk = make_member(org, division=finance).user
    training = Training.objects.create(
        org=org, title="อบรมจริยธรรม", starts_on=date(2023, 3, 20), ends_on=date(2023, 3, 22)
    )
    training.attendees.set(staff[:3])
    meeting = Meeting.objects.create(org=org, title="ประชุมพนักงาน", held_on=date(2023, 1, 5))
    to_office = Circular.objects.create(org=org, title="มาตรการ", text="…")
    to_office.divisions.set([office])
    to_all = Circular.objects.create(org=org, title="ถึงทุกคน", text="…")
    for user in staff[:3]:
        Acknowledgement.objects.create(circular=to_office, user=user)
    Acknowledgement.objects.create(circular=to_all, user=clerk)
    for day in (date(2023, 2, 1), date(2023, 3, 31), date(2023, 4, 1)):
        Case.objects.create(
            org=org,
            tracking_code=new_code(),
            kind=Case.Kind.BUDGET,
            channel=Case.Channel.STAFF,
            subject="ค่าจ้างเหมา",
            received_at=datetime(day.year, day.month, day.day, 12, tzinfo=BANGKOK),
        )
    for year in (2567, 2567, 2568):
        BudgetProposal.objects.create(
            org=org, fiscal_year=year, division=office, item="โต๊ะ", reason="…", amount=1000
        )
    theirs = Training.objects.create(
        org=other_org, title="ของ อบต.บ็อบ", starts_on=date(2023, 1, 1), ends_on=date(2023, 1, 1)
    )
    return {
        "training": training,
        "meeting": meeting,
        "to_office": to_office,
        "to_all": to_all,
        "theirs": theirs,
        "staff": staff,
    }


def compute(org, name, uses):
    return figures.get(name).compute(org, uses)


def test_the_reference_reports_dates_come_from_the_records(org, records):
    t, m = records["training"].pk, records["meeting"].pk
    [text] = figures.render_texts(
        org,
        [
            f"อบรม {{{{training_dates training={t}}}}} ผู้เข้าอบรม "
            f"{{{{training_attendees training={t}}}}} คน ประชุม {{{{meeting_date meeting={m}}}}}"
        ],
    )
    assert text.problems == []
    assert text.text == "อบรม ๒๐-๒๒ มีนาคม ๒๕๖๖ ผู้เข้าอบรม ๓ คน ประชุม ๕ มกราคม ๒๕๖๖"


def test_circular_acknowledgements(org, records, make_member):
    office, everyone = records["to_office"].pk, records["to_all"].pk
    assert compute(org, "circular_acks", [{"circular": str(office)}]) == [Decimal("75.00")]
    # To all: 5 active staff, the clerk acknowledged.
    assert compute(org, "circular_acks", [{"circular": str(everyone)}]) == [Decimal("20.00")]
    # Someone who acknowledged and then left still read it, and still counts as a recipient.
    Membership.objects.filter(user=records["staff"][0]).update(is_active=False)
    assert compute(org, "circular_acks", [{"circular": str(office)}]) == [Decimal("75.00")]
    Membership.objects.filter(user=records["staff"][3]).update(is_active=False)
    assert compute(org, "circular_acks", [{"circular": str(office)}]) == [Decimal("100.00")]


def test_budget_questions_and_proposals(org, records):
    assert compute(
        org,
        "budget_questions",
        [
            {"start": "2023-01-01", "end": "2023-03-31"},
            {"start": "2023-04-01", "end": "2023-06-30"},
            {"start": "2023-01-01", "end": "2023-03-31"},
        ],
    ) == [2, 1, 2]
    assert compute(org, "budget_proposals", [{"year": "2567"}, {"year": "2569"}]) == [2, 0]
    [bad] = compute(org, "budget_proposals", [{"year": "2023"}])
    assert isinstance(bad, FigureError)
    [backwards] = compute(org, "budget_questions", [{"start": "2023-03-31", "end": "2023-01-01"}])
    assert isinstance(backwards, FigureError)


@pytest.mark.parametrize(
    "name, key",
    [
        ("training_dates", "training"),
        ("training_attendees", "training"),
        ("meeting_date", "meeting"),
        ("circular_acks", "circular"),
    ],
)
def test_an_unknown_or_another_orgs_record_is_a_figure_error(org, records, name, key):
    theirs = str(records["theirs"].pk) if key == "training" else "999999"
    values = compute(org, name, [{key: theirs}, {key: "abc"}, {key: "999999"}])
    assert all(isinstance(value, FigureError) for value in values)
    assert "ไม่พบ" in str(values[0])


@pytest.mark.parametrize(
    "name, uses",
    [
        ("training_dates", lambda r: [{"training": str(r["training"].pk)}] * 3),
        ("training_attendees", lambda r: [{"training": str(r["training"].pk)}, {"training": "9"}]),
        ("meeting_date", lambda r: [{"meeting": str(r["meeting"].pk)}, {"meeting": "9"}]),
        (
            "circular_acks",
            lambda r: [{"circular": str(r["to_office"].pk)}, {"circular": str(r["to_all"].pk)}],
        ),
        (
            "budget_questions",
            lambda r: [{"start": f"2023-0{m}-01", "end": f"2023-0{m}-28"} for m in range(1, 10)],
        ),
        ("budget_proposals", lambda r: [{"year": str(y)} for y in range(2560, 2570)]),
    ],
)
def test_each_figure_computes_all_its_uses_in_one_query(org, records, name, uses):
    batch = uses(records)
    with CaptureQueriesContext(connection) as queries:
        values = compute(org, name, batch)
    assert len(values) == len(batch)
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_the_figures_are_registered_with_their_params():
    names = {f.name: [p.name for p in f.params] for f in figures.figures() if f.app == "integrity"}
    assert names == {
        "training_dates": ["training"],
        "training_attendees": ["training"],
        "meeting_date": ["meeting"],
        "circular_acks": ["circular"],
        "budget_questions": ["start", "end"],
        "budget_proposals": ["year"],
    }
