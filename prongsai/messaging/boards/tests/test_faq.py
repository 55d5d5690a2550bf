"""Answered questions marked FAQ appear on /<org>/qa/faq/, grouped and searchable."""

import pytest
from django.core.exceptions import ValidationError

from prongsai.messaging.boards import services


@pytest.fixture
def faq(org, officer, post_moderated):
    def make(subject, answer, group="", text=""):
        question = services.ask_question(org=org, subject=subject, text=text or subject)
        services.answer_question(question=question, actor=officer, text=answer)
        services.set_faq(question=question, is_faq=True, faq_group=group, actor=officer)
        return question

    return make


def test_the_faq_is_grouped(client, org, faq):
    faq("จ่ายภาษีป้ายที่ไหน", "ที่กองคลัง", group="ภาษี")
    faq("ขยะเก็บวันไหน", "ทุกวันอังคาร", group="ขยะ")
    faq("เปิดทำการกี่โมง", "08.30 น.")
    body = client.get(f"/{org.slug}/qa/faq/").content.decode()
    for text in ("ภาษี", "ขยะ", "ทั่วไป", "จ่ายภาษีป้ายที่ไหน", "ที่กองคลัง", "ทุกวันอังคาร"):
        assert text in body
    assert body.index(">ขยะ</h2>") < body.index(">ภาษี</h2>")


def test_the_faq_search_looks_in_questions_and_answers(client, org, faq):
    faq("จ่ายภาษีป้ายที่ไหน", "ที่กองคลัง ชั้น 2", group="ภาษี")
    faq("ขยะเก็บวันไหน", "ทุกวันอังคาร", group="ขยะ")
    by_question = client.get(f"/{org.slug}/qa/faq/", {"q": "ภาษีป้าย"}).content.decode()
    assert "จ่ายภาษีป้ายที่ไหน" in by_question and "ขยะเก็บวันไหน" not in by_question
    by_answer = client.get(f"/{org.slug}/qa/faq/", {"q": "อังคาร"}).content.decode()
    assert "ขยะเก็บวันไหน" in by_answer and "จ่ายภาษีป้ายที่ไหน" not in by_answer
    nothing = client.get(f"/{org.slug}/qa/faq/", {"q": "ไม่มีคำนี้"}).content.decode()
    assert "ไม่พบคำถามที่ตรงกับคำค้น" in nothing


def test_only_faq_questions_that_are_public(client, org, faq, officer, alice):
    faq("คำถามเด่น", "คำตอบเด่น")
    hidden = faq("คำถามซ่อน", "คำตอบซ่อน")
    services.hide(post=hidden, actor=alice)
    plain = services.ask_question(org=org, subject="คำถามธรรมดา", text="x")
    services.answer_question(question=plain, actor=officer, text="คำตอบธรรมดา")
    body = client.get(f"/{org.slug}/qa/faq/").content.decode()
    assert "คำถามเด่น" in body
    assert "คำถามซ่อน" not in body and "คำถามธรรมดา" not in body


def test_an_unanswered_question_cannot_be_faq(org, officer, question):
    with pytest.raises(ValidationError, match="ต้องตอบคำถามก่อน"):
        services.set_faq(question=question, is_faq=True, actor=officer)


def test_staff_mark_a_question_faq(client, org, officer, question):
    services.answer_question(question=question, actor=officer, text="ที่กองคลัง")
    client.force_login(officer)
    client.post(f"/{org.slug}/staff/qa/{question.pk}/faq/", {"is_faq": "on", "faq_group": "ภาษี"})
    question.refresh_from_db()
    assert (question.is_faq, question.faq_group) == (True, "ภาษี")
    client.logout()
    assert "ชำระภาษีป้ายได้ที่ไหน" in client.get(f"/{org.slug}/qa/faq/").content.decode()


def test_another_orgs_faq_stays_there(client, org, other_org, faq):
    faq("คำถามของอลิซ", "คำตอบของอลิซ")
    assert "คำถามของอลิซ" not in client.get(f"/{other_org.slug}/qa/faq/").content.decode()
