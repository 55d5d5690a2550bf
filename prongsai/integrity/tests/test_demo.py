"""The demo's staff side: the Q2 2566 executive report, and the O43 dates read from records."""

from datetime import date

import pytest
from django.core.management import call_command

from prongsai.integrity import demo
from prongsai.integrity.models import Meeting, Training
from prongsai.integrity.quarterly import quarterly_data
from prongsai.ita.models import Plan
from prongsai.ita.reports.data import report_data
from prongsai.orgs.models import Organization


@pytest.fixture
def prasat_thong(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    return Organization.objects.get(slug="prasat-thong")


def test_the_quarterly_report_of_q2_2566(prasat_thong):
    data = quarterly_data(org=prasat_thong, fiscal_year=2566, quarter=2)
    [training] = data["trainings"]
    assert (training["starts_on"], training["ends_on"]) == ("2023-03-20", "2023-03-22")
    assert training["attendees"] == 4
    [meeting] = data["meetings"]
    assert meeting["held_on"] == "2023-01-05" and meeting["circulars"] == [demo.CIRCULAR_TITLE]
    [circular] = data["circulars"]
    assert (circular["acknowledged"], circular["recipients"]) == (3, 4)
    assert data["budget"]["questions"] == {"asked": 2, "answered": 1, "open": 1}
    assert data["budget"]["proposals"]["count"] == 3
    percents = {s["title"]: s["percent"] for s in data["satisfaction"]}
    assert any(p.startswith("85") for p in map(str, percents.values()))
    # The quarter after holds none of it.
    later = quarterly_data(org=prasat_thong, fiscal_year=2566, quarter=3)
    assert not later["trainings"] and not later["meetings"] and not later["circulars"]


def test_the_o43_reads_the_training_and_meeting_dates_from_their_records(prasat_thong):
    def results():
        plan = Plan.objects.get(org=prasat_thong, fiscal_year=2566)
        data = report_data(plan)
        assert not data["problems"]
        return " ".join(p for m in data["measures"] for s in m["steps"] for p in s["cells"][3])

    text = results()
    assert "เมื่อวันที่ ๒๐-๒๒ มีนาคม ๒๕๖๖" in text
    assert text.count("๕ มกราคม ๒๕๖๖") == 2
    Training.objects.filter(org=prasat_thong).update(
        starts_on=date(2023, 3, 21), ends_on=date(2023, 3, 23)
    )
    Meeting.objects.filter(org=prasat_thong).update(held_on=date(2023, 1, 6))
    text = results()
    assert "๒๑-๒๓ มีนาคม ๒๕๖๖" in text and text.count("๖ มกราคม ๒๕๖๖") == 2
