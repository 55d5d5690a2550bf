"""The complaint form and the tracking page, as a citizen uses them."""

import pytest

from prongsai.inbox import services
from prongsai.inbox.models import Case
from prongsai.inbox.tests.photos import photo


def form_data(service, **extra):
    return {
        "service": service.pk,
        "subject": "ไฟดับทั้งซอย",
        "text": "ดับมาสามคืนแล้ว",
        "village_no": "6",
        "idempotency_key": "form-1",
        **extra,
    }


def test_anonymous_complaint_leads_to_its_tracking_page(client, org, road_service):
    response = client.post(f"/{org.slug}/complain/", form_data(road_service))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == f"/{org.slug}/track/{case.tracking_code}/?new=1"
    assert (case.channel, case.kind, case.village_no) == ("web", "complaint", 6)
    assert case.reporter_name == "" and case.consent_at is None
    page = client.get(response.url).content.decode()
    assert f"{case.tracking_code[:4]}-{case.tracking_code[4:]}" in page
    assert "ได้รับเรื่องของท่านแล้ว" in page


def test_the_form_asks_consent_with_a_notice_when_contact_is_given(client, org, road_service):
    page = client.get(f"/{org.slug}/complain/").content.decode()
    assert "การคุ้มครองข้อมูลส่วนบุคคล" in page
    response = client.post(
        f"/{org.slug}/complain/", form_data(road_service, reporter_phone="0812345678")
    )
    assert response.status_code == 200
    assert "กรุณายินยอม" in response.content.decode()
    assert not Case.objects.exists()


def test_missing_fields_get_thai_messages(client, org, road_service):
    response = client.post(f"/{org.slug}/complain/", {"idempotency_key": "k"})
    body = response.content.decode()
    assert "กรุณาเลือกหมวดเรื่อง" in body and "กรุณาระบุหัวเรื่อง" in body
    assert not Case.objects.exists()


def test_a_double_submission_makes_one_case(client, org, road_service):
    first = client.post(f"/{org.slug}/complain/", form_data(road_service))
    second = client.post(f"/{org.slug}/complain/", form_data(road_service))
    assert Case.objects.count() == 1
    assert first.url == second.url


def test_another_orgs_category_is_refused(client, org, other_org, road_service):
    response = client.post(f"/{other_org.slug}/complain/", form_data(road_service))
    assert response.status_code == 200 and not Case.objects.exists()


@pytest.fixture
def handled_case(org, road_service, officer):
    case = services.submit_case(
        org=org, channel="line", service=road_service, subject="หลุม", reporter_name="สมชาย"
    )
    services.add_note(case=case, actor=officer, text="ภายใน: ผู้แจ้งเป็นญาติของนายก")
    services.reply_publicly(case=case, actor=officer, text="ทีมช่างจะเข้าพื้นที่พรุ่งนี้")
    services.close_case(
        case=case,
        status="resolved",
        resolution="กลบหลุมแล้ว",
        actor=officer,
        before_photos=[photo("before.jpg")],
        after_photos=[photo("after.jpg")],
    )
    return case


def test_tracking_shows_status_and_public_replies_only(client, org, handled_case):
    body = client.get(f"/{org.slug}/track/{handled_case.tracking_code}/").content.decode()
    assert "ดำเนินการแล้วเสร็จ" in body
    assert "ทีมช่างจะเข้าพื้นที่พรุ่งนี้" in body and "กลบหลุมแล้ว" in body
    assert "ภายใน" not in body and "สมชาย" not in body


def test_tracking_lookup_accepts_what_people_type(client, org, handled_case):
    code = handled_case.tracking_code
    typed = f"{code[:4].lower()} {code[4:].lower()}"
    response = client.get(f"/{org.slug}/track/", {"code": typed})
    assert response.status_code == 302 and response.url.endswith(f"/track/{code}/")
    missing = client.get(f"/{org.slug}/track/", {"code": "ZZZZZZZZ"})
    assert "ไม่พบเรื่องที่มีรหัสนี้" in missing.content.decode()


def test_another_orgs_tracking_code_is_404(client, org, other_org, handled_case):
    assert client.get(f"/{other_org.slug}/track/{handled_case.tracking_code}/").status_code == 404
