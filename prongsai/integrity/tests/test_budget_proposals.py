"""Budget proposals: staff propose, the division head consolidates, executives see totals."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prongsai.integrity import budget
from prongsai.integrity.models import BudgetProposal
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


@pytest.fixture
def finance(org):
    return DivisionFactory(org=org, name="กองคลัง", order=2)


@pytest.fixture
def works(org):
    return DivisionFactory(org=org, name="กองช่าง", order=3)


@pytest.fixture
def clerk(org, make_member, works):
    return make_member(org, Role.STAFF, "clerk", division=works).user


@pytest.fixture
def works_head(org, make_member, works):
    return make_member(org, Role.OFFICER, "workshead", division=works).user


@pytest.fixture
def boss(org, make_member):
    return make_member(org, Role.EXECUTIVE, "boss").user


def proposals_url(org, year=None) -> str:
    url = reverse("org:budget_proposals", args=[org.slug])
    return f"{url}?year={year}" if year else url


def test_it_proposes_for_next_year_in_the_authors_division(org, clerk, works):
    proposal = budget.propose(
        org=org, author=clerk, item="รถบดถนน", reason="เครื่องเดิมเสีย", amount="1,250,000"
    )
    assert (proposal.fiscal_year, proposal.division, proposal.amount, proposal.status) == (
        budget.next_fiscal_year(),
        works,
        Decimal("1250000.00"),
        "proposed",
    )
    assert AuditEvent.objects.filter(action="budget_proposed", actor=clerk).exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "ประมาณการต้องไม่ติดลบ"),
        ("abc", "ประมาณการต้องเป็นตัวเลข"),
        ("", "กรุณาระบุประมาณการ"),
        ("1.234", "ระบุสตางค์ได้ไม่เกิน 2 ตำแหน่ง"),
        ("1e20", "ประมาณการสูงเกินไป"),
        ("NaN", "ประมาณการต้องเป็นตัวเลข"),
    ],
)
def test_it_refuses_a_bad_amount(client, org, clerk, works, amount, message):
    client.force_login(clerk)
    response = client.post(
        reverse("org:budget_proposal_new", args=[org.slug]),
        {
            "fiscal_year": budget.next_fiscal_year(),
            "division": works.pk,
            "item": "โต๊ะทำงาน",
            "reason": "ชำรุด",
            "amount": amount,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BudgetProposal.objects.exists()


def test_it_reads_thai_digits_and_zero(org, clerk):
    assert (
        budget.propose(org=org, author=clerk, item="ก", reason="ข", amount="๑๕,๐๐๐").amount == 15000
    )
    assert budget.propose(org=org, author=clerk, item="ก", reason="ข", amount=0).amount == 0


def test_it_refuses_another_orgs_division_and_outsiders(org, other_org, clerk, bob):
    theirs = DivisionFactory(org=other_org, name="กองคลัง")
    with pytest.raises(ValidationError) as error:
        budget.propose(org=org, author=clerk, item="ก", reason="ข", amount=1, division=theirs)
    assert "division" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        budget.propose(org=org, author=bob, item="ก", reason="ข", amount=1)
    assert not BudgetProposal.objects.exists()


def test_a_member_without_a_division_must_choose_one(org, make_member):
    loner = make_member(org, Role.STAFF, "loner").user
    with pytest.raises(ValidationError) as error:
        budget.propose(org=org, author=loner, item="ก", reason="ข", amount=1)
    assert error.value.message_dict["division"] == ["กรุณาเลือกสำนัก/กองที่เสนอ"]


def test_the_form_offers_this_year_and_next_only(client, org, clerk, works):
    client.force_login(clerk)
    response = client.post(
        reverse("org:budget_proposal_new", args=[org.slug]),
        {"fiscal_year": 2560, "division": works.pk, "item": "ก", "reason": "ข", "amount": "1"},
    )
    assert "เสนอได้เฉพาะปีงบประมาณ" in response.content.decode()
    response = client.post(
        reverse("org:budget_proposal_new", args=[org.slug]),
        {
            "fiscal_year": budget.next_fiscal_year(),
            "division": works.pk,
            "item": "เครื่องตัดหญ้า",
            "reason": "ใช้ดูแลถนน",
            "amount": "12,500",
        },
    )
    assert response.status_code == 302
    assert BudgetProposal.objects.get().amount == Decimal("12500")


def test_executives_see_totals_per_division_and_overall(
    client, org, alice, clerk, boss, finance, works, make_member
):
    year = budget.next_fiscal_year()
    cashier = make_member(org, Role.STAFF, "cashier", division=finance).user
    budget.propose(org=org, author=clerk, item="รถบดถนน", reason="ก", amount="1000000")
    budget.propose(org=org, author=clerk, item="ยางมะตอย", reason="ก", amount="250000.50")
    declined = budget.propose(org=org, author=clerk, item="รถหรู", reason="ก", amount="3000000")
    budget.propose(org=org, author=cashier, item="ตู้เซฟ", reason="ก", amount="45000")
    budget.propose(
        org=org, author=cashier, item="ปีก่อน", reason="ก", amount="9", fiscal_year=year - 1
    )
    budget.decide_proposal(proposal=declined, actor=alice, accept=False, note="ไม่จำเป็น")

    totals = budget.proposal_totals(org=org, fiscal_year=year)
    assert [(t.division.name, t.count, t.amount) for t in totals.divisions] == [
        ("กองคลัง", 1, Decimal("45000")),
        ("กองช่าง", 3, Decimal("1250000.50")),
    ]
    assert (totals.count, totals.amount, totals.accepted) == (4, Decimal("1295000.50"), 0)

    client.force_login(boss)
    response = client.get(proposals_url(org))
    html = response.content.decode()
    assert response.context["year"] == year
    assert "1,295,000.50" in html
    assert "1,250,000.50" in html
    assert "ตู้เซฟ" in html and "รถหรู" in html and "ปีก่อน" not in html
    # Executives read; they do not consolidate.
    assert "budget_proposal_decide" not in html and "/decide/" not in html


def test_a_bad_year_falls_back_with_a_notice(client, org, boss):
    client.force_login(boss)
    response = client.get(proposals_url(org, "66"))
    assert response.context["year"] == budget.next_fiscal_year()
    assert "ไม่ถูกต้อง" in response.content.decode()
    response = client.get(proposals_url(org, "๒๕๖๖"))
    assert response.context["year"] == 2566


def test_the_division_head_consolidates_their_division_only(
    client, org, clerk, works_head, finance, make_member
):
    mine = budget.propose(org=org, author=clerk, item="รถบดถนน", reason="ก", amount=1)
    cashier = make_member(org, Role.STAFF, "cashier", division=finance).user
    theirs = budget.propose(org=org, author=cashier, item="ตู้เซฟ", reason="ก", amount=1)
    client.force_login(works_head)

    page = client.get(proposals_url(org)).content.decode()
    assert "รถบดถนน" in page and "ตู้เซฟ" not in page
    decide = reverse("org:budget_proposal_decide", args=[org.slug, mine.pk])
    assert decide in page

    response = client.post(decide, {f"p{mine.pk}-decision": "accept", f"p{mine.pk}-note": "จำเป็น"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.head_note) == ("accepted", "จำเป็น")
    assert AuditEvent.objects.filter(action="budget_proposal_accepted", actor=works_head).exists()

    other = reverse("org:budget_proposal_decide", args=[org.slug, theirs.pk])
    assert client.post(other, {f"p{theirs.pk}-decision": "accept"}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == "proposed"


def test_declining_needs_a_note(client, org, clerk, works_head):
    proposal = budget.propose(org=org, author=clerk, item="รถหรู", reason="ก", amount=1)
    client.force_login(works_head)
    url = reverse("org:budget_proposal_decide", args=[org.slug, proposal.pk])
    response = client.post(url, {f"p{proposal.pk}-decision": "decline"}, follow=True)
    assert "กรุณาระบุเหตุผลที่ไม่นำเข้าคำของบประมาณ" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_plain_staff_neither_decide_nor_see_other_divisions(
    client, org, clerk, finance, make_member
):
    mine = budget.propose(org=org, author=clerk, item="รถบดถนน", reason="ก", amount=1)
    cashier = make_member(org, Role.STAFF, "cashier", division=finance).user
    budget.propose(org=org, author=cashier, item="ตู้เซฟ", reason="ก", amount=1)
    client.force_login(clerk)
    page = client.get(proposals_url(org)).content.decode()
    assert "รถบดถนน" in page and "ตู้เซฟ" not in page
    url = reverse("org:budget_proposal_decide", args=[org.slug, mine.pk])
    assert client.post(url, {f"p{mine.pk}-decision": "accept"}).status_code == 403
    with pytest.raises(PermissionDenied):
        budget.decide_proposal(proposal=mine, actor=clerk, accept=True)


def test_another_orgs_proposal_is_absent(client, org, other_org, clerk, bob):
    proposal = budget.propose(org=org, author=clerk, item="รถบดถนน", reason="ก", amount=1)
    client.force_login(bob)
    url = reverse("org:budget_proposal_decide", args=[other_org.slug, proposal.pk])
    assert client.post(url, {f"p{proposal.pk}-decision": "accept"}).status_code == 404
    page = client.get(proposals_url(other_org)).content.decode()
    assert "รถบดถนน" not in page
    assert client.get(proposals_url(org)).status_code == 403
