from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from prongsai.ita import assessments
from prongsai.ita.models import Assessment, FrameworkYear, Indicator, Plan
from prongsai.orgs.models import AuditEvent

pytestmark = pytest.mark.django_db

ALL_GOOD = {n: D(90) for n in range(1, 11)}


@pytest.fixture
def y2566():
    return FrameworkYear.objects.get(fiscal_year=2566)


def test_saving_scores_computes_the_total_from_the_weights(org, alice, y2566):
    scores = {**ALL_GOOD, 1: D(60), 6: D(80), 9: D(70), 10: D(80)}
    assessment = assessments.save_scores(
        org=org, year=y2566, scores=scores, total=None, actor=alice
    )
    # IIT (60+90*4)/5 = 84, EIT (80+90+90)/3 = 86.67, OIT 75: 25.2 + 26.0 + 30 = 81.2
    assert assessment.total == D("81.20")
    summary = assessments.summarize(assessment)
    assert summary.by_tool == {"IIT": D("84.00"), "EIT": D("86.67"), "OIT": D("75.00")}
    assert summary.level == "ไม่ผ่าน"
    event = AuditEvent.objects.get(action="ita_scores_saved")
    assert event.org == org and event.detail["total"] == "81.20"


def test_a_given_total_wins_and_a_blank_score_clears_one(org, alice, y2566):
    assessments.save_scores(org=org, year=y2566, scores=ALL_GOOD, total=D("91.5"), actor=alice)
    assessment = assessments.save_scores(
        org=org, year=y2566, scores={3: None}, total=None, actor=alice
    )
    assert 3 not in assessments.summarize(assessment).scores
    assert assessment.total == D("90.00")


def test_a_bad_csv_saves_nothing(org, alice, y2566):
    assessments.save_scores(org=org, year=y2566, scores={1: D(50)}, total=None, actor=alice)
    with pytest.raises(ValidationError, match="แถวที่ 3"):
        assessments.import_scores_csv(
            org=org, year=y2566, content=b"1,99\n2,99\n3,x\n", actor=alice
        )
    assessment = Assessment.objects.get(org=org, year=y2566)
    assert assessments.summarize(assessment).scores == {1: D(50)}
    assert not AuditEvent.objects.filter(action="ita_scores_imported").exists()


def test_a_good_csv_is_saved(org, alice, y2566):
    content = "\n".join(f"{n},{80 + n}" for n in range(1, 11)).encode()
    assessment = assessments.import_scores_csv(org=org, year=y2566, content=content, actor=alice)
    assert len(assessments.summarize(assessment).scores) == 10
    assert assessment.total is not None
    assert AuditEvent.objects.filter(action="ita_scores_imported", org=org).count() == 1


def test_weak_indicators_come_weakest_first(org, alice, y2566):
    scores = {**ALL_GOOD, 4: D("70"), 7: D("84.99"), 9: D("60"), 2: D("85")}
    assessment = assessments.save_scores(
        org=org, year=y2566, scores=scores, total=None, actor=alice
    )
    weak = assessments.weak_indicators(org=org, assessment=assessment)
    assert [w.indicator.number for w in weak] == [9, 4, 7]
    assert weak[0].suggestions and weak[0].suggestions[0].adopted is None


def test_adopting_creates_the_next_plan_and_a_measure_once(org, other_org, alice, y2566):
    indicator = y2566.indicators.get(number=4)
    title = indicator.suggested_measures[0]
    measure = assessments.adopt_suggestion(org=org, indicator=indicator, title=title, actor=alice)
    plan = Plan.objects.get(org=org, fiscal_year=2567)
    assert measure.plan == plan and measure.number == 1
    assert measure.title == title and measure.tools == ["IIT"]
    assert list(measure.indicators.all()) == [
        Indicator.objects.get(year__fiscal_year=2567, number=4)
    ]
    assert AuditEvent.objects.filter(action="ita_plan_created", org=org).count() == 1
    assert AuditEvent.objects.filter(action="ita_measure_adopted", org=org).count() == 1

    with pytest.raises(assessments.AlreadyAdopted, match="อยู่ในแผนปี 2567 แล้ว"):
        assessments.adopt_suggestion(org=org, indicator=indicator, title=title, actor=alice)
    assert plan.measures.count() == 1

    second = assessments.adopt_suggestion(
        org=org, indicator=indicator, title=indicator.suggested_measures[1], actor=alice
    )
    assert second.number == 2 and Plan.objects.filter(org=org).count() == 1
    assert not Plan.objects.filter(org=other_org).exists()


def test_adopting_for_a_year_without_a_next_framework_links_no_indicator(org, alice, tmp_path):
    y2569 = FrameworkYear.objects.get(fiscal_year=2569)
    assert not FrameworkYear.objects.filter(fiscal_year=2570).exists()
    indicator = y2569.indicators.get(number=9)
    measure = assessments.adopt_suggestion(
        org=org, indicator=indicator, title=indicator.suggested_measures[0], actor=alice
    )
    assert measure.plan.fiscal_year == 2570 and measure.tools == ["OIT"]
    assert not measure.indicators.exists()


def test_only_suggested_titles_can_be_adopted(org, alice, y2566):
    with pytest.raises(ValidationError):
        assessments.adopt_suggestion(
            org=org, indicator=y2566.indicators.get(number=1), title="อะไรก็ได้", actor=alice
        )
    assert not Plan.objects.filter(org=org).exists()
