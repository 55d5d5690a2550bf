"""Satisfaction after service: the reporter of a closed case is invited to rate it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case
from prongsai.messaging.line.models import LineAccount, LineReport, LineUser
from prongsai.messaging.line.tests.fake_line import FakeLine
from prongsai.messaging.messenger.models import MessengerMessage, MessengerPage
from prongsai.messaging.messenger.tests.test_webhook import FakeGraph
from prongsai.orgs.models import Membership
from prongsai.surveys import offers, services
from prongsai.surveys.models import Survey
from prongsai.surveys.tests.factories import QuestionFactory, SurveyFactory, new_token

Status = Case.Status


@pytest.fixture
def road(org):
    return ServiceFactory(org=org, code="road", name="ถนนชำรุด")


@pytest.fixture
def survey(org, road):
    survey = SurveyFactory(org=org, service=road, offer_on_close=True, title="ความพึงพอใจงานซ่อมถนน")
    QuestionFactory(survey=survey, text="ความรวดเร็ว")
    QuestionFactory(survey=survey, text="ความสุภาพ")
    return survey


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Membership.Role.OFFICER, "officer").user


@pytest.fixture
def case(org, road):
    return inbox.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=road,
        subject="หลุมหน้าวัด",
        reporter_email="reporter@example.com",
        consent=True,
    )


def close(case, officer, status=Status.RESOLVED):
    return inbox.close_case(case=case, status=status, resolution="ซ่อมแล้ว", actor=officer)


def rate(survey, case, *scores):
    data = {q.field_name: [str(s)] for q, s in zip(survey.questions.all(), scores, strict=True)}
    return services.submit_response(survey=survey, data=data, token=new_token(), case=case)


def survey_path(case) -> str:
    return f"/{case.org.slug}/surveys/case/{case.tracking_code}/"


def track(client, case) -> str:
    response = client.get(f"/{case.org.slug}/track/{case.tracking_code}/")
    assert response.status_code == 200
    return response.content.decode()


# Which survey, and when


@pytest.mark.parametrize("status", Case.CLOSED_STATUSES)
def test_a_closed_case_is_offered_its_services_survey(case, survey, officer, status, settings):
    assert offers.offer_for(case) is None
    close(case, officer, status)
    assert offers.offer_for(case) == (survey, settings.SITE_URL + survey_path(case))


def test_the_services_own_survey_comes_before_the_general_one(org, case, survey, officer):
    SurveyFactory(org=org, offer_on_close=True, title="ความพึงพอใจทั่วไป")
    close(case, officer)
    assert offers.offer_for(case)[0] == survey


def test_a_case_of_another_service_gets_the_general_survey(org, officer):
    general = SurveyFactory(org=org, offer_on_close=True)
    SurveyFactory(org=org, offer_on_close=True, service=ServiceFactory(org=org))
    case = inbox.submit_case(
        org=org, channel=Case.Channel.WEB, subject="ไฟดับ", kind=Case.Kind.COMPLAINT
    )
    close(case, officer)
    assert offers.offer_for(case)[0] == general


@pytest.mark.parametrize(
    "change",
    [
        {"status": Survey.Status.DRAFT},
        {"status": Survey.Status.CLOSED},
        {"offer_on_close": False},
        {"closes_at": timezone.now() - timedelta(minutes=1)},
    ],
)
def test_no_offer_without_a_survey_taking_answers(case, survey, officer, change):
    Survey.objects.filter(pk=survey.pk).update(**change)
    close(case, officer)
    assert offers.offer_for(case) is None


def test_another_orgs_survey_is_never_offered(other_org, officer, org):
    SurveyFactory(org=other_org, offer_on_close=True)
    case = inbox.submit_case(
        org=org, channel=Case.Channel.WEB, subject="ไฟดับ", kind=Case.Kind.COMPLAINT
    )
    close(case, officer)
    assert offers.offer_for(case) is None


def test_a_rated_case_is_offered_nothing_more(case, survey, officer):
    close(case, officer)
    rate(survey, case, 5, 4)
    assert offers.offer_for(case) is None
    assert offers.score_for(case) == 4.5


def test_a_corruption_complaint_is_offered_nothing(org, survey, officer):
    SurveyFactory(org=org, offer_on_close=True)
    case = inbox.submit_case(
        org=org, channel=Case.Channel.WEB, kind=Case.Kind.CORRUPTION, subject="เรียกรับเงิน"
    )
    close(case, officer)
    assert offers.offer_for(case) is None and offers.invitation_text(case) == ""


# E-mail, LINE, Messenger


def test_the_closing_mail_carries_the_survey_link(
    case, survey, officer, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inbox.reply_publicly(case=case, actor=officer, text="จะเข้าซ่อมวันจันทร์")
        close(case, officer)
    reply, closing = mail.outbox
    assert "surveys/case/" not in reply.body
    assert settings.SITE_URL + survey_path(case) in closing.body
    assert "ประเมินความพึงพอใจ" in closing.body


def test_the_closing_mail_has_no_link_without_a_survey(
    case, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        close(case, officer)
    [closing] = mail.outbox
    assert "ซ่อมแล้ว" in closing.body and "surveys/case/" not in closing.body


def test_nothing_is_sent_for_a_closing_that_rolls_back(
    case, survey, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        inbox.close_case(case=case, status=Status.RESOLVED, resolution="", actor=officer)
    assert mail.outbox == []


@pytest.fixture
def fake_line(settings):
    fake = FakeLine()
    settings.LINE_API_BASE_URL = fake.url
    settings.LINE_DATA_API_BASE_URL = fake.url
    yield fake
    fake.server.shutdown()


@pytest.fixture
def line_case(org, case):
    account = LineAccount(org=org, basic_id="@test")
    account.channel_secret = "secret"
    account.access_token = "token"
    account.save()
    user = LineUser.objects.create(org=org, line_user_id="U1234")
    LineReport.objects.create(case=case, line_user=user)
    return case


def test_the_closing_line_push_carries_the_survey_link(
    line_case, survey, officer, fake_line, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inbox.reply_publicly(case=line_case, actor=officer, text="จะเข้าซ่อมวันจันทร์")
        close(line_case, officer)
    reply, closing = fake_line.texts("/v2/bot/message/push")
    assert "surveys/case/" not in reply
    assert "ซ่อมแล้ว" in closing
    assert settings.SITE_URL + survey_path(line_case) in closing


@pytest.fixture
def graph(settings):
    fake = FakeGraph()
    settings.MESSENGER_GRAPH_URL = fake.url
    yield fake
    fake.server.shutdown()


@pytest.fixture
def messenger_case(org, case):
    page = MessengerPage(org=org, page_id="1001", verify_token="verify-me")
    page.app_secret = "app-secret"
    page.page_token = "page-token"
    page.save()
    MessengerMessage.objects.create(
        org=org, mid="m1", sender_id="PSID1", case=case, received_at=timezone.now()
    )
    return case


def test_the_closing_messenger_message_carries_the_survey_link(
    messenger_case, survey, officer, graph, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        close(messenger_case, officer)
    [sent] = graph.sent
    assert sent["recipient"] == {"id": "PSID1"}
    assert settings.SITE_URL + survey_path(messenger_case) in sent["message"]["text"]


# The tracking page and the staff page


def test_the_tracking_page_offers_the_survey_once_closed(client, case, survey, officer):
    assert "ประเมินความพึงพอใจ" not in track(client, case)
    close(case, officer)
    page = track(client, case)
    assert "ประเมินความพึงพอใจ" in page and f'href="{survey_path(case)}"' in page


def test_the_tracking_page_thanks_once_rated(client, case, survey, officer):
    close(case, officer)
    rate(survey, case, 5, 4)
    page = track(client, case)
    assert "ขอบคุณ" in page and "4.5" in page
    assert survey_path(case) not in page


def test_the_tracking_page_offers_nothing_for_a_corruption_complaint(client, org, officer):
    SurveyFactory(org=org, offer_on_close=True)
    case = inbox.submit_case(
        org=org, channel=Case.Channel.WEB, kind=Case.Kind.CORRUPTION, subject="เรียกรับเงิน"
    )
    close(case, officer)
    page = track(client, case)
    assert "ประเมินความพึงพอใจ" not in page and "surveys/case/" not in page


def test_the_staff_page_shows_the_reporters_score(client, case, survey, officer):
    client.force_login(officer)
    url = f"/{case.org.slug}/staff/cases/{case.tracking_code}/"
    assert "ความพึงพอใจของผู้แจ้ง" not in client.get(url).content.decode()
    close(case, officer)
    rate(survey, case, 5, 4)
    page = client.get(url).content.decode()
    assert "ความพึงพอใจของผู้แจ้ง" in page and "4.5 / 5" in page
