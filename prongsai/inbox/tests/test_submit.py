"""Filing a case: every kind and channel lands in one model, with its timeline."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from prongsai.inbox import services, tracking
from prongsai.inbox.models import Case, CaseEvent
from prongsai.orgs.models import AuditEvent

Kind, Channel = Case.Kind, Case.Channel


@pytest.mark.parametrize("kind", Kind.values)
@pytest.mark.parametrize("channel", Channel.values)
def test_every_kind_and_channel_is_one_case(org, kind, channel):
    case = services.submit_case(org=org, kind=kind, channel=channel, subject="เรื่องทดสอบ")
    case.refresh_from_db()
    assert (case.kind, case.channel, case.status) == (kind, channel, Case.Status.RECEIVED)
    assert case.events.get().kind == CaseEvent.Kind.CREATED


def test_the_service_decides_kind_division_and_due_date(org, road_service):
    received = timezone.now() - timedelta(days=1)
    case = services.submit_case(
        org=org, channel=Channel.LINE, service=road_service, subject="หลุม", received_at=received
    )
    assert case.kind == Kind.COMPLAINT
    assert case.division == road_service.division
    assert case.received_at == received  # the channel's own time, not ours
    assert case.due_at == received + timedelta(days=7)


def test_without_a_service_the_default_time_limit_applies(org, settings):
    settings.CASE_DEFAULT_TIME_LIMIT_DAYS = 15
    case = services.submit_case(org=org, kind=Kind.QUESTION, channel=Channel.QA, subject="ถาม")
    assert case.due_at - case.received_at == timedelta(days=15)


def test_tracking_codes_are_random_and_unguessable(org):
    codes = [
        services.submit_case(
            org=org, kind=Kind.REQUEST, channel=Channel.WEB, subject="x"
        ).tracking_code
        for _ in range(30)
    ]
    assert len(set(codes)) == 30
    assert all(len(c) == 8 and set(c) <= set(tracking.ALPHABET) for c in codes)
    assert codes != sorted(codes)


def test_tracking_codes_forgive_how_people_type_them():
    assert tracking.normalize(" 7kq4-m9xo ") == "7KQ4M9X0"
    assert tracking.normalize("ILo1") == "1101"
    assert tracking.display("7KQ4M9XA") == "7KQ4-M9XA"


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"subject": "   "}, "subject"),
        ({"subject": "ก" * 201}, "subject"),
        ({"channel": "pigeon"}, "channel"),
        ({"kind": "gossip"}, "kind"),
        ({"latitude": Decimal("13.5")}, "latitude"),
        ({"latitude": Decimal("95"), "longitude": Decimal("100")}, "latitude"),
        ({"village_no": 0}, "village_no"),
        ({"reporter_phone": "0812345678"}, "consent"),
    ],
)
def test_bad_input_is_refused_in_thai_and_saves_nothing(org, fields, error_field):
    data = {"kind": Kind.COMPLAINT, "channel": Channel.WEB, "subject": "เรื่อง", **fields}
    with pytest.raises(ValidationError) as error:
        services.submit_case(org=org, **data)
    assert error_field in error.value.message_dict
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(error.value.message_dict[error_field]))
    assert not Case.objects.exists() and not CaseEvent.objects.exists()


def test_another_orgs_service_is_refused(org, other_org, road_service):
    with pytest.raises(ValidationError) as error:
        services.submit_case(org=other_org, channel=Channel.WEB, service=road_service, subject="x")
    assert "service" in error.value.message_dict


def test_the_same_form_sent_twice_makes_one_case(org, road_service):
    first = services.submit_case(
        org=org, channel=Channel.WEB, service=road_service, subject="หลุม", idempotency_key="k1"
    )
    again = services.submit_case(
        org=org, channel=Channel.WEB, service=road_service, subject="หลุม", idempotency_key="k1"
    )
    assert again.pk == first.pk
    assert Case.objects.count() == 1


def test_contact_data_is_kept_with_the_consent_time(org):
    case = services.submit_case(
        org=org,
        kind=Kind.COMPLAINT,
        channel=Channel.WEB,
        subject="x",
        reporter_name="สมศรี",
        reporter_email="somsri@example.com",
        consent=True,
    )
    assert case.reporter_email == "somsri@example.com" and case.consent_at is not None


def test_staff_logged_cases_are_audited(org, officer):
    case = services.submit_case(
        org=org, kind=Kind.REQUEST, channel=Channel.PHONE, subject="โทรมา", actor=officer
    )
    assert AuditEvent.objects.filter(action="case_created", target_id=str(case.pk)).exists()
