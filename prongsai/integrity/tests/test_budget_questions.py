"""Budget questions: any staff member asks, the budget officers answer, everyone reads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prongsai.inbox.models import Case, CaseEvent
from prongsai.integrity import budget
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


@pytest.fixture
def clerk(org, make_member):
    return make_member(org, Role.STAFF, "clerk").user


@pytest.fixture
def officer(org, make_member):
    return make_member(
        org, Role.OFFICER, "officer", user__first_name="ผู้ตอบ", user__last_name="งบประมาณ"
    ).user


def ask(org, author, **kwargs) -> Case:
    fields = {
        "intent": "question",
        "item": "โครงการขุดลอกคลอง",
        "text": "ทำไมตั้งงบเพิ่มจากปีที่แล้ว",
    } | kwargs
    return budget.ask_budget_question(org=org, author=author, **fields)


def question_url(case) -> str:
    return reverse("org:budget_question", args=[case.org.slug, case.tracking_code])


def test_it_files_a_staff_budget_case_through_the_inbox(org, clerk):
    finance = DivisionFactory(org=org, name="กองคลัง")
    case = ask(org, clerk, intent="objection")
    assert (case.kind, case.channel, case.status, case.division) == (
        "budget",
        "staff",
        "received",
        finance,
    )
    assert case.subject == "ทักท้วง: โครงการขุดลอกคลอง"
    assert case.form_data == {"intent": "objection", "item": "โครงการขุดลอกคลอง"}
    assert case.is_staff_only
    assert (case.due_at - case.received_at).days == budget.time_limit_days() == 15


def test_it_leaves_the_division_empty_without_a_finance_division(org, clerk):
    DivisionFactory(org=org, name="กองช่าง")
    assert ask(org, clerk).division is None


def test_it_follows_the_time_limit_setting(org, clerk, settings):
    settings.BUDGET_QUESTION_TIME_LIMIT_DAYS = 7
    case = ask(org, clerk)
    assert (case.due_at - case.received_at).days == 7


def test_it_refuses_people_outside_the_org(org, other_org, bob):
    with pytest.raises(PermissionDenied):
        ask(org, bob)
    assert not Case.objects.exists()


def test_it_says_what_is_missing_and_saves_nothing(client, org, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("org:budget_question_new", args=[org.slug]), {"intent": "shout", "item": " "}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "กรุณาเลือกว่าต้องการถาม แสดงความคิดเห็น หรือทักท้วง" in html
    assert "กรุณาระบุรายการงบประมาณหรือโครงการ" in html
    assert "กรุณาพิมพ์ข้อความ" in html
    assert not Case.objects.exists()


def test_a_resent_form_makes_one_question(client, org, clerk):
    client.force_login(clerk)
    data = {"intent": "comment", "item": "ค่าน้ำมัน", "text": "ควรประหยัด", "idempotency_key": "k1"}
    url = reverse("org:budget_question_new", args=[org.slug])
    client.post(url, data)
    client.post(url, data)
    assert Case.objects.filter(kind="budget").count() == 1


def test_answers_are_visible_to_every_staff_member(client, org, clerk, officer, make_member):
    case = ask(org, clerk)
    budget.answer_budget_question(case=case, actor=officer, text="เพราะค่าแรงขั้นต่ำเพิ่มขึ้น")
    reader = make_member(org, Role.STAFF, "reader").user
    client.force_login(reader)
    listing = client.get(reverse("org:budget_questions", args=[org.slug])).content.decode()
    assert "โครงการขุดลอกคลอง" in listing
    assert "1 คำตอบ" in listing
    page = client.get(question_url(case)).content.decode()
    assert "เพราะค่าแรงขั้นต่ำเพิ่มขึ้น" in page
    assert "ผู้ตอบ งบประมาณ" in page
    # A plain staff member gets no answer form.
    assert 'name="text"' not in page


def test_an_answerer_answers_and_closes_through_the_inbox(client, org, clerk, officer):
    case = ask(org, clerk)
    client.force_login(officer)
    response = client.post(question_url(case), {"text": "ตอบเบื้องต้น"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "in_progress"
    response = client.post(question_url(case), {"text": "ตอบครบแล้ว", "close": "on"})
    case.refresh_from_db()
    assert (case.status, case.resolution) == ("resolved", "ตอบครบแล้ว")
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["created", "public_reply", "status_changed", "closed"]
    assert [a.text for a in budget.answers(case=case)] == ["ตอบเบื้องต้น", "ตอบครบแล้ว"]
    page = client.get(question_url(case)).content.decode()
    assert "คำตอบสุดท้าย ปิดเรื่อง" in page
    assert 'name="text"' not in page


def test_plain_staff_may_not_answer(client, org, clerk, make_member):
    case = ask(org, clerk)
    colleague = make_member(org, Role.STAFF, "colleague").user
    client.force_login(colleague)
    assert client.post(question_url(case), {"text": "ผมตอบเอง"}).status_code == 403
    client.force_login(clerk)
    assert client.post(question_url(case), {"text": "ตอบตัวเอง"}).status_code == 403
    assert not CaseEvent.objects.filter(kind="public_reply").exists()
    with pytest.raises(PermissionDenied):
        budget.answer_budget_question(case=case, actor=colleague, text="ผ่านบริการ")


def test_executives_answer_too(org, clerk, make_member):
    boss = make_member(org, Role.EXECUTIVE, "boss").user
    case = ask(org, clerk)
    budget.answer_budget_question(case=case, actor=boss, text="รับทราบ", close=True)
    assert case.status == "resolved"


def test_an_empty_answer_is_refused(client, org, clerk, officer):
    case = ask(org, clerk)
    client.force_login(officer)
    response = client.post(question_url(case), {"text": "   "})
    assert response.status_code == 200
    assert "กรุณาพิมพ์คำตอบ" in response.content.decode()
    with pytest.raises(ValidationError):
        budget.answer_budget_question(case=case, actor=officer, text="")


def test_a_closed_question_takes_no_more_answers(org, clerk, officer):
    case = ask(org, clerk)
    budget.answer_budget_question(case=case, actor=officer, text="จบ", close=True)
    with pytest.raises(ValidationError):
        budget.answer_budget_question(case=case, actor=officer, text="อีก")


def test_other_cases_are_not_budget_questions(client, org, clerk):
    from prongsai.inbox import services

    other = services.submit_case(org=org, channel="web", kind="complaint", subject="ถนนพัง")
    client.force_login(clerk)
    assert client.get(question_url(other)).status_code == 404
    listing = client.get(reverse("org:budget_questions", args=[org.slug])).content.decode()
    assert "ถนนพัง" not in listing


def test_only_the_orgs_staff_reach_the_pages(client, org, other_org, clerk, bob):
    case = ask(org, clerk)
    urls = [
        reverse("org:budget_questions", args=[org.slug]),
        reverse("org:budget_question_new", args=[org.slug]),
        question_url(case),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    client.force_login(bob)
    for url in urls:
        assert client.get(url).status_code == 403
    # Bob in his own org does not find alice-town's question.
    other_url = reverse("org:budget_question", args=[other_org.slug, case.tracking_code])
    assert client.get(other_url).status_code == 404
