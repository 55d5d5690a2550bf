"""Admins and officers moderate; executives look; other staff and strangers may not."""

import pytest

from prongsai.messaging.boards.models import BoardSettings
from prongsai.orgs.models import Membership

Role = Membership.Role


@pytest.fixture
def plain_staff(org, make_member):
    return make_member(org, Role.STAFF, "clerk").user


@pytest.fixture
def executive(org, make_member):
    return make_member(org, Role.EXECUTIVE, "mayor").user


def test_plain_staff_cannot_moderate(client, org, plain_staff, topic, question):
    client.force_login(plain_staff)
    for url in (
        f"/{org.slug}/staff/board/",
        f"/{org.slug}/staff/board/{topic.pk}/",
        f"/{org.slug}/staff/qa/",
        f"/{org.slug}/staff/qa/{question.pk}/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/{org.slug}/staff/board/{topic.pk}/hide/").status_code == 403
    assert (
        client.post(f"/{org.slug}/staff/qa/{question.pk}/answer/", {"text": "x"}).status_code == 403
    )
    topic.refresh_from_db()
    assert topic.status == "published"


def test_executives_look_but_do_not_act(client, org, executive, topic, question):
    client.force_login(executive)
    page = client.get(f"/{org.slug}/staff/board/{topic.pk}/").content.decode()
    assert "ถนนหน้าวัดมืด" in page and "ตอบในนามหน่วยงาน" not in page
    assert client.get(f"/{org.slug}/staff/qa/{question.pk}/").status_code == 200
    assert client.post(f"/{org.slug}/staff/board/{topic.pk}/hide/").status_code == 403
    assert client.post(f"/{org.slug}/staff/qa/{question.pk}/hide/").status_code == 403


def test_officers_moderate_but_only_admins_choose_the_mode(client, org, officer, topic):
    client.force_login(officer)
    assert client.post(f"/{org.slug}/staff/board/{topic.pk}/hide/").status_code == 302
    page = client.get(f"/{org.slug}/staff/board/").content.decode()
    assert 'name="moderation"' not in page
    assert (
        client.post(f"/{org.slug}/staff/board/settings/", {"moderation": "pre"}).status_code == 403
    )
    assert BoardSettings.objects.get(org=org).moderation == "post"


def test_strangers_are_sent_to_login(client, org, topic):
    response = client.get(f"/{org.slug}/staff/board/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    response = client.post(f"/{org.slug}/staff/board/{topic.pk}/hide/")
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.status == "published"


def test_actions_need_post(client, org, alice, topic):
    client.force_login(alice)
    assert client.get(f"/{org.slug}/staff/board/{topic.pk}/hide/").status_code == 405


def test_an_unknown_action_is_404(client, org, alice, topic):
    client.force_login(alice)
    assert client.post(f"/{org.slug}/staff/board/{topic.pk}/delete/").status_code == 404
