"""The tracking page as the reporter uses it after filing: add to an open matter,
and judge a resolved one (confirm the fix or reopen it)."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from prongsai.inbox import follow_through, services
from prongsai.inbox.models import Case, CaseEvent, CasePolicy
from prongsai.inbox.tests.photos import photo
from prongsai.thai.templatetags.thaidates import thaidate

Status = Case.Status
Event = CaseEvent.Kind
GUESS = "ZZZZZZZZ"


@pytest.fixture
def case(org, road_service, officer):
    case = services.submit_case(org=org, channel="web", service=road_service, subject="หลุมหน้าวัด")
    services.assign_case(case=case, assignee=officer, actor=officer)
    return case


@pytest.fixture
def resolved(case, officer):
    services.close_case(
        case=case,
        status=Status.RESOLVED,
        resolution="ลาดยางใหม่ทั้งช่วงแล้ว",
        actor=officer,
        before_photos=[photo("before.jpg")],
        after_photos=[photo("after.jpg")],
    )
    case.refresh_from_db()
    return case


def url(case, action="") -> str:
    return f"/{case.org.slug}/track/{case.tracking_code}/" + (f"{action}/" if action else "")


def page(response) -> str:
    return response.content.decode()


# Guessed codes -------------------------------------------------------------------


@pytest.mark.parametrize("action", ["update", "confirm", "reopen"])
def test_a_wrong_code_is_404_and_counts_as_a_miss(client, org, resolved, settings, action):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "track_miss": (2, 600)}
    for _ in range(2):
        response = client.post(f"/{org.slug}/track/{GUESS}/{action}/", {"reason": "x"})
        assert response.status_code == 404
    # Past the misses, even the right code is not looked up.
    response = client.post(url(resolved, action), {"reason": "ยังไม่ซ่อม"})
    assert response.status_code == 429
    assert "ส่งบ่อยเกินกำหนด" in page(response)
    resolved.refresh_from_db()
    assert resolved.confirmed_at is None and resolved.reopen_count == 0


@pytest.mark.parametrize("action", ["update", "confirm", "reopen"])
def test_another_orgs_code_is_404(client, other_org, resolved, action):
    response = client.post(f"/{other_org.slug}/track/{resolved.tracking_code}/{action}/")
    assert response.status_code == 404


@pytest.mark.parametrize("action", ["update", "confirm", "reopen"])
def test_the_forms_only_take_posts(client, resolved, action):
    assert client.get(url(resolved, action)).status_code == 405


def test_a_staff_only_matter_answers_as_unknown(client, org, make_member):
    member = make_member(org, username="clerk")
    question = services.submit_case(
        org=org, channel="web", kind=Case.Kind.BUDGET, subject="งบซ่อมถนน", actor=member.user
    )
    response = client.post(url(question, "update"), {"text": "เพิ่มเติม"})
    assert response.status_code == 404
    assert not question.events.filter(kind=Event.REPORTER_UPDATE).exists()


# Judging a resolved matter ------------------------------------------------------


def test_a_resolved_matter_shows_its_proof_and_asks_for_a_decision(client, resolved):
    body = page(client.get(url(resolved)))
    assert "ลาดยางใหม่ทั้งช่วงแล้ว" in body
    proof = follow_through.proof_photos(resolved)
    for attachment in proof["before"] + proof["after"]:
        assert f'src="{url(resolved, f"files/{attachment.pk}")}"' in body
    assert 'id="decide"' in body
    assert "ยืนยันว่าแก้ไขแล้ว" in body and "ยังไม่ได้รับการแก้ไข ขอเปิดเรื่องใหม่" in body
    with translation.override("th"):
        deadline = thaidate(resolved.closed_at + timedelta(days=14))
    assert deadline in body  # e.g. "3 มีนาคม 2568 14:05"
    # The public file answers for the proof photo.
    assert client.get(url(resolved, f"files/{proof['after'][0].pk}")).status_code == 200


def test_confirming_redirects_with_thanks(client, resolved):
    response = client.post(url(resolved, "confirm"))
    assert response.status_code == 302 and response.url == url(resolved)
    resolved.refresh_from_db()
    assert resolved.confirmed_at is not None
    body = page(client.get(response.url))
    assert "ขอบคุณที่ยืนยันผลการแก้ไข" in body
    assert "ผู้แจ้งยืนยันแล้วว่าเรื่องนี้ได้รับการแก้ไข" in body
    assert "ยังไม่ได้รับการแก้ไข ขอเปิดเรื่องใหม่" not in body


def test_a_second_decision_is_refused_in_thai(client, resolved):
    client.post(url(resolved, "confirm"))
    response = client.post(url(resolved, "reopen"), {"reason": "ยังไม่ซ่อม"}, follow=True)
    assert "เรื่องนี้ยืนยันหรือขอเปิดใหม่ไม่ได้แล้ว" in page(response)
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED and resolved.reopen_count == 0


def test_after_the_deadline_the_page_says_what_happened(client, resolved):
    CasePolicy.objects.create(org=resolved.org, confirm_days=3)
    Case.objects.filter(pk=resolved.pk).update(closed_at=timezone.now() - timedelta(days=4))
    body = page(client.get(url(resolved)))
    assert "พ้นกำหนดยืนยันผลหรือขอเปิดเรื่องใหม่แล้ว" in body
    assert "ยืนยันว่าแก้ไขแล้ว" not in body
    response = client.post(url(resolved, "confirm"), follow=True)
    assert "เรื่องนี้ยืนยันหรือขอเปิดใหม่ไม่ได้แล้ว" in page(response)
    resolved.refresh_from_db()
    assert resolved.confirmed_at is None


def test_reopening_needs_a_reason(client, resolved):
    response = client.post(url(resolved, "reopen"), {"reason": "  ", "photos": [photo()]})
    assert response.status_code == 200
    assert "กรุณาบอกเหตุผลที่ขอเปิดเรื่องใหม่" in page(response)
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED and resolved.attachments.count() == 2


def test_a_bad_file_refuses_the_reopening(client, resolved):
    junk = SimpleUploadedFile("virus.jpg", b"MZ not a picture", content_type="image/jpeg")
    response = client.post(url(resolved, "reopen"), {"reason": "ยังไม่ซ่อม", "photos": [junk]})
    assert response.status_code == 200 and "virus.jpg" in page(response)
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED and resolved.reopen_count == 0


def test_reopening_sends_the_matter_back(client, resolved):
    response = client.post(
        url(resolved, "reopen"), {"reason": "ฝนตกแล้วเป็นหลุมอีก", "photos": [photo("now.jpg")]}
    )
    assert response.status_code == 302 and response.url == url(resolved)
    resolved.refresh_from_db()
    assert resolved.status == Status.IN_PROGRESS and resolved.reopen_count == 1
    event = resolved.events.get(kind=Event.REOPENED)
    assert event.text == "ฝนตกแล้วเป็นหลุมอีก" and event.data == {"via": "web"}
    assert event.attachments.get().original_name == "now.jpg"
    body = page(client.get(response.url))
    assert "เปิดเรื่องใหม่แล้ว" in body and "ฝนตกแล้วเป็นหลุมอีก" in body
    assert 'id="decide"' not in body and "ส่งข้อมูลเพิ่มเติม" in body


def test_reopening_is_rate_limited(client, resolved, officer, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "complaint": (1, 600)}
    client.post(url(resolved, "reopen"), {"reason": "ครั้งแรก"})
    resolved.refresh_from_db()
    services.close_case(
        case=resolved,
        status=Status.RESOLVED,
        resolution="ซ่อมอีกรอบ",
        actor=officer,
        after_photos=[photo()],
    )
    response = client.post(url(resolved, "reopen"), {"reason": "ครั้งที่สอง"})
    assert response.status_code == 429 and "ส่งบ่อยเกินกำหนด" in page(response)
    resolved.refresh_from_db()
    assert resolved.reopen_count == 1 and resolved.status == Status.RESOLVED


# Adding to an open matter -------------------------------------------------------


def test_an_open_matter_takes_more_words_and_photos(client, case):
    assert "ส่งข้อมูลเพิ่มเติม" in page(client.get(url(case)))
    response = client.post(url(case, "update"), {"text": "หลุมใหญ่ขึ้น", "photos": [photo()]})
    assert response.status_code == 302 and response.url == url(case)
    event = case.events.get(kind=Event.REPORTER_UPDATE)
    assert event.text == "หลุมใหญ่ขึ้น" and event.attachments.count() == 1
    assert "ส่งข้อมูลเพิ่มเติมแล้ว" in page(client.get(response.url))


def test_an_empty_update_is_refused_in_thai(client, case):
    response = client.post(url(case, "update"), {"text": "  "})
    assert response.status_code == 200
    assert "กรุณาพิมพ์ข้อความหรือแนบภาพ" in page(response)
    assert not case.events.filter(kind=Event.REPORTER_UPDATE).exists()


def test_a_bad_file_saves_nothing_of_the_update(client, case):
    junk = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    response = client.post(url(case, "update"), {"text": "ดูไฟล์", "photos": [junk]})
    assert response.status_code == 200 and "notes.txt" in page(response)
    assert not case.events.filter(kind=Event.REPORTER_UPDATE).exists()
    assert not case.attachments.exists()


def test_a_closed_matter_takes_no_update(client, resolved):
    response = client.post(url(resolved, "update"), {"text": "อีกเรื่อง"}, follow=True)
    assert "เรื่องนี้ปิดแล้ว" in page(response)
    assert not resolved.events.filter(kind=Event.REPORTER_UPDATE).exists()
    assert "ส่งข้อมูลเพิ่มเติม</h2>" not in page(response)


def test_updates_are_rate_limited(client, case, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "complaint": (2, 600)}
    for n in range(2):
        assert client.post(url(case, "update"), {"text": f"ครั้งที่ {n}"}).status_code == 302
    response = client.post(url(case, "update"), {"text": "อีกครั้ง"})
    assert response.status_code == 429 and "Retry-After" in response.headers
    assert "ส่งบ่อยเกินกำหนด" in page(response)
    assert case.events.filter(kind=Event.REPORTER_UPDATE).count() == 2
