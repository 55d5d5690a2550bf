"""Service statistics (OIT "ข้อมูลเชิงสถิติการให้บริการ"): requests per service and quarter."""

import re
from datetime import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import statistics
from prongsai.inbox.models import Case
from prongsai.inbox.services import close_case, submit_case

pytestmark = pytest.mark.django_db

BANGKOK = timezone.get_fixed_timezone(7 * 60)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def catalog(org):
    return {
        "water": ServiceFactory(org=org, code="water", name="ขอรับน้ำ", kind="eservice", order=1),
        "letter": ServiceFactory(org=org, code="letter", name="คำร้องทั่วไป", kind="request", order=2),
        "closed": ServiceFactory(
            org=org, code="closed", name="บริการที่ปิดแล้ว", kind="eservice", order=3
        ),
        "unused": ServiceFactory(
            org=org, code="unused", name="บริการที่ปิดและไม่มีผู้ใช้", kind="eservice", is_active=False
        ),
        "road": ServiceFactory(org=org, code="road", name="ถนนชำรุด", kind="complaint"),
    }


def request(org, service, at, channel=Case.Channel.ESERVICE):
    return submit_case(
        org=org, channel=channel, service=service, subject="คำขอเรื่องส่วนตัว", received_at=at
    )


def at(year, month, day, hour=10):
    return datetime(year, month, day, hour, tzinfo=BANGKOK)


def test_requests_are_counted_per_service_and_quarter(org, other_org, catalog):
    request(org, catalog["water"], at(2022, 10, 1, 0))  # first minute of fiscal 2566, Q1
    request(org, catalog["water"], at(2022, 12, 31, 23))  # Q1
    request(org, catalog["water"], at(2023, 4, 1))  # Q3
    request(org, catalog["letter"], at(2023, 9, 30, 23))  # last day, Q4
    request(org, catalog["closed"], at(2023, 2, 1))  # Q2, a service closed since
    catalog["closed"].is_active = False
    catalog["closed"].save()
    request(org, catalog["water"], at(2023, 10, 1, 0))  # fiscal 2567
    request(org, catalog["road"], at(2023, 2, 1))  # a complaint, not a request
    theirs = ServiceFactory(org=other_org, code="water", kind="eservice")
    request(other_org, theirs, at(2023, 2, 1))
    table = statistics.service_table(org=org, fiscal_year=2566)
    assert [(row.key, row.label, row.counts) for row in table.rows] == [
        ("water", "ขอรับน้ำ", (2, 0, 1, 0)),
        ("letter", "คำร้องทั่วไป", (0, 0, 0, 1)),
        ("closed", "บริการที่ปิดแล้ว", (0, 1, 0, 0)),
    ]
    assert table.totals == (2, 1, 1, 1) and table.total == 5
    assert [p.months for p in table.periods] == [
        "ต.ค.-ธ.ค. 65",
        "ม.ค.-มี.ค. 66",
        "เม.ย.-มิ.ย. 66",
        "ก.ค.-ก.ย. 66",
    ]


def test_the_page_shows_services_channels_and_results(client, org, catalog):
    case = request(org, catalog["water"], at(2023, 4, 1), channel=Case.Channel.WALKIN)
    close_case(case=case, status=Case.Status.RESOLVED, resolution="ส่งน้ำแล้ว", actor=None)
    request(org, catalog["water"], at(2023, 5, 1))
    response = client.get(f"/{org.slug}/stats/services/2566/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response.cookies == {}
    assert "ข้อมูลเชิงสถิติการให้บริการ ปีงบประมาณ 2566" in body
    water = re.search(r'<th scope="row">ขอรับน้ำ</th>(.*?)</tr>', body, re.DOTALL).group(1)
    assert re.findall(r'data-label="([^"]+)">([^<]+)</td>', water) == [
        ("ไตรมาส 1", "–"),
        ("ไตรมาส 2", "–"),
        ("ไตรมาส 3", "2"),
        ("ไตรมาส 4", "–"),
        ("รวม", "2"),
    ]
    assert "ติดต่อด้วยตนเอง" in body and "E-Service" in body
    assert "เว็บบอร์ด" not in body  # channels nobody used are left out
    assert "ดำเนินการแล้วเสร็จ" in body
    assert "คำขอเรื่องส่วนตัว" not in body  # counts only


def test_a_year_outside_the_orgs_statistics_is_a_404_that_says_why(client, org):
    response = client.get(f"/{org.slug}/stats/services/2560/")
    assert response.status_code == 404
    assert "ยังไม่มีสถิติการให้บริการของปีงบประมาณ 2560" in response.content.decode()
    assert client.get(f"/{org.slug}/stats/services/2499/").status_code == 404
