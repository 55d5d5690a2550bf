"""Hostile text through every public door: never a 500, a Thai refusal or the text kept as sent.

The whole corpus goes through the complaint form and the GET lookups, which
are cheap; a sample of it through the other forms, the LINE and Messenger
webhooks and the API. Form fields keep what was sent after Django's strip of
surrounding white space; a NUL is refused with a Thai message. The chat
webhooks cannot refuse: they drop NUL and turn a lone surrogate into U+FFFD.
"""

import csv
import hashlib
import hmac
import io
import json
import re
import time
import uuid
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.forms import BaseForm
from openpyxl import load_workbook

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ResourceFactory, ServiceFactory
from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case, CaseEvent, CasePolicy
from prongsai.messaging.boards import antispam
from prongsai.messaging.boards.forms import _INVISIBLE
from prongsai.messaging.boards.models import AbuseReport, BoardSettings, Question, Reply, Topic
from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.line.tests.fake_line import FakeLine, event, sign, webhook_body
from prongsai.messaging.livechat.models import Chat, ChatMessage
from prongsai.messaging.messenger.models import MessengerPage
from prongsai.orgs import tokens
from prongsai.orgs.models import Membership
from prongsai.surveys.models import Answer
from prongsai.surveys.models import Question as SurveyQuestion
from prongsai.surveys.tests.factories import QuestionFactory, SurveyFactory
from prongsai.tests import naughty

THAI = re.compile("[\u0e00-\u0e7f]")
CORPUS = naughty.corpus()
SAMPLE = naughty.sample()
CHAT_SAMPLE = [*SAMPLE, *naughty.LONE_SURROGATES]


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # Hundreds of posts from one client in a second are the point here.
    settings.RATE_LIMIT_FACTOR = 1_000_000
    cache.clear()
    yield
    cache.clear()


def kept(value: str, max_length: int) -> str | None:
    """What a Django text field stores of `value`, or None if it must refuse it."""
    value = value.strip()
    if not value or "\x00" in value or len(value) > max_length:
        return None
    return value


def visible(value: str | None) -> str | None:
    """As `kept`, for the boards, which also refuse text that shows nothing."""
    return value if value is not None and _INVISIBLE.sub("", value) else None


def from_chat(value: str) -> str:
    """A chat platform's text as stored: no NUL, lone surrogates as U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", value.replace("\x00", ""))


def form_errors(response) -> list[str]:
    """The messages of every form on the page; the survey page has its own."""
    forms = {}
    messages = []
    for context in response.context or []:
        for values in context.dicts:
            for value in values.values():
                if isinstance(value, BaseForm):
                    forms[id(value)] = value
    for form in forms.values():
        messages += [m for errors in form.errors.values() for m in errors]
    if response.context and "questions" in response.context:
        messages += [row["error"] for row in response.context["questions"] if row["error"]]
        messages += [response.context["form_error"]] if response.context["form_error"] else []
    return messages


def assert_refused_in_thai(response) -> None:
    assert response.status_code in (200, 400), response.status_code
    messages = form_errors(response)
    assert messages, "refused without a word"
    for message in messages:
        assert THAI.search(message), message


def started() -> str:
    return antispam.issue_started(at=time.time() - 60)


# The complaint form and the lookups, with the whole corpus ----------------------------


@pytest.fixture
def road(org):
    return ServiceFactory(org=org, code="road", name="ถนนชำรุด", kind=Service.Kind.COMPLAINT)


@pytest.mark.parametrize("value", CORPUS, ids=naughty.ids(CORPUS))
def test_the_complaint_form(client, org, road, value):
    response = client.post(
        f"/{org.slug}/complain/",
        {"service": road.pk, "subject": value, "text": value, "address": value[:300]},
    )
    expected = kept(value, 200)
    if expected is None:
        assert_refused_in_thai(response)
        assert not Case.objects.exists()
        return
    assert response.status_code == 302, form_errors(response)
    case = Case.objects.get()
    assert (case.subject, case.text, case.address) == (expected, expected, expected[:300].strip())


def test_lookups_answer_any_text_without_a_server_error(client, org, road):
    case = client.post(
        f"/{org.slug}/complain/", {"service": road.pk, "subject": "ถนนพัง", "text": "หลุม"}
    )
    assert case.status_code == 302
    for value in CORPUS:
        lookup = client.get(f"/{org.slug}/track/", {"code": value})
        if value.strip():
            assert_refused_in_thai(lookup)
        assert client.get(f"/{org.slug}/track/{quote(value, safe='')}/").status_code in (
            404,
            301,
        ), ascii(value)
        open311 = client.get(f"/{org.slug}/open311/v2/requests/{quote(value, safe='')}.json")
        assert open311.status_code in (301, 404), ascii(value)


def test_searches_and_filters_take_any_text(client, org):
    for value in SAMPLE:
        for url, name in [
            ("board/", "q"),
            ("board/", "page"),
            ("qa/", "q"),
            ("qa/", "asked"),
            ("qa/faq/", "q"),
            ("news/", "kind"),
            ("news/", "page"),
            ("stats/", "year"),
            ("stats/", "start"),
        ]:
            response = client.get(f"/{org.slug}/{url}", {name: value})
            assert response.status_code == 200, (url, name, ascii(value))


@pytest.fixture
def on_board(org):
    CasePolicy.objects.create(org=org, board_kinds=[Case.Kind.COMPLAINT])


def test_the_board_of_matters_takes_any_filter(client, org, road, on_board):
    for value in SAMPLE:
        for name in ("status", "village", "category", "page"):
            response = client.get(f"/{org.slug}/matters/", {name: value})
            assert response.status_code == 200, (name, ascii(value))


# The other public forms, with a sample --------------------------------------------


@pytest.fixture
def permit(org):
    fields = [
        {"name": "shop", "label": "ชื่อร้าน", "type": "text", "required": True},
        {"name": "detail", "label": "รายละเอียด", "type": "textarea", "required": False},
    ]
    return ServiceFactory(org=org, code="permit", kind=Service.Kind.ESERVICE, form_fields=fields)


@pytest.mark.parametrize("value", SAMPLE, ids=naughty.ids(SAMPLE))
def test_an_e_service_form(client, org, permit, value):
    response = client.post(
        f"/{org.slug}/services/permit/",
        {
            "f_shop": value,
            "f_detail": value,
            "reporter_name": value,
            "reporter_phone": "081 111 2222",
            "consent": "on",
        },
    )
    expected = kept(value, 200)
    if expected is None:
        assert_refused_in_thai(response)
        assert not Case.objects.exists()
        return
    assert response.status_code == 302, form_errors(response)
    case = Case.objects.get()
    assert case.form_data["shop"] == expected and case.reporter_name == expected


@pytest.mark.parametrize("value", SAMPLE[::3], ids=naughty.ids(SAMPLE[::3]))
def test_a_bookable_e_service_form(client, org, value):
    truck = ResourceFactory(org=org, name=value[:100] or "รถ")
    ServiceFactory(org=org, code="truck", kind=Service.Kind.ESERVICE, resource=truck)
    response = client.post(
        f"/{org.slug}/services/truck/",
        {"start_date": value, "end_date": "2999-01-01", "address": value},
    )
    assert_refused_in_thai(response)
    assert not Case.objects.exists()


@pytest.mark.parametrize("value", SAMPLE, ids=naughty.ids(SAMPLE))
def test_a_survey_text_answer(client, org, value):
    survey = SurveyFactory(org=org)
    question = QuestionFactory(survey=survey, kind=SurveyQuestion.Kind.LONG, text="ข้อเสนอแนะ")
    url = f"/{org.slug}/surveys/{survey.pk}/"
    token = client.get(url).context["token"]
    response = client.post(url, {"token": token, question.field_name: value})
    expected = kept(value, 5000)
    if expected is None:  # blank answers to a required question too
        assert_refused_in_thai(response)
        assert not Answer.objects.exists()
        return
    assert response.status_code == 302
    assert Answer.objects.get().text == expected


@pytest.fixture
def published_at_once(org):
    return BoardSettings.objects.create(org=org, moderation=BoardSettings.Moderation.POST)


@pytest.mark.parametrize("value", SAMPLE, ids=naughty.ids(SAMPLE))
def test_a_webboard_topic_and_reply(client, org, published_at_once, value):
    response = client.post(
        f"/{org.slug}/board/new/",
        {"title": value, "text": value, "author_name": value[:80], "started": started()},
    )
    expected = visible(kept(value, 200))
    if expected is None:
        assert_refused_in_thai(response)
        assert not Topic.objects.exists() and not Case.objects.exists()
        return
    assert response.status_code == 302, form_errors(response)
    topic = Topic.objects.get()
    assert (topic.title, topic.text) == (expected, expected)
    reply = client.post(
        f"/{org.slug}/board/{topic.pk}/",
        {"text": value, "author_name": value[:80], "started": started(), "idempotency_key": "r"},
    )
    assert reply.status_code == 302, form_errors(reply)
    assert Reply.objects.get().text == expected
    report = client.post(
        f"/{org.slug}/board/{topic.pk}/report/",
        {"reason": "other", "detail": value, "started": started()},
    )
    if visible(kept(value, 500)) is None:
        assert_refused_in_thai(report)
        assert not AbuseReport.objects.exists()
    else:
        assert report.status_code == 302, form_errors(report)
        assert AbuseReport.objects.get().detail == expected
    for page in (f"board/{topic.pk}/", "board/", f"staff/board/{topic.pk}/"):
        assert client.get(f"/{org.slug}/{page}").status_code in (200, 302)


@pytest.mark.parametrize("value", SAMPLE, ids=naughty.ids(SAMPLE))
def test_a_qa_question(client, org, published_at_once, value):
    response = client.post(
        f"/{org.slug}/qa/ask/",
        {"subject": value, "text": value, "display_name": value[:80], "started": started()},
    )
    expected = visible(kept(value, 200))
    if expected is None:
        assert_refused_in_thai(response)
        assert not Question.objects.exists() and not Case.objects.exists()
        return
    assert response.status_code == 302, form_errors(response)
    question = Question.objects.get()
    assert (question.case.subject, question.case.text) == (expected, expected)
    assert client.get(f"/{org.slug}/qa/{question.pk}/").status_code == 200


def chat_text(value: str) -> str | None:
    """What the live chat stores of a message: stripped, visible, no NUL, 2000 at most."""
    value = value.strip()
    shown = [c for c in value if not c.isspace() and c not in "\u200b\u200c\u200d\u2060\ufeff"]
    if not shown or "\x00" in value or len(value) > 2000:
        return None
    return value


@pytest.mark.parametrize("value", SAMPLE, ids=naughty.ids(SAMPLE))
def test_the_live_chat(client, org, value):
    response = client.post(f"/{org.slug}/chat/", {"visitor_name": value[:100], "text": value})
    expected = chat_text(value)
    if expected is None:
        assert response.status_code in (200, 400)
        assert not Chat.objects.exists() and not Case.objects.exists()
        return
    assert response.status_code == 302
    assert ChatMessage.objects.get().text == expected
    again = client.post(f"/{org.slug}/chat/send/", {"text": value})
    assert again.status_code in (200, 302)
    assert ChatMessage.objects.filter(text=expected).count() == 2
    assert client.get(f"/{org.slug}/chat/messages/?after=0").status_code == 200


# The chat platforms' webhooks ----------------------------------------------------------


@pytest.fixture(scope="module")
def fake_line():
    fake = FakeLine()
    yield fake
    fake.close()


@pytest.fixture
def line(settings, org, road, fake_line):
    settings.LINE_API_BASE_URL = settings.LINE_DATA_API_BASE_URL = fake_line.url
    account = LineAccount(org=org, basic_id="@test")
    account.channel_secret = "secret"
    account.access_token = "token"
    account.save()
    return fake_line


def deliver_line(client, org, *events):
    body = webhook_body(*events)
    return client.post(
        f"/{org.slug}/line/webhook/",
        body,
        content_type="application/json",
        HTTP_X_LINE_SIGNATURE=sign(body, "secret"),
    )


def line_text(value: str, user: str) -> dict:
    return event({"type": "text", "text": value}, user=user)


@pytest.mark.parametrize("value", CHAT_SAMPLE, ids=naughty.ids(CHAT_SAMPLE))
def test_the_line_webhook(client, org, line, value):
    user = "U" + hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()
    steps = [
        event(kind="follow", user=user),
        event(kind="postback", postback={"data": value}, user=user),
        line_text(value, user),
        line_text("แจ้งเรื่อง", user),
        event(kind="postback", postback={"data": "service=road"}, user=user),
        line_text(value, user),
        line_text(value, user),  # added to the case
        line_text("ถามคำถาม", user),
        line_text(value, user),
    ]
    for step in steps:
        assert deliver_line(client, org, step).status_code == 200
    stored = from_chat(value).strip()
    if not stored:  # only spaces: the bot asks again and files nothing
        assert not Case.objects.exists()
        return
    complaint = Case.objects.get(kind=Case.Kind.COMPLAINT)
    assert complaint.text == stored
    assert complaint.events.filter(kind=CaseEvent.Kind.REPORTER_UPDATE, text=stored).exists()
    assert Case.objects.get(kind=Case.Kind.QUESTION).text == stored


def deliver_messenger(client, org, text: str):
    item = {
        "sender": {"id": "PSID" + uuid.uuid4().hex[:8]},
        "recipient": {"id": "1001"},
        "timestamp": int(time.time() * 1000),
        "message": {"mid": f"m_{uuid.uuid4().hex}", "text": text},
    }
    body = json.dumps({"object": "page", "entry": [{"id": "1001", "messaging": [item]}]}).encode()
    signature = "sha256=" + hmac.new(b"fb-secret", body, hashlib.sha256).hexdigest()
    return client.post(
        f"/{org.slug}/messenger/webhook/",
        body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256=signature,
    )


@pytest.mark.parametrize("value", CHAT_SAMPLE, ids=naughty.ids(CHAT_SAMPLE))
def test_the_messenger_webhook(client, org, settings, value):
    settings.MESSENGER_GRAPH_URL = "http://127.0.0.1:9"  # replies fail; receiving must not
    page = MessengerPage(org=org, page_id="1001", verify_token="v")
    page.app_secret = "fb-secret"
    page.page_token = "t"
    page.save()
    assert deliver_messenger(client, org, value).status_code == 200
    case = Case.objects.get()
    assert case.text == from_chat(value).strip() and case.subject.strip()


# The JSON API -------------------------------------------------------------------------


def test_the_api_answers_any_parameter_in_thai(client, org, make_member, road):
    user = make_member(org, Membership.Role.ADMIN, "api").user
    auth = {"HTTP_AUTHORIZATION": f"Bearer {tokens.issue_token(user=user, label='t')[1]}"}
    base = f"/api/v1/orgs/{org.slug}/"
    for value in CORPUS:
        for url, name in [
            ("cases/", "status"),
            ("cases/", "start"),
            ("cases/", "page"),
            ("stats/cases", "by"),
            ("stats/cases", "start"),
            ("surveys/", "end"),
            ("projects/", "year"),
            ("plans/2566/", "digits"),
        ]:
            response = client.get(base + url, {name: value}, **auth)
            assert response.status_code in (200, 400, 404), (url, name, ascii(value))
            if response.status_code != 200:
                assert THAI.search(response.json()["detail"]), response.json()
        for path in (f"cases/{quote(value, safe='')}/", f"divisions/{quote(value, safe='')}/"):
            response = client.get(base + path, **auth)
            assert response.status_code in (404, 422), (path, ascii(value))
            if value and "/" not in value:  # else the path is no route of the API
                assert THAI.search(response.json()["detail"]), response.json()


# Exports ------------------------------------------------------------------------------

FORMULAS = [v for v in naughty.THAI if v.lstrip(" ").startswith(("=", "+", "-", "@", "\t"))]


def test_survey_exports_never_turn_answers_into_formulas(client, org, alice):
    survey = SurveyFactory(org=org)
    question = QuestionFactory(survey=survey, kind=SurveyQuestion.Kind.LONG, text="ข้อเสนอแนะ")
    url = f"/{org.slug}/surveys/{survey.pk}/"
    for value in FORMULAS:
        client.cookies.clear()
        token = client.get(url).context["token"]
        assert client.post(url, {"token": token, question.field_name: value}).status_code == 302
    client.force_login(alice)
    export = f"/{org.slug}/staff/surveys/{survey.pk}/export."
    rows = list(csv.reader(io.StringIO(client.get(export + "csv").content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    sheet = load_workbook(io.BytesIO(client.get(export + "xlsx").content)).active
    xlsx = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for value in FORMULAS:
        stored = value.strip()
        assert "'" + stored in cells, stored
        assert xlsx[stored].data_type == "s" and xlsx[stored].quotePrefix, stored
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]


def _matter(org, road) -> Case:
    return inbox.submit_case(org=org, channel="web", service=road, subject="ถนนพัง")


@pytest.mark.parametrize("value", SAMPLE, ids=naughty.ids(SAMPLE))
def test_the_reporters_update_and_reopening(client, org, road, value):
    case = _matter(org, road)
    url = f"/{org.slug}/track/{case.tracking_code}"
    update = client.post(f"{url}/update/", {"text": value})
    expected = kept(value, 5000)
    updates = case.events.filter(kind=CaseEvent.Kind.REPORTER_UPDATE)
    if expected is None:
        assert_refused_in_thai(update)
        assert not updates.exists()
    else:
        assert update.status_code == 302, form_errors(update)
        assert updates.get().text == expected

    inbox.close_case(case=case, status="resolved", resolution="ซ่อมแล้ว", actor=None)
    reopen = client.post(f"{url}/reopen/", {"reason": value})
    case.refresh_from_db()
    if expected is None:
        assert_refused_in_thai(reopen)
        assert case.reopen_count == 0
    else:
        assert reopen.status_code == 302, form_errors(reopen)
        assert case.events.get(kind=CaseEvent.Kind.REOPENED).text == expected


@pytest.mark.parametrize("value", SAMPLE, ids=naughty.ids(SAMPLE))
def test_me_too_on_the_board(client, org, road, on_board, value):
    case = _matter(org, road)
    response = client.post(f"/{org.slug}/matters/{case.pk}/me-too/", {"text": value})
    case.refresh_from_db()
    expected = kept(value, 2000)
    if response.status_code != 302:
        assert_refused_in_thai(response)
        assert expected is None and case.me_too_count == 0
    else:
        assert case.me_too_count == 1
        event = case.events.get(kind=CaseEvent.Kind.ME_TOO)
        assert event.text == (expected or "")
