"""The complaint handling guide (OIT "แนวปฏิบัติการจัดการเรื่องร้องเรียน"), from the org's data."""

import re

import pytest
from django.core.cache import cache

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.messaging.line.models import LineAccount
from prongsai.orgs.tests.factories import DivisionFactory, PositionFactory
from prongsai.portal.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def guide(client, org) -> str:
    response = client.get(f"/{org.slug}/complaints/guide/")
    assert response.status_code == 200
    assert response.cookies == {}
    return response.content.decode()


def test_it_states_the_orgs_channels_limits_and_who_handles_corruption(client, org, other_org):
    roads = DivisionFactory(org=org, name="กองช่าง")
    ServiceFactory(org=org, code="road", name="ถนนชำรุด", division=roads, time_limit_days=12)
    ServiceFactory(org=org, code="fraud", name="ทุจริต", kind="corruption", time_limit_days=30)
    ServiceFactory(org=org, code="old", name="หมวดที่ปิดแล้ว", is_active=False)
    ServiceFactory(org=other_org, code="theirs", name="หมวดของหน่วยงานอื่น")
    PositionFactory(org=org, name="นิติกร", division=roads, handles_corruption=True)
    PositionFactory(org=org, name="นักการภารโรง")
    PositionFactory(org=other_org, name="ปลัดของหน่วยงานอื่น", handles_corruption=True)
    org.phone = "044-123-456"
    org.save()
    Site.objects.create(org=org, office_hours="จันทร์–ศุกร์ 08.30–16.30 น.")
    line = LineAccount(org=org, basic_id="@prtong")
    line.channel_secret, line.access_token = "secret", "token"
    line.save()
    body = guide(client, org)
    assert re.search(r'<th scope="row">ถนนชำรุด</th><td[^>]*>กองช่าง</td><td[^>]*>12</td>', body)
    assert "ตรวจสอบและแจ้งผลภายใน 30 วัน" in body
    assert "ดำเนินการให้แล้วเสร็จภายใน 15 วัน" in body  # settings.CASE_DEFAULT_TIME_LIMIT_DAYS
    assert "นิติกร (กองช่าง)" in body
    assert f'href="/{org.slug}/complain/?service=fraud"' in body
    assert 'href="https://line.me/R/ti/p/%40prtong"' in body
    assert 'href="tel:044123456"' in body
    assert "จันทร์–ศุกร์ 08.30–16.30 น." in body
    assert f'href="/{org.slug}/track/"' in body
    for absent in ("หมวดที่ปิดแล้ว", "หมวดของหน่วยงานอื่น", "ปลัดของหน่วยงานอื่น", "นักการภารโรง"):
        assert absent not in body


def test_a_bare_org_still_gets_a_guide_with_the_default_limit(client, org, settings):
    settings.CASE_DEFAULT_TIME_LIMIT_DAYS = 9
    body = guide(client, org)
    assert "ดำเนินการให้แล้วเสร็จภายใน 9 วัน" in body
    assert "เจ้าหน้าที่ที่ผู้บริหารมอบหมายเป็นรายเรื่อง" in body
    assert f'href="/{org.slug}/complain/"' in body
    assert "line.me" not in body
