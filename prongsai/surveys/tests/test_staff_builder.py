"""Admins and officers build surveys: settings, questions, choices, order, open and close."""

import pytest
from django.utils import timezone

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import DivisionFactory
from prongsai.surveys.models import Choice, Question, Survey
from prongsai.surveys.tests.factories import (
    ChoiceFactory,
    QuestionFactory,
    SurveyFactory,
    mixed_survey,
    respond,
)

Role = Membership.Role


def url(org, *parts) -> str:
    return "/".join([f"/{org.slug}/staff/surveys", *map(str, parts)]) + "/"


def survey_post(**extra) -> dict:
    return {
        "title": "ความพึงพอใจต่อการให้บริการ",
        "intro": "โปรดให้คะแนน",
        "formula": "top2",
        **extra,
    }


def question_post(prefix="new", **fields) -> dict:
    data = {"kind": "likert", "text": "ความรวดเร็ว", "required": "on", **fields}
    return {f"{prefix}-{key}": value for key, value in data.items()}


def questions(survey) -> list[str]:
    return [q.text for q in survey.questions.all()]


@pytest.fixture
def survey(org):
    return SurveyFactory(org=org, status=Survey.Status.DRAFT, title="แบบสำรวจร่าง")


# Settings ------------------------------------------------------------------------


def test_an_admin_creates_a_draft_survey_attached_to_a_service(client, org, alice):
    service = ServiceFactory(org=org, name="ขออนุญาตก่อสร้าง")
    division = DivisionFactory(org=org, name="กองช่าง")
    client.force_login(alice)
    response = client.post(
        url(org, "new"),
        survey_post(
            service=service.pk,
            division=division.pk,
            offer_on_close="on",
            asks_contact="on",
            closes_at="2099-01-31T16:30",
        ),
    )
    survey = Survey.objects.get(org=org)
    assert response.status_code == 302
    assert response["Location"] == url(org, survey.pk, "questions")
    assert survey.status == Survey.Status.DRAFT
    assert (survey.service, survey.division, survey.formula) == (service, division, "top2")
    assert survey.offer_on_close and survey.asks_contact and not survey.allow_repeat
    assert timezone.localtime(survey.closes_at).strftime("%Y-%m-%d %H:%M") == "2099-01-31 16:30"
    assert AuditEvent.objects.filter(action="survey_created", target_id=str(survey.pk)).exists()


def test_an_officer_edits_the_settings(client, org, make_member, survey):
    officer = make_member(org, Role.OFFICER).user
    client.force_login(officer)
    page = client.get(url(org, survey.pk, "edit"))
    assert page.status_code == 200 and "แบบสำรวจร่าง" in page.content.decode()
    client.post(url(org, survey.pk, "edit"), survey_post(title="ชื่อใหม่", allow_repeat="on"))
    survey.refresh_from_db()
    assert survey.title == "ชื่อใหม่" and survey.allow_repeat
    event = AuditEvent.objects.get(action="survey_changed")
    assert event.actor == officer and "title" in event.detail["fields"]


def test_another_orgs_division_service_or_project_is_refused(client, org, other_org, alice):
    theirs = ServiceFactory(org=other_org)
    client.force_login(alice)
    response = client.post(url(org, "new"), survey_post(service=theirs.pk))
    assert response.status_code == 200
    assert "รายการที่เลือกไม่มีในหน่วยงานนี้" in response.content.decode()
    assert not Survey.objects.exists()


def test_an_unreadable_closing_date_is_refused_with_a_thai_message(client, org, alice):
    client.force_login(alice)
    response = client.post(url(org, "new"), survey_post(closes_at="31/31/2567", title=""))
    page = response.content.decode()
    assert "กรุณาระบุวันและเวลาปิดรับคำตอบให้ถูกต้อง" in page
    assert not Survey.objects.exists()


def test_another_orgs_survey_is_not_found(client, org, other_org, alice):
    theirs = mixed_survey(other_org)
    client.force_login(alice)
    base = f"/{org.slug}/staff/surveys/{theirs.pk}"
    for path in ("edit/", "questions/", "results/", "export.csv", "export.xlsx"):
        assert client.get(f"{base}/{path}").status_code == 404, path
    question = theirs.questions.first()
    response = client.post(url(org, theirs.pk, "questions", question.pk), {"action": "delete"})
    assert response.status_code == 404
    assert client.post(url(org, theirs.pk, "status"), {"status": "closed"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Survey.Status.OPEN and theirs.questions.count() == 5


def test_plain_staff_are_refused_and_executives_only_read(client, org, make_member, survey):
    client.force_login(make_member(org, Role.STAFF).user)
    for path in (
        url(org),
        url(org, "new"),
        url(org, survey.pk, "results"),
        url(org, "satisfaction"),
    ):
        assert client.get(path).status_code == 403, path
    client.force_login(make_member(org, Role.EXECUTIVE).user)
    assert client.get(url(org)).status_code == 200
    assert client.get(url(org, survey.pk, "results")).status_code == 200
    assert client.get(url(org, survey.pk, "questions")).status_code == 403
    assert client.post(url(org, "new"), survey_post()).status_code == 403
    assert client.post(url(org, survey.pk, "questions"), question_post()).status_code == 403
    assert not survey.questions.exists() and Survey.objects.count() == 1


def test_the_list_shows_status_responses_and_satisfaction_and_filters(client, org, alice):
    survey = mixed_survey(org)
    respond(survey, ความรวดเร็วในการให้บริการ=5, ความสุภาพของเจ้าหน้าที่=3)
    SurveyFactory(org=org, title="แบบร่างอีกชุด", status=Survey.Status.DRAFT)
    client.force_login(alice)
    page = client.get(url(org)).content.decode()
    assert "ความพึงพอใจต่อการให้บริการ" in page and "แบบร่างอีกชุด" in page
    assert "80%" in page  # mean 4 of 5
    drafts = client.get(url(org) + "?status=draft").content.decode()
    assert "แบบร่างอีกชุด" in drafts and "ความพึงพอใจต่อการให้บริการ" not in drafts


# Questions -----------------------------------------------------------------------


def test_questions_of_every_kind_are_added_in_order(client, org, alice, survey):
    client.force_login(alice)
    client.post(url(org, survey.pk, "questions"), question_post())
    client.post(
        url(org, survey.pk, "questions"),
        question_post(kind="multiple", text="ช่องทาง", choices="เว็บไซต์\r\n\r\n LINE \nหอกระจายข่าว"),
    )
    client.post(url(org, survey.pk, "questions"), question_post(kind="long", text="ข้อเสนอแนะ"))
    assert questions(survey) == ["ความรวดเร็ว", "ช่องทาง", "ข้อเสนอแนะ"]
    multiple = survey.questions.get(kind="multiple")
    assert [c.label for c in multiple.choices.all()] == ["เว็บไซต์", "LINE", "หอกระจายข่าว"]
    assert not survey.questions.get(kind="long").choices.exists()
    assert AuditEvent.objects.filter(action="survey_question_added").count() == 3
    page = client.get(url(org, survey.pk, "questions")).content.decode()
    assert "หอกระจายข่าว" in page and "ข้อเสนอแนะ" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "single", "choices": "มี"}, "ต้องมีตัวเลือกอย่างน้อย 2 ตัว"),
        ({"kind": "single", "choices": "ใช่\nใช่"}, "ซ้ำกัน"),
        ({"kind": "ranking"}, "ชนิดคำถามไม่ถูกต้อง"),
        ({"text": "   "}, "กรุณาพิมพ์คำถาม"),
        ({"text": "ก" * 501}, "500"),
    ],
)
def test_a_bad_question_is_refused_and_nothing_is_stored(
    client, org, alice, survey, fields, message
):
    client.force_login(alice)
    response = client.post(url(org, survey.pk, "questions"), question_post(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists() and not Choice.objects.exists()
    assert not AuditEvent.objects.filter(action="survey_question_added").exists()


def test_a_question_is_reworded_and_its_choices_edited(client, org, alice, survey):
    question = QuestionFactory(survey=survey, kind="single", text="เพศ")
    male, female = (ChoiceFactory(question=question, label=x) for x in ("ชาย", "หญิง"))
    client.force_login(alice)
    page = client.get(url(org, survey.pk, "questions") + f"?edit={question.pk}").content.decode()
    assert f'name="q{question.pk}-choices"' in page
    response = client.post(
        url(org, survey.pk, "questions", question.pk),
        {"action": "save"}
        | question_post(
            f"q{question.pk}", kind="single", text="เพศของท่าน", choices="เพศชาย\nหญิง\nไม่ระบุ"
        ),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "เพศของท่าน"
    choices = list(question.choices.all())
    assert [c.label for c in choices] == ["เพศชาย", "หญิง", "ไม่ระบุ"]
    # "ชาย" reworded on its own line and "หญิง" unchanged keep their rows (and answers).
    assert choices[0].pk == male.pk and choices[1].pk == female.pk


def test_questions_move_up_and_down_and_are_deleted(client, org, alice, survey):
    first, second, third = (QuestionFactory(survey=survey, text=t) for t in "กขค")
    client.force_login(alice)
    client.post(url(org, survey.pk, "questions", third.pk), {"action": "up"})
    assert questions(survey) == ["ก", "ค", "ข"]
    client.post(url(org, survey.pk, "questions", first.pk), {"action": "down"})
    assert questions(survey) == ["ค", "ก", "ข"]
    client.post(url(org, survey.pk, "questions", third.pk), {"action": "up"})  # already first
    assert questions(survey) == ["ค", "ก", "ข"]
    client.post(url(org, survey.pk, "questions", first.pk), {"action": "delete"})
    assert questions(survey) == ["ค", "ข"]
    assert [q.order for q in survey.questions.all()] == [0, 1]
    assert AuditEvent.objects.filter(action="survey_question_deleted").count() == 1
    assert client.post(url(org, survey.pk, "questions", second.pk)).status_code == 302
    assert client.get(url(org, survey.pk, "questions", second.pk)).status_code == 405


def test_a_question_of_another_survey_of_the_org_is_not_found(client, org, alice, survey):
    elsewhere = QuestionFactory(survey=SurveyFactory(org=org))
    client.force_login(alice)
    response = client.post(url(org, survey.pk, "questions", elsewhere.pk), {"action": "delete"})
    assert response.status_code == 404
    assert Question.objects.filter(pk=elsewhere.pk).exists()


def test_answered_questions_and_choices_keep_what_was_answered(client, org, alice):
    survey = mixed_survey(org)
    respond(survey, ความรวดเร็วในการให้บริการ=4, ความสุภาพของเจ้าหน้าที่=5, เพศ="หญิง")
    speed = survey.questions.get(text="ความรวดเร็วในการให้บริการ")
    sex = survey.questions.get(text="เพศ")
    client.force_login(alice)
    page = url(org, survey.pk, "questions")

    response = client.post(url(org, survey.pk, "questions", speed.pk), {"action": "delete"})
    assert Question.objects.filter(pk=speed.pk).exists()
    assert "มีผู้ตอบแล้ว จึงลบไม่ได้" in client.get(response["Location"]).content.decode()

    response = client.post(
        url(org, survey.pk, "questions", speed.pk),
        {"action": "save"} | question_post(f"q{speed.pk}", kind="short", text="เร็วไหม"),
    )
    assert "เปลี่ยนชนิดคำถามไม่ได้" in response.content.decode()
    speed.refresh_from_db()
    assert (speed.kind, speed.text) == ("likert", "ความรวดเร็วในการให้บริการ")

    response = client.post(
        url(org, survey.pk, "questions", sex.pk),
        {"action": "save"}
        | question_post(f"q{sex.pk}", kind="single", text="เพศ", choices="ชาย\nไม่ระบุ"),
    )
    assert "“หญิง” มีผู้เลือกแล้ว" in response.content.decode()
    assert [c.label for c in sex.choices.all()] == ["ชาย", "หญิง", "ไม่ระบุ"]

    # Rewording is allowed, also for the chosen choice, and unanswered ones may go.
    client.post(
        url(org, survey.pk, "questions", sex.pk),
        {"action": "save"}
        | question_post(f"q{sex.pk}", kind="single", text="เพศของท่าน", choices="ชาย\nหญิง (สตรี)"),
    )
    sex.refresh_from_db()
    assert sex.text == "เพศของท่าน"
    assert [c.label for c in sex.choices.all()] == ["ชาย", "หญิง (สตรี)"]
    assert sex.answers.get().choice.label == "หญิง (สตรี)"
    assert "มีผู้ตอบแล้ว" in client.get(page).content.decode()


def test_an_unknown_action_changes_nothing(client, org, alice, survey):
    question = QuestionFactory(survey=survey)
    client.force_login(alice)
    response = client.post(url(org, survey.pk, "questions", question.pk), {"action": "drop"})
    assert response.status_code == 302
    assert Question.objects.filter(pk=question.pk).exists()


# Status --------------------------------------------------------------------------


def test_a_survey_without_questions_does_not_open(client, org, alice, survey):
    client.force_login(alice)
    response = client.post(url(org, survey.pk, "status"), {"status": "open"}, follow=True)
    assert "กรุณาเพิ่มคำถามอย่างน้อยหนึ่งข้อก่อน" in response.content.decode()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_a_survey_opens_and_closes(client, org, alice, survey):
    QuestionFactory(survey=survey)
    client.force_login(alice)
    client.post(url(org, survey.pk, "status"), {"status": "open"})
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    page = client.get(url(org, survey.pk, "questions")).content.decode()
    assert f"/{org.slug}/surveys/{survey.pk}/" in page
    client.post(url(org, survey.pk, "status"), {"status": "closed"})
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    events = AuditEvent.objects.filter(action__startswith="survey_").order_by("pk")
    actions = list(events.values_list("action", flat=True))
    assert actions == ["survey_opened", "survey_closed"]


def test_a_forged_status_or_a_past_closing_date_changes_nothing(client, org, alice, survey):
    QuestionFactory(survey=survey)
    client.force_login(alice)
    response = client.post(url(org, survey.pk, "status"), {"status": "deleted"}, follow=True)
    assert "สถานะที่เลือกไม่ถูกต้อง" in response.content.decode()
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now())
    response = client.post(url(org, survey.pk, "status"), {"status": "open"}, follow=True)
    assert "วันปิดรับคำตอบผ่านไปแล้ว" in response.content.decode()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT
    assert client.get(url(org, survey.pk, "status")).status_code == 405
