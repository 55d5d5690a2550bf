"""Loans of government property: overlap refusal, approval, overdue and return."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from prongsai.integrity import property as loans
from prongsai.integrity.models import Loan, PropertyItem
from prongsai.orgs.models import AuditEvent, Membership

Role = Membership.Role
TODAY = date(2026, 3, 1)


@pytest.fixture
def staff(org, make_member):
    return make_member(org, Role.STAFF, "somchai").user


@pytest.fixture
def item(org):
    return PropertyItem.objects.create(org=org, code="416-58-0003", name="โปรเจกเตอร์")


def ask(org, item, borrower, start, due, **kwargs):
    return loans.request_loan(
        org=org,
        item=item,
        borrower=borrower,
        purpose="ประชุมประชาคมหมู่บ้าน",
        starts_on=start,
        due_on=due,
        today=kwargs.pop("today", TODAY),
        **kwargs,
    )


def d(day: int) -> date:
    return date(2026, 3, day)


def test_it_requests_a_loan(org, item, staff):
    loan = ask(org, item, staff, d(10), d(12))
    assert loan.status == Loan.Status.REQUESTED
    assert loan.org == org
    assert AuditEvent.objects.filter(action="loan_requested", target_id=str(loan.pk)).exists()


@pytest.mark.parametrize(
    ("start", "due"),
    [(12, 14), (8, 10), (11, 11), (9, 13), (10, 12)],
    ids=["shares-last-day", "shares-first-day", "inside", "around", "same"],
)
def test_it_refuses_a_request_sharing_a_day(org, item, staff, alice, start, due):
    ask(org, item, alice, d(10), d(12))
    with pytest.raises(ValidationError) as caught:
        ask(org, item, staff, d(start), d(due))
    assert "10-12 มีนาคม 2569" in " ".join(caught.value.messages)
    assert Loan.objects.count() == 1


def test_the_day_after_and_the_day_before_are_free(org, item, staff, alice):
    ask(org, item, alice, d(10), d(12))
    ask(org, item, staff, d(13), d(14))
    ask(org, item, staff, d(8), d(9))
    assert Loan.objects.count() == 3


def test_an_approved_loan_blocks(org, item, staff, alice):
    loan = ask(org, item, alice, d(10), d(12))
    loans.decide_loan(org=org, loan=loan, approve=True, actor=alice)
    with pytest.raises(ValidationError):
        ask(org, item, staff, d(11), d(15))


@pytest.mark.parametrize("status", [Loan.Status.REJECTED, Loan.Status.RETURNED])
def test_rejected_and_returned_loans_do_not_block(org, item, staff, alice, status):
    Loan.objects.create(
        org=org,
        item=item,
        borrower=alice,
        purpose="x",
        starts_on=d(10),
        due_on=d(12),
        status=status,
    )
    assert ask(org, item, staff, d(10), d(12)).status == Loan.Status.REQUESTED


def test_another_item_does_not_block(org, item, staff, alice):
    ask(org, item, alice, d(10), d(12))
    camera = PropertyItem.objects.create(org=org, name="กล้องถ่ายรูป")
    assert ask(org, camera, staff, d(10), d(12)).item == camera


def test_it_refuses_bad_days(org, item, staff):
    with pytest.raises(ValidationError) as caught:
        ask(org, item, staff, d(12), d(10))
    assert caught.value.message_dict["due_on"] == ["กำหนดคืนต้องไม่ก่อนวันที่ยืม"]
    with pytest.raises(ValidationError) as caught:
        ask(org, item, staff, TODAY - timedelta(days=1), d(3))
    assert "starts_on" in caught.value.message_dict
    assert not Loan.objects.exists()


def test_today_is_not_the_past(org, item, staff):
    assert ask(org, item, staff, TODAY, TODAY).starts_on == TODAY


def test_it_refuses_a_retired_item(org, item, staff, alice):
    loans.set_item_lendable(org=org, item=item, lendable=False, actor=alice)
    with pytest.raises(ValidationError) as caught:
        ask(org, item, staff, d(10), d(12))
    assert "งดให้ยืม" in caught.value.message_dict["item"][0]


def test_it_validates_ownership(org, other_org, item, staff, bob, make_member):
    with pytest.raises(ValidationError):
        ask(org, item, bob, d(10), d(12))  # bob is not staff of org
    theirs = PropertyItem.objects.create(org=other_org, name="เต็นท์")
    with pytest.raises(ValidationError):
        ask(org, theirs, staff, d(10), d(12))
    assert not Loan.objects.exists()


def test_an_inactive_member_cannot_borrow(org, item, make_member):
    gone = make_member(org, Role.STAFF, "gone", is_active=False).user
    with pytest.raises(ValidationError):
        ask(org, item, gone, d(10), d(12))


def test_approval_checks_overlap_again(org, item, staff, alice):
    # Two requests that overlap (e.g. entered before the check existed): only one may win.
    first, second = (
        Loan.objects.create(
            org=org, item=item, borrower=who, purpose="x", starts_on=d(10), due_on=d(12)
        )
        for who in (alice, staff)
    )
    loans.decide_loan(org=org, loan=first, approve=True, actor=alice)
    with pytest.raises(ValidationError) as caught:
        loans.decide_loan(org=org, loan=second, approve=True, actor=alice)
    assert "10-12 มีนาคม 2569" in caught.value.messages[0]
    second.refresh_from_db()
    assert second.status == Loan.Status.REQUESTED
    loans.decide_loan(org=org, loan=second, approve=False, actor=alice)
    second.refresh_from_db()
    assert second.status == Loan.Status.REJECTED
    assert second.decided_by == alice


def test_approval_refuses_a_retired_item(org, item, staff, alice):
    loan = ask(org, item, staff, d(10), d(12))
    loans.set_item_lendable(org=org, item=item, lendable=False, actor=alice)
    with pytest.raises(ValidationError):
        loans.decide_loan(org=org, loan=loan, approve=True, actor=alice)


def test_a_loan_is_decided_once(org, item, staff, alice):
    loan = ask(org, item, staff, d(10), d(12))
    loans.decide_loan(org=org, loan=loan, approve=True, actor=alice)
    with pytest.raises(ValidationError):
        loans.decide_loan(org=org, loan=loan, approve=False, actor=alice)
    assert AuditEvent.objects.filter(action="loan_approved").count() == 1


def test_it_refuses_another_orgs_loan(org, other_org, item, staff, bob):
    loan = ask(org, item, staff, d(10), d(12))
    with pytest.raises(ValidationError):
        loans.decide_loan(org=other_org, loan=loan, approve=True, actor=bob)
    with pytest.raises(ValidationError):
        loans.return_loan(org=other_org, loan=loan, returned_on=d(11), actor=bob, today=d(20))


def approved(org, item, borrower, start, due):
    return Loan.objects.create(
        org=org,
        item=item,
        borrower=borrower,
        purpose="x",
        starts_on=start,
        due_on=due,
        status=Loan.Status.APPROVED,
    )


def test_a_loan_due_yesterday_is_overdue(org, item, staff):
    loan = approved(org, item, staff, TODAY - timedelta(days=5), TODAY - timedelta(days=1))
    assert loan.is_overdue(TODAY)
    assert list(loans.overdue_loans(org=org, today=TODAY)) == [loan]


def test_a_loan_due_today_is_not_overdue(org, item, staff):
    approved(org, item, staff, TODAY - timedelta(days=5), TODAY)
    assert not loans.overdue_loans(org=org, today=TODAY).exists()


def test_returned_and_requested_loans_are_not_overdue(org, other_org, item, staff, bob):
    loan = approved(org, item, staff, d(1) - timedelta(days=9), d(1) - timedelta(days=2))
    Loan.objects.create(
        org=org,
        item=item,
        borrower=staff,
        purpose="x",
        starts_on=date(2026, 2, 1),
        due_on=date(2026, 2, 2),
    )
    theirs = PropertyItem.objects.create(org=other_org, name="เต็นท์")
    approved(other_org, theirs, bob, date(2026, 2, 1), date(2026, 2, 2))
    assert list(loans.overdue_loans(org=org, today=TODAY)) == [loan]
    loans.return_loan(org=org, loan=loan, returned_on=TODAY, actor=staff, today=TODAY)
    assert not loans.overdue_loans(org=org, today=TODAY).exists()
    loan.refresh_from_db()
    assert not loan.is_overdue(TODAY)


def test_it_records_an_early_return(org, item, staff, alice):
    loan = approved(org, item, staff, d(1), d(10))
    loans.return_loan(org=org, loan=loan, returned_on=d(3), actor=alice, today=d(4))
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RETURNED
    assert loan.returned_on == d(3)
    event = AuditEvent.objects.get(action="loan_returned")
    assert event.detail == {"returned_on": "2026-03-03", "days_late": 0}
    # The item is free again for the days it came back early.
    assert ask(org, item, alice, d(5), d(8), today=d(4)).status == Loan.Status.REQUESTED


def test_it_records_a_late_return(org, item, staff, alice):
    loan = approved(org, item, staff, d(1), d(3))
    loans.return_loan(org=org, loan=loan, returned_on=d(6), actor=alice, today=d(6))
    assert AuditEvent.objects.get(action="loan_returned").detail["days_late"] == 3


def test_it_refuses_bad_returns(org, item, staff, alice):
    loan = approved(org, item, staff, d(5), d(10))
    for returned_on in (d(9), d(4)):  # the future, before the loan began
        with pytest.raises(ValidationError):
            loans.return_loan(org=org, loan=loan, returned_on=returned_on, actor=alice, today=d(8))
    requested = ask(org, item, staff, d(20), d(21))
    with pytest.raises(ValidationError):
        loans.return_loan(org=org, loan=requested, returned_on=d(8), actor=alice, today=d(8))
    loan.refresh_from_db()
    assert loan.status == Loan.Status.APPROVED
