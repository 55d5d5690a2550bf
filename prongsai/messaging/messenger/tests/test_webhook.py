"""Messenger: signed like Facebook signs, each message once, a case per conversation."""

import hashlib
import hmac
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from prongsai.inbox import services
from prongsai.inbox.models import Case, CaseEvent
from prongsai.messaging.messenger.models import MessengerPage

SECRET = "fb-app-secret"


class FakeGraph:
    def __init__(self) -> None:
        self.sent: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.sent.append({"path": self.path, "auth": self.headers["Authorization"], **body})
                answer = b'{"recipient_id":"1","message_id":"m"}'
                self.send_response(200)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def graph(settings):
    fake = FakeGraph()
    settings.MESSENGER_GRAPH_URL = fake.url
    yield fake
    fake.server.shutdown()


@pytest.fixture
def page(org):
    page = MessengerPage(org=org, page_id="1001", verify_token="verify-me")
    page.app_secret = SECRET
    page.page_token = "page-token"
    page.save()
    return page


def message(text: str, sender: str = "PSID1", **extra) -> dict:
    return {
        "sender": {"id": sender},
        "recipient": {"id": "1001"},
        "timestamp": int(time.time() * 1000),
        "message": {"mid": f"m_{uuid.uuid4().hex}", "text": text, **extra},
    }


@pytest.fixture
def deliver(client, org, django_capture_on_commit_callbacks):
    def post(*items, secret: str = SECRET):
        body = json.dumps({"object": "page", "entry": [{"id": "1001", "messaging": list(items)}]})
        signature = "sha256=" + hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/{org.slug}/messenger/webhook/",
                body,
                content_type="application/json",
                HTTP_X_HUB_SIGNATURE_256=signature,
            )

    return post


def test_the_subscription_check(client, org, page):
    url = f"/{org.slug}/messenger/webhook/"
    ok = client.get(
        url, {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "42"}
    )
    assert ok.status_code == 200 and ok.content == b"42"
    assert client.get(url, {"hub.mode": "subscribe", "hub.verify_token": "no"}).status_code == 403


def test_a_bad_signature_stores_nothing(deliver, page, graph):
    assert deliver(message("สวัสดี"), secret="wrong").status_code == 400
    assert not Case.objects.exists() and graph.sent == []


def test_messages_make_one_case_per_conversation_and_are_answered(deliver, page, graph):
    first = message("ขยะไม่ได้เก็บสามวัน")
    assert deliver(first).status_code == 200
    deliver(first)  # Facebook retries a delivery
    deliver(message("อยู่หมู่ 4 ครับ"))
    case = Case.objects.get()
    assert (case.channel, case.kind, case.subject) == ("facebook", "question", "ขยะไม่ได้เก็บสามวัน")
    assert case.events.filter(kind=CaseEvent.Kind.REPORTER_UPDATE, text="อยู่หมู่ 4 ครับ").count() == 1
    [ack] = graph.sent
    assert ack["recipient"] == {"id": "PSID1"} and ack["auth"] == "Bearer page-token"
    assert case.tracking_code[:4] in ack["message"]["text"]


def test_echoes_of_our_own_messages_are_ignored(deliver, page, graph):
    deliver(message("ข้อความของเพจเอง", is_echo=True))
    assert not Case.objects.exists()


def test_staff_replies_go_back_to_the_sender(
    deliver, page, graph, org, make_member, django_capture_on_commit_callbacks
):
    deliver(message("ถามเรื่องภาษีป้าย"))
    case = Case.objects.get()
    officer = make_member(org, "officer", "officer").user
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_publicly(case=case, actor=officer, text="ยื่นได้ถึงสิ้นมีนาคม")
    reply = graph.sent[-1]
    assert reply["recipient"] == {"id": "PSID1"} and "ยื่นได้ถึงสิ้นมีนาคม" in reply["message"]["text"]


def test_after_the_case_closes_a_new_message_opens_a_new_case(
    deliver, page, graph, org, make_member
):
    deliver(message("เรื่องแรก"))
    officer = make_member(org, "officer", "officer").user
    services.close_case(
        case=Case.objects.get(), status="resolved", resolution="ตอบแล้ว", actor=officer
    )
    deliver(message("เรื่องที่สอง"))
    assert Case.objects.count() == 2
