"""Every public form that writes, and sign-in, refuses a flood from one address.

Each limit is set to LIMIT uses here: the next use from the same address gets
429, a Thai message and Retry-After, and nothing is saved; another address is
not limited.
"""

import os
import subprocess
import sys
import textwrap
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory
from django.utils import timezone

from prongsai import ratelimits
from prongsai.eservices.models import Service
from prongsai.eservices.open311 import keys
from prongsai.eservices.tests.factories import ResourceFactory, ServiceFactory
from prongsai.inbox import services as inbox_services
from prongsai.inbox.models import Case
from prongsai.messaging.boards import antispam
from prongsai.messaging.boards import services as board_services
from prongsai.messaging.boards.models import AbuseReport, BoardSettings, Question, Topic
from prongsai.messaging.livechat.models import Chat
from prongsai.orgs.models import ItasLink
from prongsai.orgs.tests.factories import PASSWORD
from prongsai.surveys.models import OpenCount, Response
from prongsai.surveys.tests.factories import QuestionFactory, SurveyFactory, form_data, new_token
from prongsai.thai import fiscal_year

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 2
HERE = "198.51.100.7"
ELSEWHERE = "203.0.113.9"
TOO_OFTEN = "ส่งบ่อยเกินกำหนด ระบบยังไม่ได้บันทึกข้อมูลนี้"


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.RATE_LIMITS = {bucket: (LIMIT, 600) for bucket in settings.RATE_LIMITS}
    settings.RATE_LIMIT_FACTOR = 1


def assert_limited(send, stored, *, ok=302, message=TOO_OFTEN, kept=None):
    """LIMIT sends succeed, the next is refused with nothing saved, another address goes on."""
    for n in range(LIMIT):
        response = send(n, HERE)
        assert response.status_code == ok, response.content.decode()[:2000]
    refused = send(LIMIT, HERE)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    body = refused.content.decode()
    assert message in body
    if kept is not None:
        assert kept in body, "the form is shown again with what was typed"
    assert stored() == LIMIT
    assert send(LIMIT + 1, ELSEWHERE).status_code == ok
    assert stored() == LIMIT + 1


# Citizens' forms --------------------------------------------------------------------------


def test_complaints(client, org):
    service = ServiceFactory(org=org, code="road", name="ถนนชำรุด")

    def send(n, address):
        data = {
            "service": service.pk,
            "subject": f"หลุมบนถนนหมู่ {n}",
            "text": "ลึกมาก",
            "idempotency_key": f"complaint-{n}",
        }
        return client.post(f"/{org.slug}/complain/", data, REMOTE_ADDR=address)

    assert_limited(send, Case.objects.count, kept=f"หลุมบนถนนหมู่ {LIMIT}")


def eservice_data(n, **extra):
    return {
        "reporter_name": f"นางสมร {n}",
        "reporter_phone": "081-111-2222",
        "consent": "on",
        "idempotency_key": f"eservice-{n}",
        **extra,
    }


def test_eservice_requests(client, org):
    ServiceFactory(org=org, code="water", name="ขอรับน้ำ", kind=Service.Kind.ESERVICE)

    def send(n, address):
        url = f"/{org.slug}/services/water/"
        return client.post(url, eservice_data(n), REMOTE_ADDR=address)

    assert_limited(send, Case.objects.count, kept=f"นางสมร {LIMIT}")


def test_bookings(client, org):
    truck = ResourceFactory(org=org, name="รถกระบะ")
    ServiceFactory(org=org, code="truck", kind=Service.Kind.ESERVICE, resource=truck)
    day = (timezone.localdate() + timedelta(days=7)).isoformat()

    def send(n, address):
        data = eservice_data(n, start_date=day, end_date=day)
        return client.post(f"/{org.slug}/services/truck/", data, REMOTE_ADDR=address)

    assert_limited(send, Case.objects.count, kept=f"นางสมร {LIMIT}")


def test_survey_answers(client, org):
    survey = SurveyFactory(org=org)
    QuestionFactory(survey=survey, text="ความพึงพอใจ")

    def send(n, address):
        client.cookies.clear()  # a script drops the "answered" cookie every time
        data = {**form_data(survey, ความพึงพอใจ=4), "token": new_token()}
        return client.post(f"/{org.slug}/surveys/{survey.pk}/", data, REMOTE_ADDR=address)

    assert_limited(send, Response.objects.count, kept='value="4" checked')


def test_chat_starts(client, org):
    def send(n, address):
        client.cookies.clear()  # a new visitor every time
        data = {"visitor_name": f"ผู้มาเยือน {n}", "text": "สวัสดีค่ะ"}
        return client.post(f"/{org.slug}/chat/", data, REMOTE_ADDR=address)

    message = "มีการเริ่มแชทจากเครือข่ายนี้มากเกินไป"
    assert_limited(send, Chat.objects.count, message=message, kept=f"ผู้มาเยือน {LIMIT}")


@pytest.fixture
def open_board(org):
    return BoardSettings.objects.create(org=org, moderation=BoardSettings.Moderation.POST)


@pytest.fixture
def started():
    return antispam.issue_started(at=time.time() - 60)


def test_webboard_topics(client, org, open_board, started):
    def send(n, address):
        data = {"title": f"กระทู้ {n}", "text": "ข้อความ", "started": started}
        return client.post(f"/{org.slug}/board/new/", data, REMOTE_ADDR=address)

    message = "ส่งข้อความบ่อยเกินไป"
    assert_limited(send, Topic.objects.count, message=message, kept=f"กระทู้ {LIMIT}")


def test_qa_questions(client, org, open_board, started):
    def send(n, address):
        data = {"subject": f"คำถาม {n}", "text": "ยื่นภาษีที่ไหน", "started": started}
        return client.post(f"/{org.slug}/qa/ask/", data, REMOTE_ADDR=address)

    message = "ส่งข้อความบ่อยเกินไป"
    assert_limited(send, Question.objects.count, message=message, kept=f"คำถาม {LIMIT}")


def test_abuse_reports(client, org, open_board, started):
    topics = [
        board_services.post_topic(org=org, title=f"หัวข้อ {n}", text="x", author_name="ก")
        for n in range(LIMIT + 2)
    ]

    def send(n, address):
        data = {"reason": "spam", "started": started}
        return client.post(f"/{org.slug}/board/{topics[n].pk}/report/", data, REMOTE_ADDR=address)

    assert_limited(send, AbuseReport.objects.count, message="แจ้งบ่อยเกินไป")


# Looking up and counting ------------------------------------------------------------------


def test_guessing_tracking_codes(client, org):
    case = inbox_services.submit_case(
        org=org, channel=Case.Channel.WEB, kind=Case.Kind.COMPLAINT, subject="ไฟดับ"
    )
    lookup = f"/{org.slug}/track/"
    for n in range(LIMIT):
        miss = client.get(lookup, {"code": f"ZZZZ{n:04d}"}, REMOTE_ADDR=HERE)
        assert miss.status_code == 200 and "ไม่พบเรื่องที่มีรหัสนี้" in miss.content.decode()
    # Past the limit not even a right code is looked up: a hit would tell the guesser.
    for refused in [
        client.get(lookup, {"code": case.tracking_code}, REMOTE_ADDR=HERE),
        client.get(f"{lookup}{case.tracking_code}/", REMOTE_ADDR=HERE),
    ]:
        assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
        assert TOO_OFTEN in refused.content.decode()
    assert (
        client.get(lookup, {"code": case.tracking_code}, REMOTE_ADDR=ELSEWHERE).status_code == 302
    )
    assert client.get(f"{lookup}{case.tracking_code}/", REMOTE_ADDR=ELSEWHERE).status_code == 200


def test_following_ones_own_tracking_link_is_not_limited(client, org):
    case = inbox_services.submit_case(
        org=org, channel=Case.Channel.WEB, kind=Case.Kind.COMPLAINT, subject="ไฟดับ"
    )
    for _ in range(LIMIT * 3):
        response = client.get(f"/{org.slug}/track/{case.tracking_code}/", REMOTE_ADDR=HERE)
        assert response.status_code == 200


def test_invitation_opens_count_a_reloading_client_once_per_limit(client, org):
    year = fiscal_year(timezone.localdate())
    ItasLink.objects.create(org=org, fiscal_year=year, eit_url="https://itas.nacc.go.th/go/eit/x")

    def opens() -> int:
        return sum(OpenCount.objects.filter(org=org).values_list("count", flat=True))

    for _ in range(LIMIT + 3):
        # The invitation is still shown: only the count stops.
        assert client.get(f"/{org.slug}/ita/{year}/", REMOTE_ADDR=HERE).status_code == 200
    assert opens() == LIMIT
    client.get(f"/{org.slug}/ita/{year}/", REMOTE_ADDR=ELSEWHERE)
    assert opens() == LIMIT + 1


# Open311 -----------------------------------------------------------------------------------


@pytest.fixture
def open311_key(org, alice):
    ServiceFactory(org=org, code="road", name="ถนนชำรุด")
    return keys.issue_key(org=org, name="แอปแจ้งเหตุ", actor=alice)[1]


def open311_post(client, org, key, n, address, fmt="json"):
    data = {"api_key": key, "service_code": "road", "address_string": f"หน้าวัด {n}"}
    return client.post(f"/{org.slug}/open311/v2/requests.{fmt}", data, REMOTE_ADDR=address)


def test_open311_posts_per_address(client, org, open311_key, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open311_key": (100, 600)}

    def send(n, address):
        return open311_post(client, org, open311_key, n, address)

    assert_limited(send, Case.objects.count, ok=201)
    refused = open311_post(client, org, open311_key, 9, HERE)
    [error] = refused.json()
    assert error["code"] == 429 and "ส่งบ่อยเกินกำหนด" in error["description"]
    xml = open311_post(client, org, open311_key, 9, HERE, fmt="xml")
    assert xml.status_code == 429 and b"<code>429</code>" in xml.content


def test_open311_posts_per_key_from_any_address(client, org, open311_key, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open311": (100, 600)}
    for n in range(LIMIT):
        assert open311_post(client, org, open311_key, n, f"192.0.2.{n}").status_code == 201
    refused = open311_post(client, org, open311_key, LIMIT, "192.0.2.99")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert Case.objects.count() == LIMIT


def test_bad_keys_count_against_the_address(client, org, open311_key):
    for n in range(LIMIT):
        assert open311_post(client, org, "guess", n, HERE).status_code == 403
    assert open311_post(client, org, open311_key, LIMIT, HERE).status_code == 429
    assert not Case.objects.exists()


# Signing in ----------------------------------------------------------------------------------


def test_failed_sign_ins_from_one_address_across_usernames(client, alice):
    for n in range(LIMIT):
        data = {"username": f"guess{n}", "password": "wrong"}
        assert client.post("/accounts/login/", data, REMOTE_ADDR=HERE).status_code == 200
    # Past the limit even the right password is not checked from this address.
    data = {"username": "alice", "password": PASSWORD}
    refused = client.post("/accounts/login/", data, REMOTE_ADDR=HERE)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    body = refused.content.decode()
    assert "เข้าสู่ระบบไม่สำเร็จจากเครือข่ายนี้หลายครั้งเกินไป" in body
    assert 'value="alice"' in body
    assert "_auth_user_id" not in client.session
    assert client.post("/accounts/login/", data, REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_successful_sign_ins_do_not_count(client, alice):
    for _ in range(LIMIT + 2):
        data = {"username": "alice", "password": PASSWORD}
        assert client.post("/accounts/login/", data, REMOTE_ADDR=HERE).status_code == 302
        client.logout()


# The counter itself --------------------------------------------------------------------------


def request_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_each_org_counts_apart(org, other_org):
    request = request_from(HERE)
    for _ in range(LIMIT):
        assert ratelimits.hit(request=request, org=org, bucket="complaint")
    assert not ratelimits.hit(request=request, org=org, bucket="complaint")
    assert ratelimits.hit(request=request, org=other_org, bucket="complaint")


def test_peek_does_not_count(org):
    request = request_from(HERE)
    for _ in range(LIMIT + 3):
        assert ratelimits.peek(request=request, org=org, bucket="complaint")
    assert ratelimits.hit(request=request, org=org, bucket="complaint")


def test_the_address_is_kept_only_as_a_keyed_hash(settings):
    hashed = ratelimits.client_hash(request_from(HERE))
    assert HERE not in hashed and len(hashed) == 32
    settings.SECRET_KEY = "another-key-" * 5
    assert ratelimits.client_hash(request_from(HERE)) != hashed


def test_the_factor_raises_every_limit(settings):
    settings.RATE_LIMIT_FACTOR = 1000
    assert ratelimits.limit("complaint") == (LIMIT * 1000, 600)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "prongsai.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_limits_come_from_the_environment(tmp_path):
    result = run_python(
        """
        import django; django.setup()
        from django.conf import settings
        print(settings.RATE_LIMITS["complaint"], settings.RATE_LIMITS["login_failure"])
        """,
        DATA_DIR=str(tmp_path),
        RATE_LIMIT_COMPLAINTS="7/30",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "(7, 1800) (30, 900)"


@pytest.mark.skipif(
    not django_settings.CACHES["default"]["BACKEND"].endswith("RedisCache"),
    reason="needs REDIS_URL: the count is shared through Redis",
)
def test_the_count_holds_across_processes(tmp_path):
    """Two app servers, each a process of its own, share one count in Redis."""
    client = f"test-{uuid.uuid4().hex}"
    code = f"""
        import django; django.setup()
        from prongsai import ratelimits
        print(sum(bool(ratelimits.hit(org=None, bucket="complaint", client="{client}"))
                  for _ in range(5)))
    """
    env = {"DATA_DIR": str(tmp_path), "RATE_LIMIT_COMPLAINTS": "6/1440"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code)],
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "prongsai.settings", **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    assert sum(int(out) for out, _ in outputs) == 6
