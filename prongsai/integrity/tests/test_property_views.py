"""The staff pages of property loans: who may do what, and another org's objects answer 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.integrity.models import Loan, PropertyItem
from prongsai.orgs.models import Membership

Role = Membership.Role


@pytest.fixture
def staff(org, make_member):
    return make_member(org, Role.STAFF, "somchai").user


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Role.OFFICER, "officer").user


@pytest.fixture
def executive(org, make_member):
    return make_member(org, Role.EXECUTIVE, "boss").user


@pytest.fixture
def item(org):
    return PropertyItem.objects.create(org=org, code="416-58-0003", name="โปรเจกเตอร์")


def url(name, org, *args):
    return reverse(f"org:{name}", args=[org.slug, *args])


def loan_of(item, borrower, start, due, status=Loan.Status.REQUESTED):
    return Loan.objects.create(
        org=item.org,
        item=item,
        borrower=borrower,
        purpose="ประชุมประชาคม",
        starts_on=start,
        due_on=due,
        status=status,
    )


def today():
    return timezone.localdate()


def test_staff_request_a_loan(client, org, item, staff):
    client.force_login(staff)
    start = today() + timedelta(days=2)
    response = client.post(
        url("loan_new", org),
        {
            "item": item.pk,
            "purpose": "ฉายสไลด์ประชุมหมู่บ้าน",
            "starts_on": start.isoformat(),
            "due_on": (start + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("my_loans", org)
    loan = Loan.objects.get()
    assert (loan.borrower, loan.status) == (staff, Loan.Status.REQUESTED)


def test_an_overlapping_request_is_refused_in_thai(client, org, item, staff, alice):
    start = today() + timedelta(days=3)
    loan_of(item, alice, start, start + timedelta(days=2))
    client.force_login(staff)
    response = client.post(
        url("loan_new", org),
        {
            "item": item.pk,
            "purpose": "x",
            "starts_on": (start + timedelta(days=2)).isoformat(),
            "due_on": (start + timedelta(days=4)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "มีผู้ขอยืมหรือได้รับอนุมัติให้ยืมแล้วในช่วง" in response.content.decode()
    assert Loan.objects.count() == 1


def test_staff_cannot_approve_or_manage(client, org, item, staff):
    loan = loan_of(item, staff, today(), today())
    client.force_login(staff)
    assert client.post(url("loan_decide", org, loan.pk), {"decision": "approve"}).status_code == 403
    assert client.post(url("loan_return", org, loan.pk), {}).status_code == 403
    assert client.get(url("property_item_new", org)).status_code == 403
    assert client.post(url("property_item_lendable", org, item.pk)).status_code == 403
    loan.refresh_from_db()
    assert loan.status == Loan.Status.REQUESTED
    # ...but they see the loan, without the decision buttons.
    page = client.get(url("loan", org, loan.pk)).content.decode()
    assert 'value="approve"' not in page


def test_an_officer_approves_and_records_the_return(client, org, item, staff, officer):
    loan = loan_of(item, staff, today() - timedelta(days=2), today() + timedelta(days=3))
    client.force_login(officer)
    assert 'value="approve"' in client.get(url("loan", org, loan.pk)).content.decode()
    client.post(url("loan_decide", org, loan.pk), {"decision": "approve"})
    loan.refresh_from_db()
    assert (loan.status, loan.decided_by) == (Loan.Status.APPROVED, officer)
    response = client.post(url("loan_return", org, loan.pk), {"returned_on": today().isoformat()})
    assert response.status_code == 302
    loan.refresh_from_db()
    assert (loan.status, loan.returned_on) == (Loan.Status.RETURNED, today())


def test_a_return_in_the_future_is_refused(client, org, item, staff, alice):
    loan = loan_of(item, staff, today(), today(), Loan.Status.APPROVED)
    client.force_login(alice)
    response = client.post(
        url("loan_return", org, loan.pk), {"returned_on": (today() + timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 400
    assert "วันที่คืนต้องไม่เป็นวันในอนาคต" in response.content.decode()


def test_an_admin_keeps_the_register(client, org, alice):
    client.force_login(alice)
    response = client.post(url("property_item_new", org), {"name": "เครื่องเสียงเคลื่อนที่", "code": ""})
    item = PropertyItem.objects.get()
    assert response["Location"] == url("property_item", org, item.pk)
    assert item.org == org
    client.post(url("property_item_lendable", org, item.pk), {"lendable": "0"})
    item.refresh_from_db()
    assert not item.is_lendable
    # A retired item is gone from the request form.
    form = client.get(url("loan_new", org)).context["form"]
    assert not form.fields["item"].queryset.exists()


def test_the_item_page_shows_its_history(client, org, item, staff, alice):
    loan_of(item, alice, today() - timedelta(days=30), today() - timedelta(days=28), "returned")
    loan_of(item, staff, today() + timedelta(days=1), today() + timedelta(days=2))
    client.force_login(staff)
    page = client.get(url("property_item", org, item.pk)).content.decode()
    assert page.count("ประชุมประชาคม") == 2


def test_overdue_loans_are_flagged(client, org, item, staff, executive):
    loan_of(item, staff, today() - timedelta(days=5), today() - timedelta(days=1), "approved")
    client.force_login(executive)
    page = client.get(url("loans", org)).content.decode()
    assert 'class="overdue"' in page
    assert "เกินกำหนดคืน 1 วัน" in page
    assert "โปรเจกเตอร์" in client.get(url("loans", org) + "?status=overdue").content.decode()
    # Other staff see the label but not the highlight; the borrower is told on "my loans".
    client.force_login(staff)
    page = client.get(url("loans", org)).content.decode()
    assert 'class="overdue"' not in page
    assert "เกินกำหนดคืน 1 วัน" in page
    mine = client.get(url("my_loans", org)).content.decode()
    assert "คุณมี 1 รายการที่เกินกำหนดคืน" in mine


def test_my_loans_shows_only_mine(client, org, item, staff, alice):
    loan_of(item, alice, today(), today())
    client.force_login(staff)
    assert "ประชุมประชาคม" not in client.get(url("my_loans", org)).content.decode()


def test_it_validates_ownership(client, org, other_org, item, staff, bob):
    theirs = PropertyItem.objects.create(org=other_org, name="เต็นท์")
    their_loan = loan_of(theirs, bob, today(), today())
    mine = loan_of(item, staff, today(), today())
    client.force_login(bob)
    # bob (admin of the other org) is nobody here.
    assert client.get(url("loans", org)).status_code == 403
    assert client.get(url("loan", other_org, mine.pk)).status_code == 404
    assert client.get(url("property_item", other_org, item.pk)).status_code == 404
    assert (
        client.post(url("loan_decide", other_org, mine.pk), {"decision": "approve"}).status_code
        == 404
    )
    client.force_login(staff)
    assert client.get(url("loan", org, their_loan.pk)).status_code == 404
    assert client.get(url("property_item", org, theirs.pk)).status_code == 404
    response = client.post(
        url("loan_new", org),
        {"item": theirs.pk, "purpose": "x", "starts_on": today(), "due_on": today()},
    )
    assert response.status_code == 200
    assert Loan.objects.filter(item=theirs).count() == 1


def test_it_requires_login(client, org):
    response = client.get(url("loans", org))
    assert response.status_code == 302
    assert "login" in response["Location"]
