import re
from datetime import time

import pytest
from django.core.cache import cache

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.messaging.livechat.models import OfficeHours
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The per-address limit on new chats lives in the cache, shared by all tests.
    cache.clear()
    yield
    cache.clear()


def set_week(org, opens: time | None, closes: time | None) -> None:
    """Every day open from `opens` to `closes`, or every day closed when None."""
    for weekday in range(7):
        OfficeHours.objects.update_or_create(
            org=org,
            weekday=weekday,
            defaults={
                "is_open": opens is not None,
                "opens": opens or time(8, 30),
                "closes": closes or time(16, 30),
            },
        )


@pytest.fixture
def open_hours(org):
    """Staff at the chat all day, every day, whatever time the tests run."""
    set_week(org, time(0, 0), time(23, 59, 59, 999999))


@pytest.fixture
def closed_hours(org):
    set_week(org, None, None)


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Role.OFFICER, "officer", user__first_name="สมศรี").user


@pytest.fixture
def second_officer(org, make_member):
    return make_member(org, Role.OFFICER, "officer2", user__first_name="มานะ").user


@pytest.fixture
def executive(org, make_member):
    return make_member(org, Role.EXECUTIVE, "executive").user


@pytest.fixture
def road_service(org):
    roads = DivisionFactory(org=org, name="กองช่าง")
    return ServiceFactory(org=org, code="road", name="ถนนชำรุด", division=roads, time_limit_days=7)


@pytest.fixture
def corruption_service(org):
    return ServiceFactory(
        org=org, code="corruption", name="ร้องเรียนการทุจริต", kind=Service.Kind.CORRUPTION
    )


@pytest.fixture
def visitor(client, org, open_hours):
    """A visitor's browser with a chat started through the page."""
    response = client.post(f"/{org.slug}/chat/", {"visitor_name": "ป้าแดง", "text": "สวัสดีค่ะ"})
    assert response.status_code == 302
    return client


def last_message_id(html: str) -> int:
    return max(int(n) for n in re.findall(r'id="chat-msg-(\d+)"', html))


@pytest.fixture
def agent_client(officer):
    from django.test import Client

    client = Client()
    client.force_login(officer)
    return client


def the_chat(org):
    from prongsai.messaging.livechat.models import Chat

    return Chat.objects.for_org(org).get()
