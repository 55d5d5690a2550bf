"""Booking resources: overlapping approved bookings are refused with a clear message."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from prongsai.eservices import services
from prongsai.eservices.models import Booking, Service
from prongsai.eservices.tests.factories import ResourceFactory, ServiceFactory
from prongsai.inbox.models import Case
from prongsai.orgs.models import Membership

CONTACT = {"reporter_name": "นายประยูร", "reporter_phone": "0865551234", "consent": True}


@pytest.fixture
def truck(org):
    return ResourceFactory(org=org, name="รถกระบะ")


@pytest.fixture
def truck_service(org, truck):
    return ServiceFactory(
        org=org, code="pickup-truck", name="ขอใช้รถกระบะ", kind=Service.Kind.ESERVICE, resource=truck
    )


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Membership.Role.OFFICER, "officer").user


def book(service, start: date, end: date, key: str = "") -> Case:
    return services.submit_request(
        service=service,
        subject=service.name,
        form_data={},
        start_date=start,
        end_date=end,
        idempotency_key=key,
        **CONTACT,
    )


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def test_a_request_is_a_case_with_a_booking(truck_service):
    case = book(truck_service, days(3), days(4))
    assert (case.kind, case.channel) == (Case.Kind.ESERVICE, Case.Channel.ESERVICE)
    assert case.booking.status == Booking.Status.REQUESTED
    assert (case.booking.start_date, case.booking.end_date) == (days(3), days(4))


def test_requests_may_overlap_until_one_is_approved(truck_service, officer):
    first = book(truck_service, days(3), days(5))
    second = book(truck_service, days(5), days(6))
    services.decide_booking(booking=first.booking, approve=True, actor=officer)
    with pytest.raises(ValidationError) as error:
        services.decide_booking(booking=second.booking, approve=True, actor=officer)
    assert "ถูกจองแล้ว" in str(error.value)
    second.booking.refresh_from_db()
    assert second.booking.status == Booking.Status.REQUESTED


@pytest.mark.parametrize(
    ("start", "end"),
    [(3, 5), (1, 3), (5, 8), (4, 4), (2, 9)],
)
def test_a_new_request_over_approved_days_is_refused(truck_service, officer, start, end):
    approved = book(truck_service, days(3), days(5))
    services.decide_booking(booking=approved.booking, approve=True, actor=officer)
    with pytest.raises(ValidationError) as error:
        book(truck_service, days(start), days(end))
    assert "กรุณาเลือกวันอื่น" in str(error.value)
    assert Case.objects.count() == 1


@pytest.mark.parametrize(("start", "end"), [(1, 2), (6, 7)])
def test_neighbouring_days_are_free(truck_service, officer, start, end):
    approved = book(truck_service, days(3), days(5))
    services.decide_booking(booking=approved.booking, approve=True, actor=officer)
    assert book(truck_service, days(start), days(end)).booking


def test_approval_closes_the_case_as_resolved(truck_service, officer):
    case = book(truck_service, days(3), days(3))
    services.decide_booking(booking=case.booking, approve=True, actor=officer)
    case.refresh_from_db()
    assert case.status == Case.Status.RESOLVED and "อนุมัติ" in case.resolution


def test_refusal_needs_a_reason(truck_service, officer):
    case = book(truck_service, days(3), days(3))
    with pytest.raises(ValidationError):
        services.decide_booking(booking=case.booking, approve=False, actor=officer)
    services.decide_booking(booking=case.booking, approve=False, actor=officer, reason="รถเข้าซ่อม")
    case.refresh_from_db()
    assert case.status == Case.Status.REJECTED and case.booking.status == Booking.Status.REFUSED


def test_a_booking_is_decided_once(truck_service, officer):
    case = book(truck_service, days(3), days(3))
    services.decide_booking(booking=case.booking, approve=True, actor=officer)
    with pytest.raises(ValidationError):
        services.decide_booking(booking=case.booking, approve=False, actor=officer, reason="x")


def test_dates_are_required_and_ordered(truck_service):
    with pytest.raises(ValidationError):
        book(truck_service, None, None)
    with pytest.raises(ValidationError):
        book(truck_service, days(5), days(3))
    assert not Case.objects.exists()


def test_the_same_form_twice_books_once(truck_service):
    book(truck_service, days(3), days(4), key="once")
    book(truck_service, days(3), days(4), key="once")
    assert Booking.objects.count() == 1
