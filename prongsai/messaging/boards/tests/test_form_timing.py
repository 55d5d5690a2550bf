"""A form sent sooner than a person could, or with a forged stamp, is refused."""

import time

from prongsai.messaging.boards import antispam
from prongsai.messaging.boards.models import Question, Topic


def test_a_form_sent_too_fast_is_refused_in_thai(client, org):
    just_now = antispam.issue_started()
    response = client.post(
        f"/{org.slug}/board/new/", {"title": "เร็ว", "text": "เร็วมาก", "started": just_now}
    )
    assert response.status_code == 200
    assert "ส่งเร็วเกินไป" in response.content.decode()
    assert not Topic.objects.exists()


def test_a_missing_or_forged_stamp_is_refused(client, org):
    forged = antispam.issue_started(at=time.time() - 60)[:-2] + "xx"
    for stamp in ("", forged, "12345"):
        response = client.post(
            f"/{org.slug}/qa/ask/", {"subject": "ถาม", "text": "ถามจริง", "started": stamp}
        )
        assert "แบบฟอร์มนี้หมดอายุหรือไม่สมบูรณ์" in response.content.decode()
    assert not Question.objects.exists()


def test_a_stamp_from_yesterday_has_expired(client, org):
    old = antispam.issue_started(at=time.time() - 2 * 24 * 60 * 60)
    response = client.post(
        f"/{org.slug}/board/new/", {"title": "เก่า", "text": "เก่ามาก", "started": old}
    )
    assert "หมดอายุ" in response.content.decode()
    assert not Topic.objects.exists()


def test_the_form_shown_again_carries_a_new_stamp(client, org, started):
    response = client.post(
        f"/{org.slug}/board/new/", {"title": "", "text": "y", "started": started}
    )
    assert "กรุณาระบุหัวข้อ" in response.content.decode()
    assert started not in response.content.decode()
