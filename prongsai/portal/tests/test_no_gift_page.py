"""The public No Gift page: the year's policy as announced, and its figures without names."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache

from prongsai.integrity import gifts
from prongsai.integrity.models import GiftDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def policy(org, alice):
    return gifts.save_policy(
        org=org,
        fiscal_year=2566,
        text="ผู้บริหารและบุคลากรทุกคนไม่รับของขวัญ\nทุกเทศกาล",
        announced_on=date(2022, 10, 3),
        actor=alice,
    )


def url(org, year=2566):
    return f"/{org.slug}/nogift/{year}/"


def test_a_year_without_gifts_says_so(client, org, policy):
    response = client.get(url(org))
    body = response.content.decode()
    assert response.status_code == 200
    assert response.cookies == {}
    assert 'id="policy"' in body
    assert "ผู้บริหารและบุคลากรทุกคนไม่รับของขวัญ<br>ทุกเทศกาล" in body
    assert "ประกาศเมื่อ 3 ตุลาคม 2565" in body
    assert "ไม่มีการรับของขวัญหรือประโยชน์อื่นใดจากการปฏิบัติหน้าที่ในปีงบประมาณนี้" in body
    assert "1 ตุลาคม 2565 - 30 กันยายน 2566" in body


def test_gifts_are_counted_by_handling_and_month_without_names(client, org, policy, make_member):
    member = make_member(org, username="somsri", user__first_name="สมศรี").user
    for day, value, handling in [
        (date(2023, 1, 2), "1500", GiftDeclaration.Handling.RETURNED),
        (date(2023, 1, 20), "800", GiftDeclaration.Handling.HANDED_OVER),
        (date(2023, 9, 30), "200", GiftDeclaration.Handling.RETURNED),
        (date(2023, 10, 1), "999", GiftDeclaration.Handling.KEPT),  # fiscal 2567
    ]:
        gifts.declare_gift(
            org=org,
            declarant=member,
            received_on=day,
            giver="บริษัทผู้รับเหมาลับ",
            description="กระเช้าลับเฉพาะ",
            value=Decimal(value),
            handling=handling,
            today=date(2024, 1, 1),
        )
    body = client.get(url(org)).content.decode()
    assert "บุคลากรแจ้งการรับของขวัญหรือประโยชน์อื่นใด 3 ครั้ง มูลค่ารวม 2,500.00 บาท" in body
    assert '<tr><th scope="row">ส่งคืนผู้ให้</th><td class="sv-num">2</td>' in body
    assert '<tr><th scope="row">มกราคม 2566</th><td class="sv-num">2</td>' in body
    assert "ไม่มีการรับของขวัญ" not in body
    for private in ("สมศรี", "somsri", "บริษัทผู้รับเหมาลับ", "กระเช้าลับเฉพาะ"):
        assert private not in body


def test_no_announced_policy_is_a_404_that_says_why(client, org, alice, policy):
    gifts.save_policy(
        org=org, fiscal_year=2567, text="ร่าง", announced_on=date(2099, 1, 1), actor=alice
    )
    for year in (2565, 2567):
        response = client.get(url(org, year))
        body = response.content.decode()
        assert response.status_code == 404
        assert f"ยังไม่มีประกาศนโยบายไม่รับของขวัญ (No Gift Policy) ของปีงบประมาณ {year}" in body
        assert "ร่าง" not in body
        assert f'href="/{org.slug}/nogift/2566/"' in body


def test_another_orgs_policy_is_not_shown(client, org, other_org, policy):
    assert client.get(url(other_org)).status_code == 404


@pytest.mark.parametrize("year", [2499, 2701])
def test_years_outside_the_range_are_404(client, org, year):
    assert client.get(url(org, year)).status_code == 404
