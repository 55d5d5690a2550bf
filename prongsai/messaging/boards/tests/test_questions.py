"""Every question on the Q&A board is a Case (channel qa, kind question) from the start."""

from prongsai.inbox.models import Case
from prongsai.inbox.tracking import display
from prongsai.messaging.boards.models import Question


def ask(client, org, started, **extra):
    data = {
        "subject": "ขอใบอนุญาตก่อสร้างใช้เวลากี่วัน",
        "text": "จะต่อเติมบ้าน ต้องรอนานไหม",
        "display_name": "",
        "reporter_name": "",
        "reporter_email": "",
        "started": started,
        "idempotency_key": "q1",
        **extra,
    }
    return client.post(f"/{org.slug}/qa/ask/", data)


def test_a_question_is_a_case_at_once(client, org, started):
    response = ask(
        client,
        org,
        started,
        reporter_name="นายสมชาย ใจดี",
        reporter_email="somchai@example.com",
        consent="on",
    )
    case = Case.objects.get()
    assert (case.channel, case.kind, case.status) == ("qa", "question", "received")
    assert (case.subject, case.text) == ("ขอใบอนุญาตก่อสร้างใช้เวลากี่วัน", "จะต่อเติมบ้าน ต้องรอนานไหม")
    assert (case.reporter_name, case.reporter_email) == ("นายสมชาย ใจดี", "somchai@example.com")
    assert case.consent_at is not None
    question = Question.objects.get()
    assert (question.case, question.org, question.created_at) == (case, org, case.received_at)
    assert response.status_code == 302
    assert response.url == f"/{org.slug}/qa/?asked={case.tracking_code}"
    landing = client.get(response.url).content.decode()
    assert "ได้รับคำถามของท่านแล้ว" in landing and display(case.tracking_code) in landing
    assert f"/{org.slug}/track/{case.tracking_code}/" in landing


def test_pre_moderated_question_waits_and_says_so(client, org, started):
    response = ask(client, org, started)
    question = Question.objects.get()
    assert question.status == "pending"
    landing = client.get(response.url).content.decode()
    assert "คำถามรอการตรวจสอบ" in landing
    listing = client.get(f"/{org.slug}/qa/").content.decode()
    assert "ขอใบอนุญาตก่อสร้างใช้เวลากี่วัน" not in listing
    assert client.get(f"/{org.slug}/qa/{question.pk}/").status_code == 404


def test_post_moderated_question_is_listed_at_once(client, org, post_moderated, started):
    ask(client, org, started, display_name="ช่างบ้านนา")
    question = Question.objects.get()
    listing = client.get(f"/{org.slug}/qa/").content.decode()
    assert "ขอใบอนุญาตก่อสร้างใช้เวลากี่วัน" in listing and "ช่างบ้านนา" in listing
    assert "รอคำตอบ" in listing
    page = client.get(f"/{org.slug}/qa/{question.pk}/").content.decode()
    assert "จะต่อเติมบ้าน ต้องรอนานไหม" in page


def test_name_and_email_are_never_shown_publicly(client, org, post_moderated, started):
    ask(
        client,
        org,
        started,
        reporter_name="นายลับ เฉพาะ",
        reporter_email="secret@example.com",
        consent="on",
    )
    question = Question.objects.get()
    for url in (
        f"/{org.slug}/qa/",
        f"/{org.slug}/qa/{question.pk}/",
        f"/{org.slug}/track/{question.case.tracking_code}/",
    ):
        body = client.get(url).content.decode()
        assert "นายลับ เฉพาะ" not in body and "secret@example.com" not in body
    assert "ผู้ไม่ประสงค์ออกนาม" in client.get(f"/{org.slug}/qa/{question.pk}/").content.decode()


def test_contact_needs_consent(client, org, started):
    response = ask(client, org, started, reporter_email="a@example.com")
    assert "กรุณายินยอมให้ใช้ข้อมูลติดต่อเพื่อแจ้งคำตอบ" in response.content.decode()
    assert not Case.objects.exists()


def test_the_form_says_why_it_asks_for_contact(client, org):
    page = client.get(f"/{org.slug}/qa/ask/").content.decode()
    assert "การคุ้มครองข้อมูลส่วนบุคคล" in page and "ไม่แสดงบนกระดานถาม-ตอบ" in page
    assert 'name="reporter_phone"' not in page


def test_empty_and_too_long_questions_get_thai_messages(client, org, started):
    empty = ask(client, org, started, subject="", text="")
    assert "กรุณาพิมพ์คำถาม" in empty.content.decode()
    long = ask(client, org, started, subject="ก" * 201, display_name="ข" * 81)
    body = long.content.decode()
    assert "ไม่เกิน 200 ตัวอักษร" in body and "ไม่เกิน 80 ตัวอักษร" in body
    bad_email = ask(client, org, started, reporter_email="not-an-email", consent="on")
    assert bad_email.status_code == 200
    assert not Case.objects.exists() and not Question.objects.exists()


def test_a_form_sent_twice_makes_one_question(client, org, started):
    ask(client, org, started)
    ask(client, org, started)
    assert Case.objects.count() == 1 and Question.objects.count() == 1
