"""Saving a parsed report: all in one transaction, refusing or replacing existing measures."""

import pytest

from prongsai.ita.importing import PlanNotEmpty, import_report, parse_report, save_report
from prongsai.ita.models import Evidence, Measure, Plan, Step
from prongsai.ita.tests.test_import_reference import REFERENCE
from prongsai.orgs.models import AuditEvent


def reference_data() -> bytes:
    return REFERENCE.read_bytes()


def test_it_creates_the_plan_and_records_who_imported_it(org, alice):
    plan = import_report(org=org, fiscal_year=2566, data=reference_data(), actor=alice)
    assert (plan.org, plan.fiscal_year) == (org, 2566)
    measures = list(plan.measures.order_by("number"))
    assert [(m.number, m.tools) for m in measures] == [
        (1, ["IIT"]),
        (2, ["IIT"]),
        (3, ["IIT"]),
        (4, ["EIT"]),
        (5, ["EIT"]),
        (6, ["EIT"]),
    ]
    assert [s.order for s in measures[5].steps.all()] == [1, 2, 3]
    event = AuditEvent.objects.get(action="plan_imported")
    assert (event.org, event.actor, event.detail["measures"], event.detail["steps"]) == (
        org,
        alice,
        6,
        12,
    )
    for step in Step.objects.filter(measure__plan=plan):
        step.full_clean()


def test_it_refuses_to_overwrite_a_plan_with_measures(org):
    plan = import_report(org=org, fiscal_year=2566, data=reference_data())
    Measure.objects.filter(plan=plan, number=1).update(title="แก้ไขแล้ว")
    before = (Measure.objects.count(), Step.objects.count(), AuditEvent.objects.count())
    with pytest.raises(PlanNotEmpty):
        import_report(org=org, fiscal_year=2566, data=reference_data())
    assert (Measure.objects.count(), Step.objects.count(), AuditEvent.objects.count()) == before
    assert Measure.objects.get(plan=plan, number=1).title == "แก้ไขแล้ว"


def test_replace_deletes_the_old_measures_and_their_evidence(org):
    plan = import_report(org=org, fiscal_year=2566, data=reference_data())
    step = Step.objects.filter(measure__plan=plan).first()
    Evidence.objects.create(step=step, title="ภาพ", url="https://example.org/a")
    import_report(org=org, fiscal_year=2566, data=reference_data(), replace=True)
    assert Plan.objects.filter(org=org).count() == 1
    assert Measure.objects.filter(plan=plan).count() == 6
    assert not Evidence.objects.exists()
    assert (
        AuditEvent.objects.filter(action="plan_imported")
        .order_by("pk")
        .last()
        .detail["replaced_measures"]
        == 6
    )


def test_an_empty_plan_is_filled_without_replace_and_keeps_its_intro(org):
    Plan.objects.create(org=org, fiscal_year=2566, intro="บทนำเดิม")
    plan = import_report(org=org, fiscal_year=2566, data=reference_data())
    plan.refresh_from_db()
    assert plan.intro == "บทนำเดิม"
    assert plan.measures.count() == 6


def test_the_other_orgs_plan_of_the_same_year_is_untouched(org, other_org):
    theirs = import_report(org=other_org, fiscal_year=2566, data=reference_data())
    import_report(org=org, fiscal_year=2566, data=reference_data())
    import_report(org=org, fiscal_year=2566, data=reference_data(), replace=True)
    assert theirs.measures.count() == 6
    assert Plan.objects.filter(fiscal_year=2566).count() == 2


def test_links_are_only_to_the_orgs_own_divisions(org, other_org):
    from prongsai.orgs.models import Division

    Division.objects.create(org=other_org, name="กองคลัง")
    report = parse_report(reference_data(), fiscal_year=2566)
    plan = save_report(org=org, fiscal_year=2566, report=report)
    assert not Step.divisions.through.objects.filter(step__measure__plan=plan).exists()
