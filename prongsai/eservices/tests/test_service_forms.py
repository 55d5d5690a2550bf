"""E-service forms built from each service's field definitions, as citizens use them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ResourceFactory, ServiceFactory
from prongsai.inbox.models import Case

FIELDS = [
    {"name": "household", "label": "จำนวนสมาชิก", "type": "number", "required": True},
    {
        "name": "payment",
        "label": "ช่องทางรับเงิน",
        "type": "choice",
        "required": True,
        "choices": ["โอนเข้าบัญชี", "เงินสด"],
    },
    {"name": "birth_date", "label": "วันเกิด", "type": "date", "required": False},
    {"name": "location", "label": "ตำแหน่งบ้าน", "type": "location", "required": True},
]


@pytest.fixture
def allowance(org):
    return ServiceFactory(
        org=org,
        code="allowance",
        name="ลงทะเบียนเบี้ยยังชีพ",
        kind=Service.Kind.ESERVICE,
        form_fields=FIELDS,
        manual_steps=[{"step": "ยื่นคำขอ", "time": "10 นาที"}],
        manual_documents="สำเนาทะเบียนบ้าน",
    )


def valid_data(**extra):
    return {
        "f_household": "4",
        "f_payment": "เงินสด",
        "f_birth_date": "1950-02-01",
        "address": "บ้านเลขที่ 12",
        "village_no": "6",
        "reporter_name": "นางสมร",
        "reporter_phone": "081-111-2222",
        "consent": "on",
        "idempotency_key": "e1",
        **extra,
    }


def test_the_page_shows_the_manual_and_the_fields(client, org, allowance):
    body = client.get(f"/{org.slug}/services/allowance/").content.decode()
    for text in ["คู่มือสำหรับประชาชน", "ยื่นคำขอ", "สำเนาทะเบียนบ้าน", "จำนวนสมาชิก", "เงินสด"]:
        assert text in body


def test_a_request_keeps_the_answers_under_their_names(client, org, allowance):
    response = client.post(f"/{org.slug}/services/allowance/", valid_data())
    case = Case.objects.get()
    assert response.url == f"/{org.slug}/track/{case.tracking_code}/?new=1"
    assert case.form_data == {"household": "4", "payment": "เงินสด", "birth_date": "1950-02-01"}
    assert (case.address, case.village_no, case.channel) == ("บ้านเลขที่ 12", 6, "eservice")
    assert ("จำนวนสมาชิก", "4") in case.form_answers


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("f_household", "", "ฟิลด์นี้จำเป็น"),
        ("f_payment", "ทองคำ", "เลือกตัวเลือกที่ถูกต้อง"),
        ("f_household", "-2", "ค่านี้ต้องมากกว่าหรือเท่ากับ 0"),
        ("consent", "", "กรุณายินยอม"),
        ("reporter_phone", "call me", "หมายเลขโทรศัพท์ไม่ถูกต้อง"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(
    client, org, allowance, field, value, message
):
    response = client.post(f"/{org.slug}/services/allowance/", valid_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_a_booking_form_shows_taken_days_and_refuses_past_ones(client, org):
    truck = ResourceFactory(org=org, name="รถกระบะ")
    ServiceFactory(org=org, code="truck", kind=Service.Kind.ESERVICE, resource=truck)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/{org.slug}/services/truck/",
        valid_data(start_date=yesterday, end_date=yesterday),
    )
    assert "วันที่เริ่มต้องไม่ใช่วันที่ผ่านมาแล้ว" in response.content.decode()
    assert not Case.objects.exists()


def test_complaint_categories_lead_to_the_complaint_form(client, org):
    ServiceFactory(org=org, code="road", kind=Service.Kind.COMPLAINT)
    response = client.get(f"/{org.slug}/services/road/")
    assert response.url == f"/{org.slug}/complain/?service=road"


def test_another_orgs_service_is_404(client, org, other_org, allowance):
    assert client.get(f"/{other_org.slug}/services/allowance/").status_code == 404
