"""Every way staff can read a corruption complaint is refused or leaves an audit entry.

The case page, its files, the inbox list and its search, the staff API (one
case and the list), a live chat turned into the complaint, the Q&A page of a
question found to be one: each either refuses the member or records
`case_viewed` naming the member and the case. Statistics and their XLSX hold
counts only, and e-mail goes to the reporter alone.
"""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import services
from prongsai.inbox.models import Case
from prongsai.messaging.boards import services as board_services
from prongsai.messaging.livechat import services as chat_services
from prongsai.orgs import tokens
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import PositionFactory

Role = Membership.Role
SECRET_TEXT = "ปลัดรับเงินใต้โต๊ะจากผู้รับเหมา"
SUBJECT = "ทุจริตจัดซื้อวัสดุ"
REPORTER = "นายผู้กล้า แจ้งเบาะแส"


@pytest.fixture
def corruption_service(org):
    return ServiceFactory(
        org=org, code="corruption", name="ร้องเรียนการทุจริต", kind=Service.Kind.CORRUPTION
    )


@pytest.fixture
def lawyer(org, make_member):
    """The officer whose position receives corruption complaints."""
    position = PositionFactory(org=org, name="นิติกร", handles_corruption=True)
    return make_member(org, Role.OFFICER, "lawyer", position=position).user


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Role.OFFICER, "officer").user


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("evidence.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def complaint(org, corruption_service):
    return services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=corruption_service,
        subject=SUBJECT,
        text=SECRET_TEXT,
        reporter_name=REPORTER,
        reporter_email="hero@example.com",
        consent=True,
        files=[png()],
    )


def views(user, case, via=None) -> int:
    events = AuditEvent.objects.filter(action="case_viewed", actor=user, target_id=str(case.pk))
    if via is not None:
        events = events.filter(detail__via=via)
    return events.count()


def signed_in(client, user):
    client.force_login(user)
    return client


# Pages --------------------------------------------------------------------------------------


def test_the_case_page(client, org, complaint, lawyer, officer):
    url = f"/{org.slug}/staff/cases/{complaint.tracking_code}/"
    assert SECRET_TEXT in signed_in(client, lawyer).get(url).content.decode()
    assert views(lawyer, complaint) == 1
    body = signed_in(client, officer).get(url).content.decode()
    assert SECRET_TEXT not in body and REPORTER not in body
    assert views(officer, complaint) == 1  # even the masked page is on the record


def test_the_attached_files(client, org, complaint, lawyer, officer):
    attachment = complaint.attachments.get()
    url = f"/{org.slug}/staff/cases/{complaint.tracking_code}/files/{attachment.pk}/"
    assert signed_in(client, officer).get(url).status_code == 403
    assert views(officer, complaint) == 0
    assert signed_in(client, lawyer).get(url).status_code == 200
    assert views(lawyer, complaint) == 1


def test_the_inbox_list_and_its_search(client, org, complaint, lawyer, officer):
    # A corruption complaint is found by its code only, never by its words.
    for query in ["", f"?q={complaint.tracking_code}&status="]:
        body = signed_in(client, lawyer).get(f"/{org.slug}/staff/cases/{query}").content.decode()
        assert SUBJECT in body
    assert views(lawyer, complaint, via="list") == 2
    for query in ["", f"?q={complaint.tracking_code}&status="]:
        body = signed_in(client, officer).get(f"/{org.slug}/staff/cases/{query}").content.decode()
        assert complaint.tracking_code[:4] in body and SUBJECT not in body
    assert views(officer, complaint) == 0  # the list showed only that it exists


def test_a_list_without_corruption_complaints_records_nothing(client, org, lawyer):
    services.submit_case(org=org, channel=Case.Channel.WEB, kind="complaint", subject="ไฟดับ")
    signed_in(client, lawyer).get(f"/{org.slug}/staff/cases/")
    assert not AuditEvent.objects.filter(action="case_viewed").exists()


# The API ------------------------------------------------------------------------------------


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue_token(user=user, label='t')[1]}"}


def test_the_api_case(client, org, complaint, lawyer, officer):
    url = f"/api/v1/orgs/{org.slug}/cases/{complaint.tracking_code}/"
    assert client.get(url, **bearer(lawyer)).json()["text"] == SECRET_TEXT
    assert views(lawyer, complaint, via="api") == 1
    assert client.get(url, **bearer(officer)).json()["text"] == ""
    assert views(officer, complaint, via="api") == 1


def test_the_api_list(client, org, complaint, lawyer, officer):
    url = f"/api/v1/orgs/{org.slug}/cases/"
    [shown] = client.get(url, **bearer(lawyer)).json()["results"]
    assert shown["subject"] == SUBJECT
    assert views(lawyer, complaint, via="api") == 1
    [masked] = client.get(url, **bearer(officer)).json()["results"]
    assert SUBJECT not in str(masked)
    assert views(officer, complaint) == 0


# Channels that become a corruption complaint ------------------------------------------------


def test_a_chat_found_to_be_a_corruption_complaint(client, org, lawyer, officer):
    chat = chat_services.start_chat(org=org, text=SECRET_TEXT).chat
    chat_services.take_chat(chat=chat, actor=lawyer)
    services.reclassify_case(case=chat.case, kind=Case.Kind.CORRUPTION, actor=lawyer)
    chat.refresh_from_db()
    assert chat.case.is_confidential
    page, poll = f"/{org.slug}/staff/chat/{chat.pk}/", f"/{org.slug}/staff/chat/{chat.pk}/messages/"
    assert signed_in(client, officer).get(page).status_code == 403
    assert client.get(poll, {"after": 0}).status_code == 403
    lawyer_client = signed_in(client, lawyer)
    assert SECRET_TEXT in lawyer_client.get(page).content.decode()
    assert views(lawyer, chat.case, via="chat") == 1
    assert SECRET_TEXT in lawyer_client.get(poll, {"after": 0}).content.decode()
    assert views(lawyer, chat.case, via="chat") == 2
    console = signed_in(client, officer).get(f"/{org.slug}/staff/chat/").content.decode()
    assert SECRET_TEXT not in console


def test_a_question_found_to_be_a_corruption_complaint(client, org, lawyer, officer):
    question = board_services.ask_question(
        org=org, subject=SUBJECT, text=SECRET_TEXT, display_name="ชาวบ้าน"
    )
    services.reclassify_case(case=question.case, kind=Case.Kind.CORRUPTION, actor=lawyer)
    url = f"/{org.slug}/staff/qa/{question.pk}/"
    body = signed_in(client, officer).get(url).content.decode()
    assert SECRET_TEXT not in body and SUBJECT not in body
    assert views(officer, question.case) == 1
    assert SECRET_TEXT in signed_in(client, lawyer).get(url).content.decode()
    assert views(lawyer, question.case) == 1


# What carries no content -----------------------------------------------------------------------


def test_statistics_and_their_xlsx_hold_counts_only(client, org, complaint, make_member):
    executive = make_member(org, Role.EXECUTIVE, "executive").user
    signed_in(client, executive)
    for url in [f"/{org.slug}/stats/", f"/{org.slug}/stats/cases.xlsx"]:
        response = client.get(url)
        assert response.status_code == 200
        content = b"".join(response) if response.streaming else response.content
        assert SUBJECT.encode() not in content and SECRET_TEXT.encode() not in content


def test_mail_about_it_goes_to_the_reporter_alone(
    org, complaint, lawyer, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_case(case=complaint, assignee=officer, actor=lawyer)
        services.reply_publicly(case=complaint, actor=officer, text="รับเรื่องไว้ตรวจสอบแล้ว")
        services.add_note(case=complaint, actor=officer, text="ภายใน: " + SECRET_TEXT)
    assert mail.outbox, "the reporter hears of the reply"
    for message in mail.outbox:
        assert message.to == ["hero@example.com"]
        assert SECRET_TEXT not in message.body
