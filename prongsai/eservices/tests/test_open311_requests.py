"""Reading service requests through Open311: what the public may see, and only that."""

from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import services
from prongsai.inbox.models import Case
from prongsai.orgs.tests.factories import DivisionFactory

REPORTER = {
    "reporter_name": "สมหญิง ใจงาม",
    "reporter_phone": "081-234-5678",
    "reporter_email": "somying@example.com",
    "consent": True,
}


@pytest.fixture
def road(org):
    return ServiceFactory(
        org=org, code="road", name="ถนนชำรุด", division=DivisionFactory(org=org, name="กองช่าง")
    )


@pytest.fixture
def light(org):
    return ServiceFactory(org=org, code="street-light", name="ไฟฟ้าสาธารณะขัดข้อง")


@pytest.fixture
def pothole(org, road):
    return services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=road,
        subject="หลุมหน้าวัด",
        text="หลุมกว้างหนึ่งเมตร",
        latitude=Decimal("14.812345"),
        longitude=Decimal("103.456789"),
        address="หน้าวัดบ้านสามโคก",
        village_no=6,
        received_at=timezone.now() - timedelta(days=3),
        **REPORTER,
    )


@pytest.fixture
def fixed_lamp(org, light, alice):
    case = services.submit_case(
        org=org,
        channel=Case.Channel.LINE,
        service=light,
        subject="ไฟดับ",
        received_at=timezone.now() - timedelta(days=2),
        reporter_name="นายบุญมี ศรีสุข",
    )
    return services.close_case(
        case=case, status=Case.Status.RESOLVED, resolution="เปลี่ยนหลอดแล้ว", actor=alice
    )


@pytest.fixture
def corruption(org):
    service = ServiceFactory(org=org, code="corruption", kind=Service.Kind.CORRUPTION)
    return services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=service,
        subject="สงสัยการจัดซื้อ",
        text="ใบเสนอราคาสูงเกินจริง",
        **REPORTER,
    )


@pytest.fixture
def unlisted(org, road):
    """A staff-channel case, and a question that names no service."""
    return [
        services.submit_case(org=org, channel=Case.Channel.STAFF, service=road, subject="ภายใน"),
        services.submit_case(
            org=org, channel=Case.Channel.WALKIN, kind=Case.Kind.QUESTION, subject="สอบถาม"
        ),
    ]


@pytest.fixture
def bobs_case(other_org):
    service = ServiceFactory(org=other_org, code="road")
    return services.submit_case(
        org=other_org, channel=Case.Channel.WEB, service=service, subject="ของบ็อบ"
    )


def get(client, org, path, **params):
    return client.get(f"/{org.slug}/open311/v2/{path}", params)


def xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def test_it_lists_requests_in_json(client, org, pothole, fixed_lamp):
    response = get(client, org, "requests.json")
    assert response.status_code == 200
    requests = response.json()
    # Newest first.
    assert [r["service_request_id"] for r in requests] == [
        fixed_lamp.tracking_code,
        pothole.tracking_code,
    ]
    pothole.refresh_from_db()
    assert requests[1] == {
        "service_request_id": pothole.tracking_code,
        "status": "open",
        "status_notes": None,
        "service_name": "ถนนชำรุด",
        "service_code": "road",
        "description": "หลุมกว้างหนึ่งเมตร",
        "agency_responsible": "กองช่าง",
        "service_notice": None,
        "requested_datetime": timezone.localtime(pothole.received_at).isoformat("T", "seconds"),
        "updated_datetime": timezone.localtime(pothole.updated_at).isoformat("T", "seconds"),
        "expected_datetime": timezone.localtime(pothole.due_at).isoformat("T", "seconds"),
        "address": "หน้าวัดบ้านสามโคก หมู่ที่ 6",
        "address_id": None,
        "zipcode": None,
        "lat": 14.812345,
        "long": 103.456789,
        "media_url": None,
    }
    assert requests[1]["requested_datetime"].endswith("+07:00")
    lamp = requests[0]
    assert lamp["status"] == "closed"
    assert lamp["status_notes"] == "เปลี่ยนหลอดแล้ว"
    assert lamp["updated_datetime"] == timezone.localtime(fixed_lamp.closed_at).isoformat(
        "T", "seconds"
    )
    assert lamp["lat"] is None and lamp["address"] is None


def test_it_lists_requests_in_xml(client, org, pothole, fixed_lamp):
    root = xml(get(client, org, "requests.xml"))
    assert root.tag == "service_requests"
    requests = root.findall("request")
    assert [r.findtext("service_request_id") for r in requests] == [
        fixed_lamp.tracking_code,
        pothole.tracking_code,
    ]
    assert requests[0].findtext("status") == "closed"
    assert requests[0].findtext("status_notes") == "เปลี่ยนหลอดแล้ว"
    assert requests[1].findtext("status") == "open"
    assert requests[1].findtext("lat") == "14.812345"
    assert requests[1].findtext("long") == "103.456789"
    assert requests[1].findtext("agency_responsible") == "กองช่าง"
    assert requests[1].find("media_url").text is None


def test_it_never_shows_who_reported(client, org, pothole, fixed_lamp):
    for path in ("requests.json", "requests.xml", f"requests/{pothole.tracking_code}.json"):
        body = get(client, org, path).content.decode()
        for secret in ("สมหญิง", "081-234-5678", "somying@example.com", "บุญมี"):
            assert secret not in body, (path, secret)


def test_corruption_complaints_do_not_exist_for_open311(client, org, pothole, corruption):
    code = corruption.tracking_code
    listed = get(client, org, "requests.json").json()
    assert [r["service_request_id"] for r in listed] == [pothole.tracking_code]
    assert get(client, org, "requests.json", service_request_id=code).json() == []
    assert get(client, org, "requests.json", service_code="corruption").json() == []
    for path in (f"requests/{code}.json", f"requests/{code}.xml", f"tokens/{code}.json"):
        response = get(client, org, path)
        assert response.status_code == 404, path
        assert "ใบเสนอราคา" not in response.content.decode()


def test_a_personal_request_shows_its_progress_only(client, org, alice):
    allowance = ServiceFactory(
        org=org, code="allowance", name="เบี้ยยังชีพ", kind=Service.Kind.ESERVICE
    )
    case = services.submit_case(
        org=org,
        channel=Case.Channel.ESERVICE,
        service=allowance,
        subject="ลงทะเบียน",
        text="แม่อายุ 61 ปี",
        address="บ้านเลขที่ 45",
        village_no=3,
        latitude=Decimal("14.8"),
        longitude=Decimal("103.4"),
    )
    services.close_case(
        case=case, status=Case.Status.REJECTED, resolution="อายุไม่ถึงเกณฑ์", actor=alice
    )
    [entry] = get(client, org, f"requests/{case.tracking_code}.json").json()
    assert entry["status"] == "closed"
    assert entry["service_code"] == "allowance"
    assert entry["description"] is entry["status_notes"] is entry["address"] is None
    assert entry["lat"] is entry["long"] is None
    body = get(client, org, "requests.xml").content.decode()
    for secret in ("61 ปี", "บ้านเลขที่", "หมู่ที่", "อายุไม่ถึง", "14.8"):
        assert secret not in body


def test_staff_channel_and_cases_without_service_are_not_listed(client, org, pothole, unlisted):
    listed = get(client, org, "requests.json").json()
    assert [r["service_request_id"] for r in listed] == [pothole.tracking_code]
    for case in unlisted:
        assert get(client, org, f"requests/{case.tracking_code}.json").status_code == 404


def test_it_validates_ownership(client, org, other_org, pothole, bobs_case):
    listed = get(client, org, "requests.json").json()
    assert [r["service_request_id"] for r in listed] == [pothole.tracking_code]
    response = get(client, org, f"requests/{bobs_case.tracking_code}.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
    assert get(client, org, f"tokens/{bobs_case.tracking_code}.json").status_code == 404
    found = get(client, other_org, "requests.json", service_request_id=pothole.tracking_code)
    assert found.json() == []


def test_the_default_range_is_the_last_90_days(client, org, road, pothole):
    old = services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=road,
        subject="เก่า",
        received_at=timezone.now() - timedelta(days=100),
    )
    listed = get(client, org, "requests.json").json()
    assert [r["service_request_id"] for r in listed] == [pothole.tracking_code]

    start = (timezone.now() - timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - timedelta(days=40)).strftime("%Y-%m-%dT%H:%M:%SZ")
    listed = get(client, org, "requests.json", start_date=start, end_date=end).json()
    assert [r["service_request_id"] for r in listed] == [old.tracking_code]
    # A start alone reaches 90 days on from it.
    listed = get(client, org, "requests.json", start_date=start).json()
    assert [r["service_request_id"] for r in listed] == [old.tracking_code]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"start_date": "2023-01-01T00:00:00Z", "end_date": "2023-06-01T00:00:00Z"},
            "ช่วง start_date ถึง end_date ต้องไม่เกิน 90 วัน",
        ),
        (
            {"start_date": "2023-03-01T00:00:00Z", "end_date": "2023-01-01T00:00:00Z"},
            "end_date ต้องไม่ก่อน start_date",
        ),
        (
            {"start_date": "yesterday"},
            "start_date ต้องเป็นวันเวลาแบบ W3C เช่น 2010-01-01T00:00:00Z",
        ),
        ({"start_date": "9999-12-31T00:00:00Z"}, "วันที่อยู่นอกช่วงที่รองรับ"),
        ({"status": "pending"}, "status ต้องเป็น open หรือ closed"),
    ],
)
def test_it_rejects_bad_parameters(client, org, params, message):
    response = get(client, org, "requests.json", **params)
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": message}]
    response = get(client, org, "requests.xml", **params)
    assert response.status_code == 400
    error = xml(response).find("error")
    assert error.findtext("code") == "400"
    assert error.findtext("description") == message


def test_it_filters_by_status_and_service(client, org, pothole, fixed_lamp):
    def ids(**params):
        return [r["service_request_id"] for r in get(client, org, "requests.json", **params).json()]

    assert ids(status="open") == [pothole.tracking_code]
    assert ids(status="closed") == [fixed_lamp.tracking_code]
    assert ids(status="open,closed") == [fixed_lamp.tracking_code, pothole.tracking_code]
    assert ids(service_code="road") == [pothole.tracking_code]
    assert ids(service_code="road,street-light") == [
        fixed_lamp.tracking_code,
        pothole.tracking_code,
    ]
    assert ids(service_code="road", status="closed") == []


def test_service_request_id_overrides_every_other_argument(client, org, road, pothole, fixed_lamp):
    old = services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=road,
        subject="เก่า",
        received_at=timezone.now() - timedelta(days=400),
    )
    codes = f"{pothole.tracking_code},{old.tracking_code.lower()}"
    listed = get(
        client, org, "requests.json", service_request_id=codes, status="closed", start_date="x"
    ).json()
    assert {r["service_request_id"] for r in listed} == {pothole.tracking_code, old.tracking_code}


def test_it_answers_at_most_1000_requests(client, org, road):
    now = timezone.now()
    Case.objects.bulk_create(
        Case(
            org=org,
            tracking_code=f"T{n:07d}",
            kind=Case.Kind.COMPLAINT,
            channel=Case.Channel.LINE,
            service=road,
            subject=f"เรื่องที่ {n}",
            received_at=now - timedelta(minutes=n),
        )
        for n in range(1001)
    )
    listed = get(client, org, "requests.json").json()
    assert len(listed) == 1000
    assert listed[0]["service_request_id"] == "T0000000"
    assert listed[-1]["service_request_id"] == "T0000999"


def test_one_request_in_json_and_xml(client, org, pothole):
    code = pothole.tracking_code
    [entry] = get(client, org, f"requests/{code}.json").json()
    assert entry["service_request_id"] == code
    assert entry["status"] == "open"
    # As a person types it: lower case, with the dash of the printed code.
    typed = f"{code[:4]}-{code[4:]}".lower()
    assert get(client, org, f"requests/{typed}.json").json()[0]["service_request_id"] == code

    root = xml(get(client, org, f"requests/{code}.xml"))
    assert root.tag == "service_requests"
    assert root.find("request").findtext("service_request_id") == code
    assert root.find("request").findtext("address") == "หน้าวัดบ้านสามโคก หมู่ที่ 6"


def test_it_handles_a_missing_request(client, org):
    response = get(client, org, "requests/NOPE1234.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "ไม่พบคำร้อง NOPE1234"}]
    response = get(client, org, "requests/NOPE1234.xml")
    assert response.status_code == 404
    assert xml(response).find("error").findtext("code") == "404"


def test_a_token_resolves_to_its_request(client, org, pothole):
    code = pothole.tracking_code
    assert get(client, org, f"tokens/{code}.json").json() == [
        {"service_request_id": code, "token": code}
    ]
    request = xml(get(client, org, f"tokens/{code}.xml")).find("request")
    assert request.findtext("service_request_id") == code
    assert request.findtext("token") == code
    response = get(client, org, "tokens/NOPE1234.xml")
    assert response.status_code == 404
    assert xml(response).find("error").findtext("description") == "ไม่พบโทเคน NOPE1234"
