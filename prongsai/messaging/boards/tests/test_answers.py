"""Staff answer a question in public: a reply on its case, shown on the board, e-mailed."""

from django.core import mail

from prongsai.inbox.models import CaseEvent
from prongsai.messaging.boards import services
from prongsai.orgs.models import AuditEvent


def test_the_answer_is_shown_and_mailed(
    client, org, question, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{org.slug}/staff/qa/{question.pk}/answer/",
            {"text": "ยื่นแบบภาษีป้ายได้ที่กองคลังภายในเดือนมีนาคม"},
        )
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=question.case, kind="public_reply")
    assert (event.actor, event.is_public) == (officer, True)
    assert AuditEvent.objects.filter(action="case_replied", actor=officer).exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somsri@example.com"]
    assert "ยื่นแบบภาษีป้ายได้ที่กองคลังภายในเดือนมีนาคม" in message.body
    assert question.case.tracking_code in message.body

    client.logout()
    page = client.get(f"/{org.slug}/qa/{question.pk}/").content.decode()
    assert "ยื่นแบบภาษีป้ายได้ที่กองคลังภายในเดือนมีนาคม" in page and "เจ้าหน้าที่ตอบ" in page
    assert "เจ้าหน้าที่ตอบแล้ว" in client.get(f"/{org.slug}/qa/").content.decode()


def test_closing_with_the_answer(
    client, org, question, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{org.slug}/staff/qa/{question.pk}/answer/", {"text": "คำตอบ", "close": "on"})
    question.case.refresh_from_db()
    assert question.case.status == "resolved"
    # One mail for the answer, one for the closing, as for any other case.
    assert len(mail.outbox) == 2


def test_an_answer_from_the_inbox_shows_on_the_board(client, org, question, officer):
    from prongsai.inbox import services as inbox

    inbox.reply_publicly(case=question.case, actor=officer, text="ตอบจากกล่องเรื่อง")
    assert "ตอบจากกล่องเรื่อง" in client.get(f"/{org.slug}/qa/{question.pk}/").content.decode()


def test_answering_approves_a_waiting_question(client, org, officer):
    question = services.ask_question(org=org, subject="รอ", text="รอตรวจ")
    assert question.status == "pending"
    services.answer_question(question=question, actor=officer, text="ตอบแล้ว")
    question.refresh_from_db()
    assert question.status == "published"
    assert "ตอบแล้ว" in client.get(f"/{org.slug}/qa/{question.pk}/").content.decode()


def test_internal_notes_are_not_answers(client, org, question, officer):
    from prongsai.inbox import services as inbox

    inbox.add_note(case=question.case, actor=officer, text="บันทึกภายในเท่านั้น")
    assert "บันทึกภายในเท่านั้น" not in client.get(f"/{org.slug}/qa/{question.pk}/").content.decode()


def test_an_empty_answer_is_refused(client, org, question, officer):
    client.force_login(officer)
    response = client.post(f"/{org.slug}/staff/qa/{question.pk}/answer/", {"text": ""}, follow=True)
    assert "กรุณาพิมพ์คำตอบ" in response.content.decode()
    assert not CaseEvent.objects.filter(kind="public_reply").exists()
