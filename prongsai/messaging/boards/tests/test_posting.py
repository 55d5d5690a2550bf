"""Citizens post topics and replies without logging in."""

import pytest
from django.core.exceptions import ValidationError

from prongsai.messaging.boards import services
from prongsai.messaging.boards.models import Reply, Topic


def topic_data(started, **extra):
    return {
        "title": "ขอเสนอให้ติดไฟทางเข้าหมู่บ้าน",
        "text": "ทางเข้าหมู่ 3 มืดมาก",
        "author_name": "คนหมู่ 3",
        "started": started,
        "idempotency_key": "k1",
        **extra,
    }


def test_it_posts_a_topic_and_shows_it(client, org, post_moderated, started):
    response = client.post(f"/{org.slug}/board/new/", topic_data(started))
    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response.url == f"/{org.slug}/board/{topic.pk}/"
    assert (topic.title, topic.author_name, topic.status) == (
        "ขอเสนอให้ติดไฟทางเข้าหมู่บ้าน",
        "คนหมู่ 3",
        "published",
    )
    page = client.get(response.url).content.decode()
    assert "ทางเข้าหมู่ 3 มืดมาก" in page and "คนหมู่ 3" in page
    assert "ขอเสนอให้ติดไฟทางเข้าหมู่บ้าน" in client.get(f"/{org.slug}/board/").content.decode()


def test_a_topic_without_a_name_is_anonymous(client, org, post_moderated, started):
    client.post(f"/{org.slug}/board/new/", topic_data(started, author_name=""))
    topic = Topic.objects.get()
    assert "ผู้ไม่ประสงค์ออกนาม" in client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()


def test_it_posts_a_reply(client, org, topic, started):
    response = client.post(
        f"/{org.slug}/board/{topic.pk}/",
        {"text": "เห็นด้วยครับ", "author_name": "", "started": started},
    )
    reply = Reply.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#reply-{reply.pk}")
    assert (reply.topic, reply.org, reply.is_official) == (topic, org, False)
    assert "เห็นด้วยครับ" in client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()


def test_empty_fields_get_thai_messages_and_save_nothing(client, org, started):
    response = client.post(f"/{org.slug}/board/new/", {"title": "  ", "started": started})
    body = response.content.decode()
    assert response.status_code == 200
    assert "กรุณาระบุหัวข้อ" in body and "กรุณาพิมพ์ข้อความ" in body
    assert not Topic.objects.exists()


def test_text_of_invisible_characters_only_is_empty(client, org, started):
    response = client.post(
        f"/{org.slug}/board/new/", topic_data(started, title="\u200b\u200d\ufeff", text="\u200e")
    )
    body = response.content.decode()
    assert "กรุณาระบุหัวข้อ" in body and "กรุณาพิมพ์ข้อความ" in body
    assert not Topic.objects.exists()


def test_too_long_text_gets_a_thai_message(client, org, started):
    response = client.post(
        f"/{org.slug}/board/new/", topic_data(started, title="ก" * 201, text="ข" * 5001)
    )
    body = response.content.decode()
    assert "ไม่เกิน 200 ตัวอักษร (ตอนนี้ 201 ตัวอักษร)" in body
    assert "ไม่เกิน 5000 ตัวอักษร (ตอนนี้ 5001 ตัวอักษร)" in body
    assert not Topic.objects.exists()


def test_text_at_the_limit_is_kept_whole(client, org, post_moderated, started):
    text = "😀" * 5000
    client.post(f"/{org.slug}/board/new/", topic_data(started, title="ก" * 200, text=text))
    topic = Topic.objects.get()
    assert topic.text == text and len(topic.title) == 200


def test_a_form_sent_twice_makes_one_topic(client, org, post_moderated, started):
    first = client.post(f"/{org.slug}/board/new/", topic_data(started))
    second = client.post(f"/{org.slug}/board/new/", topic_data(started))
    assert Topic.objects.count() == 1 and first.url == second.url


def test_the_form_shows_a_fresh_key_and_stamp(client, org):
    page = client.get(f"/{org.slug}/board/new/").content.decode()
    assert 'name="started"' in page and 'name="idempotency_key"' in page
    assert 'name="website"' in page  # the honeypot


def test_no_reply_to_a_topic_that_is_not_public(org, post_moderated, alice):
    topic = services.post_topic(org=org, title="t", text="x")
    services.hide(post=topic, actor=alice)
    with pytest.raises(ValidationError, match="ยังไม่เปิดให้ตอบ"):
        services.post_reply(topic=topic, text="late")
    assert not Reply.objects.exists()
