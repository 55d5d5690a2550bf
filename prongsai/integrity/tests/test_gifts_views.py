"""The No Gift pages: staff see their own declarations; admins and executives see all."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from prongsai import thai
from prongsai.integrity.models import GiftDeclaration, GiftPolicy
from prongsai.orgs.models import AuditEvent, Membership

Role = Membership.Role


@pytest.fixture
def staff(org, make_member):
    return make_member(org, Role.STAFF, "somchai").user


@pytest.fixture
def executive(org, make_member):
    return make_member(org, Role.EXECUTIVE, "boss").user


def url(name, org, *args):
    return reverse(f"org:{name}", args=[org.slug, *args])


def gift(org, who, description, value="100", giver="ร้านค้า", **kwargs):
    return GiftDeclaration.objects.create(
        org=org,
        declarant=who,
        received_on=kwargs.pop("received_on", timezone.localdate()),
        giver=giver,
        description=description,
        value=Decimal(value),
        handling="returned",
    )


def test_staff_declare_a_gift(client, org, staff):
    client.force_login(staff)
    response = client.post(
        url("gift_declare", org),
        {
            "received_on": timezone.localdate().isoformat(),
            "giver": "ผู้รับเหมา",
            "description": "กระเช้าผลไม้",
            "value": "800",
            "handling": "returned",
        },
    )
    assert response.status_code == 302
    assert GiftDeclaration.objects.get().declarant == staff


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "-5", "มูลค่าต้องไม่ติดลบ"),
        ("received_on", "2999-01-01", "วันที่ได้รับต้องไม่เป็นวันในอนาคต"),
    ],
)
def test_bad_declarations_are_refused_in_thai(client, org, staff, field, value, message):
    client.force_login(staff)
    data = {
        "received_on": timezone.localdate().isoformat(),
        "giver": "ผู้รับเหมา",
        "description": "กระเช้าผลไม้",
        "value": "800",
        "handling": "returned",
        field: value,
    }
    response = client.post(url("gift_declare", org), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not GiftDeclaration.objects.exists()


def test_staff_see_only_their_own_declarations(client, org, other_org, staff, alice, bob):
    gift(org, staff, "ของฉัน")
    gift(org, alice, "ของผู้ดูแล")
    gift(other_org, bob, "ของหน่วยงานอื่น")
    client.force_login(staff)
    page = client.get(url("gift_register", org)).content.decode()
    assert "ของฉัน" in page
    assert "ของผู้ดูแล" not in page
    assert client.get(url("gift_summary", org)).status_code == 403
    year = thai.fiscal_year(timezone.localdate())
    assert client.get(url("gift_summary_xlsx", org, year)).status_code == 403


@pytest.mark.parametrize("who", ["alice", "executive"])
def test_admins_and_executives_see_the_whole_register(
    client, request, org, other_org, staff, bob, who
):
    gift(org, staff, "ของบุคลากร")
    gift(other_org, bob, "ของหน่วยงานอื่น")
    client.force_login(request.getfixturevalue(who))
    page = client.get(url("gift_register", org)).content.decode()
    assert "ของบุคลากร" in page
    assert "ของหน่วยงานอื่น" not in page
    assert client.get(url("gift_summary", org)).status_code == 200


def test_the_register_filters_by_fiscal_year(client, org, alice):
    today = timezone.localdate()
    start, _end = thai.fiscal_year_range(thai.fiscal_year(today))
    gift(org, alice, "ปีก่อน", received_on=start - timedelta(days=1))
    gift(org, alice, "ปีนี้", received_on=start)
    client.force_login(alice)
    page = client.get(url("gift_register", org)).content.decode()
    assert "ปีนี้" in page and "ปีก่อน" not in page
    last = thai.fiscal_year(start - timedelta(days=1))
    page = client.get(url("gift_register", org) + f"?year={last}").content.decode()
    assert "ปีก่อน" in page and "ปีนี้" not in page


def test_the_summary_downloads_as_xlsx(client, org, alice, staff):
    gift(org, staff, "=HYPERLINK(1)", value="1234.50")
    year = thai.fiscal_year(timezone.localdate())
    client.force_login(alice)
    response = client.get(url("gift_summary_xlsx", org, year))
    assert response.status_code == 200
    assert f"-no-gift-{year}.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    summary, register = workbook.worksheets
    assert summary["B5"].value == 1
    assert summary["B6"].value == 1234.5
    assert register["D2"].value == "=HYPERLINK(1)"
    assert register["D2"].data_type == "s"
    assert AuditEvent.objects.filter(action="gift_summary_exported").exists()


def test_the_summary_pages_show_the_figures(client, org, alice, staff):
    gift(org, staff, "กระเช้า", value="1500")
    client.force_login(alice)
    for name in ("gift_summary", "gift_summary_print"):
        page = client.get(url(name, org)).content.decode()
        assert "1,500.00" in page


def test_only_admins_write_the_policy(client, org, staff, alice):
    year = thai.fiscal_year(timezone.localdate())
    client.force_login(staff)
    assert client.get(url("gift_policy_edit", org)).status_code == 403
    client.force_login(alice)
    response = client.post(
        url("gift_policy_edit", org),
        {
            "fiscal_year": year,
            "announced_on": timezone.localdate().isoformat(),
            "text": "บุคลากรทุกคนงดรับของขวัญ",
        },
    )
    assert response.status_code == 302
    assert GiftPolicy.objects.get().fiscal_year == year
    client.force_login(staff)
    assert "บุคลากรทุกคนงดรับของขวัญ" in client.get(url("gift_policy", org)).content.decode()


def test_staff_do_not_read_a_policy_before_it_is_announced(client, org, staff, alice):
    year = thai.fiscal_year(timezone.localdate())
    GiftPolicy.objects.create(
        org=org,
        fiscal_year=year,
        text="ฉบับร่าง",
        announced_on=timezone.localdate() + timedelta(days=3),
    )
    client.force_login(staff)
    assert "ฉบับร่าง" not in client.get(url("gift_policy", org)).content.decode()
    client.force_login(alice)
    assert "ฉบับร่าง" in client.get(url("gift_policy", org)).content.decode()
