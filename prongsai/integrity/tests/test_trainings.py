"""Trainings: dates in order, hours not negative, the org's own people and survey."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.integrity import circulars
from prongsai.integrity.models import Training
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.surveys.tests.factories import QuestionFactory, SurveyFactory, respond

Role = Membership.Role


def url(name, org, *args):
    return reverse(f"org:{name}", args=[org.slug, *args])


def training_post(*attendees, **extra):
    return {
        "title": "โครงการอบรมคุณธรรมจริยธรรมและการป้องกันการทุจริต",
        "starts_on": "2023-03-20",
        "ends_on": "2023-03-22",
        "topics": ["ethics", "anti_corruption"],
        "organiser": "อบต. ร่วมกับสำนักงาน ป.ป.ช. ประจำจังหวัด",
        "hours": "18",
        "description": "บรรยายและกิจกรรมกลุ่ม",
        "attendees": [str(user.pk) for user in attendees],
        "survey": "",
        **extra,
    }


def test_an_officer_records_a_training_with_its_evaluation(client, org, make_member):
    officer = make_member(org, Role.OFFICER, "officer").user
    staff = make_member(org, Role.STAFF, "somsri").user
    survey = SurveyFactory(org=org, title="แบบประเมินการอบรม")
    QuestionFactory(survey=survey, text="ความพึงพอใจต่อวิทยากร")
    respond(survey, **{"ความพึงพอใจต่อวิทยากร": 5})
    respond(survey, **{"ความพึงพอใจต่อวิทยากร": 4})
    client.force_login(officer)

    response = client.post(
        url("training_new", org), training_post(officer, staff, survey=str(survey.pk))
    )

    training = Training.objects.get()
    assert response.status_code == 302
    assert (training.starts_on, training.ends_on) == (date(2023, 3, 20), date(2023, 3, 22))
    assert training.topics == ["ethics", "anti_corruption"]
    assert training.hours == Decimal("18")
    assert set(training.attendees.all()) == {officer, staff}
    assert training.survey == survey
    assert AuditEvent.objects.filter(action="training_created").exists()

    page = client.get(url("training", org, training.pk)).content.decode()
    assert "20-22 มีนาคม 2566" in page
    assert "90%" in page  # mean 4.5 of 5
    assert "คุณธรรมจริยธรรม" in page


def test_the_end_may_not_come_before_the_start(client, org, alice):
    client.force_login(alice)
    response = client.post(url("training_new", org), training_post(ends_on="2023-03-19"))
    assert response.status_code == 400
    assert "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in response.content.decode()
    assert not Training.objects.exists()


def test_negative_hours_are_refused(client, org, alice):
    client.force_login(alice)
    response = client.post(url("training_new", org), training_post(hours="-3"))
    assert response.status_code == 400
    assert "จำนวนชั่วโมงต้องไม่ติดลบ" in response.content.decode()
    assert not Training.objects.exists()


def test_an_unknown_topic_is_refused(client, org, alice):
    client.force_login(alice)
    response = client.post(url("training_new", org), training_post(topics=["golf"]))
    assert response.status_code == 400
    assert not Training.objects.exists()


def test_an_attendee_or_survey_of_another_org_is_refused(client, org, other_org, alice, bob):
    theirs = SurveyFactory(org=other_org)
    client.force_login(alice)
    response = client.post(url("training_new", org), training_post(alice, bob))
    assert response.status_code == 400
    assert "เลือกได้เฉพาะบุคลากรของหน่วยงาน" in response.content.decode()
    response = client.post(url("training_new", org), training_post(survey=str(theirs.pk)))
    assert response.status_code == 400
    assert "เลือกได้เฉพาะแบบสำรวจของหน่วยงาน" in response.content.decode()
    assert not Training.objects.exists()


def test_the_service_checks_everything_at_once(org, other_org, alice, bob):
    training = Training(
        org=org,
        title="อบรม",
        starts_on=date(2023, 3, 22),
        ends_on=date(2023, 3, 20),
        hours=Decimal("-1"),
        survey=SurveyFactory(org=other_org),
    )
    with pytest.raises(ValidationError) as error:
        circulars.save_training(org=org, training=training, attendees=[bob], actor=alice)
    assert set(error.value.message_dict) == {"attendees", "survey", "hours", "ends_on"}
    assert not Training.objects.exists()


def test_plain_staff_read_trainings_but_do_not_create_them(client, org, make_member):
    staff = make_member(org, Role.STAFF, "somsri").user
    training = Training.objects.create(
        org=org, title="อบรมจริยธรรม", starts_on=date(2023, 3, 20), ends_on=date(2023, 3, 20)
    )
    client.force_login(staff)

    assert "อบรมจริยธรรม" in client.get(url("trainings", org)).content.decode()
    page = client.get(url("training", org, training.pk)).content.decode()
    assert "20 มีนาคม 2566" in page and "ยังไม่ได้เชื่อมแบบประเมิน" in page
    assert client.get(url("training_new", org)).status_code == 403
    assert client.post(url("training_new", org), training_post()).status_code == 403
    assert client.post(url("training_edit", org, training.pk), training_post()).status_code == 403
    assert Training.objects.count() == 1


def test_another_orgs_training_is_absent(client, org, other_org, alice):
    theirs = Training.objects.create(
        org=other_org, title="ของเขา", starts_on=date(2023, 3, 20), ends_on=date(2023, 3, 20)
    )
    client.force_login(alice)
    assert client.get(url("training", org, theirs.pk)).status_code == 404
    assert client.post(url("training_edit", org, theirs.pk), training_post()).status_code == 404
    assert "ของเขา" not in client.get(url("trainings", org)).content.decode()


def test_a_training_is_edited(client, org, alice):
    training = Training.objects.create(
        org=org, title="อบรม", starts_on=date(2023, 3, 20), ends_on=date(2023, 3, 20)
    )
    client.force_login(alice)
    response = client.post(url("training_edit", org, training.pk), training_post(hours="7.5"))
    training.refresh_from_db()
    assert response.status_code == 302
    assert training.hours == Decimal("7.5")
    assert AuditEvent.objects.filter(action="training_changed").exists()
