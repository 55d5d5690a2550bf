"""Filing service requests through Open311: a case in the inbox, or nothing at all."""

from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.test import Client

from prongsai.eservices.models import Service
from prongsai.eservices.open311 import keys
from prongsai.eservices.tests.factories import ResourceFactory, ServiceFactory
from prongsai.inbox.models import Case
from prongsai.orgs.models import AuditEvent, Organization
from prongsai.orgs.tests.factories import DivisionFactory

FIELDS = [
    {"name": "information", "label": "ข้อมูลที่ต้องการ", "type": "textarea", "required": True},
    {
        "name": "format",
        "label": "รูปแบบที่ต้องการ",
        "type": "choice",
        "required": True,
        "choices": ["ไฟล์อิเล็กทรอนิกส์", "สำเนาเอกสาร"],
    },
    {"name": "copies", "label": "จำนวนชุด", "type": "number"},
    {"name": "needed_by", "label": "ต้องการภายในวันที่", "type": "date"},
]


@pytest.fixture
def road(org):
    return ServiceFactory(
        org=org,
        code="road",
        name="ถนนชำรุด",
        division=DivisionFactory(org=org, name="กองช่าง"),
        time_limit_days=7,
    )


@pytest.fixture
def information(org):
    return ServiceFactory(
        org=org,
        code="information",
        name="ขอข้อมูลข่าวสาร",
        kind=Service.Kind.ESERVICE,
        form_fields=FIELDS,
    )


@pytest.fixture
def api_key(org, alice):
    _key, raw = keys.issue_key(org=org, name="แอปแจ้งเหตุ", actor=alice)
    return raw


def post(client, org, data, fmt="json"):
    return client.post(f"/{org.slug}/open311/v2/requests.{fmt}", data)


def pothole(api_key, **extra):
    return {
        "api_key": api_key,
        "service_code": "road",
        "lat": "14.8123456",
        "long": "103.4567891",
        "address_string": "หน้าวัดบ้านสามโคก",
        "description": "หลุมหน้าวัด\nกว้างประมาณหนึ่งเมตร",
        "first_name": "สมหญิง",
        "last_name": "ใจงาม",
        "email": "somying@example.com",
        "phone": "081-234-5678",
        "media_url": "http://example.com/photo.jpg",
        "device_id": "tt222111",
        **extra,
    }


def test_it_files_a_case(client, org, road, api_key):
    response = post(client, org, pothole(api_key))
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [answer] = response.json()
    case = Case.objects.get()
    assert answer == {
        "service_request_id": case.tracking_code,
        "service_notice": f"อบต.อลิซ จะดำเนินการภายใน 7 วัน ติดตามได้ด้วยรหัส {case.tracking_code}",
        "account_id": None,
    }
    assert "token" not in answer  # the spec: never both
    assert case.org == org
    assert case.service == road
    assert case.kind == Case.Kind.COMPLAINT
    assert case.channel == Case.Channel.WEB
    assert case.division.name == "กองช่าง"
    assert case.subject == "หลุมหน้าวัด"
    assert case.text == "หลุมหน้าวัด\nกว้างประมาณหนึ่งเมตร"
    assert case.latitude == Decimal("14.812346")
    assert case.longitude == Decimal("103.456789")
    assert case.address == "หน้าวัดบ้านสามโคก"
    assert case.reporter_name == "สมหญิง ใจงาม"
    assert case.reporter_email == "somying@example.com"
    assert case.reporter_phone == "081-234-5678"
    assert case.consent_at is not None
    assert case.form_data == {"source": "open311", "attributes": {}}
    assert case.events.get().kind == "created"
    event = AuditEvent.objects.get(action="open311_request_filed")
    assert event.org == org
    assert event.target_id == str(case.pk)
    assert event.detail == {"key": api_key[:8], "key_name": "แอปแจ้งเหตุ"}


def test_it_answers_in_xml(client, org, road, api_key):
    response = post(client, org, pothole(api_key), fmt="xml")
    assert response.status_code == 201
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request.findtext("service_request_id") == Case.objects.get().tracking_code
    assert request.find("account_id") is not None
    assert request.find("token") is None


def test_without_contact_data_there_is_no_consent(client, org, road, api_key):
    data = {"api_key": api_key, "service_code": "road", "address_string": "ซอย 3 หมู่ 6"}
    assert post(client, org, data).status_code == 201
    case = Case.objects.get()
    assert case.consent_at is None
    assert case.reporter_name == case.reporter_email == case.reporter_phone == ""
    assert case.subject == "ถนนชำรุด"  # no description: the service names it
    assert case.latitude is None


def test_it_checks_and_keeps_the_attributes(client, org, information, api_key):
    data = {
        "api_key": api_key,
        "service_code": "information",
        "lat": "14.8",
        "long": "103.4",
        "attribute[information]": "งบประมาณโครงการถนน ปี 2566",
        "attribute[format]": "สำเนาเอกสาร",
        "attribute[copies]": "2",
        "attribute[needed_by]": "2026-12-31",
        "attribute[unknown]": "ignored",
    }
    assert post(client, org, data).status_code == 201
    case = Case.objects.get()
    assert case.kind == Case.Kind.ESERVICE
    assert case.form_data == {
        "source": "open311",
        "attributes": {
            "information": "งบประมาณโครงการถนน ปี 2566",
            "format": "สำเนาเอกสาร",
            "copies": "2",
            "needed_by": "2026-12-31",
        },
    }


def test_a_filed_request_can_be_read_back(client, org, road, api_key):
    [answer] = post(client, org, pothole(api_key)).json()
    code = answer["service_request_id"]
    [entry] = client.get(f"/{org.slug}/open311/v2/requests/{code}.json").json()
    assert entry["status"] == "open"
    assert entry["description"] == "หลุมหน้าวัด\nกว้างประมาณหนึ่งเมตร"
    assert entry["lat"] == 14.812346
    assert "สมหญิง" not in str(entry)
    assert client.get(f"/{org.slug}/open311/v2/tokens/{code}.json").json() == [
        {"service_request_id": code, "token": code}
    ]


def test_it_is_csrf_exempt(org, road, api_key):
    response = post(Client(enforce_csrf_checks=True), org, pothole(api_key))
    assert response.status_code == 201


@pytest.mark.parametrize("key", [None, "", "wrong-key"])
def test_it_needs_a_valid_key(client, org, road, api_key, key):
    data = pothole(key) if key is not None else pothole("")
    if key is None:
        del data["api_key"]
    response = post(client, org, data)
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": "api_key ไม่ถูกต้อง หรือไม่ได้ส่งมา"}]
    response = post(client, org, data, fmt="xml")
    assert response.status_code == 403
    error = ElementTree.fromstring(response.content).find("error")
    assert error.findtext("code") == "403"
    assert not Case.objects.exists()


def test_another_orgs_key_does_not_work(client, org, other_org, road, bob):
    _key, bobs_key = keys.issue_key(org=other_org, name="แอปของบ็อบ", actor=bob)
    assert post(client, org, pothole(bobs_key)).status_code == 403
    assert not Case.objects.exists()


def test_a_revoked_key_stops_working(client, org, road, api_key, alice):
    key = keys.active_key(org=org, raw=api_key)
    keys.revoke_key(key=key, actor=alice)
    assert post(client, org, pothole(api_key)).status_code == 403
    assert not Case.objects.exists()


def test_it_needs_a_service_code(client, org, road, api_key):
    response = post(client, org, pothole(api_key, service_code=""))
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": "กรุณาระบุ service_code"}]


@pytest.mark.parametrize("code", ["nope", "truck", "corruption", "inactive", "bobs"])
def test_it_handles_missing_and_hidden_services(client, org, other_org, api_key, code):
    ServiceFactory(org=org, code="truck", resource=ResourceFactory(org=org))
    ServiceFactory(org=org, code="corruption", kind=Service.Kind.CORRUPTION)
    ServiceFactory(org=org, code="inactive", is_active=False)
    ServiceFactory(org=other_org, code="bobs")
    response = post(client, org, pothole(api_key, service_code=code))
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": f"ไม่พบบริการ {code}"}]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"lat": "", "long": "", "address_string": ""},
            "กรุณาระบุตำแหน่ง: lat และ long หรือ address_string",
        ),
        ({"long": ""}, "ต้องส่งทั้ง lat และ long"),
        ({"lat": "north"}, "lat และ long ต้องเป็นตัวเลข"),
        ({"lat": "NaN"}, "lat และ long ต้องเป็นตัวเลข"),
        ({"lat": "95"}, "พิกัดไม่ถูกต้อง"),
        ({"long": "1e999"}, "พิกัดไม่ถูกต้อง"),
        ({"email": "not-an-email"}, "อีเมลไม่ถูกต้อง"),
        ({"description": "ก" * 4001}, "description ยาวเกิน 4000 ตัวอักษร"),
        ({"phone": "0" * 31}, "หมายเลขโทรศัพท์ยาวเกิน 30 ตัวอักษร"),
    ],
)
def test_bad_input_saves_nothing(client, org, road, api_key, changes, message):
    response = post(client, org, pothole(api_key, **changes))
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": message}]
    assert not Case.objects.exists()
    assert not AuditEvent.objects.filter(action="open311_request_filed").exists()


def attribute_data(api_key, **attributes):
    data = {"api_key": api_key, "service_code": "information", "address_string": "ที่ทำการ"}
    data.update({f"attribute[{code}]": value for code, value in attributes.items()})
    return data


@pytest.mark.parametrize(
    ("attributes", "messages"),
    [
        (
            {},
            [
                "กรุณาระบุ ข้อมูลที่ต้องการ (attribute[information])",
                "กรุณาระบุ รูปแบบที่ต้องการ (attribute[format])",
            ],
        ),
        (
            {"information": "งบ", "format": "โทรสาร"},
            ["รูปแบบที่ต้องการ (attribute[format]) ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ไฟล์อิเล็กทรอนิกส์, สำเนาเอกสาร"],
        ),
        (
            {"information": "งบ", "format": "สำเนาเอกสาร", "copies": "-1"},
            ["จำนวนชุด (attribute[copies]) ต้องเป็นตัวเลขไม่ติดลบ"],
        ),
        (
            {"information": "งบ", "format": "สำเนาเอกสาร", "needed_by": "31/12/2569"},
            ["ต้องการภายในวันที่ (attribute[needed_by]) ต้องเป็นวันที่ในรูปแบบ YYYY-MM-DD"],
        ),
        (
            {"information": "ก" * 5001, "format": "สำเนาเอกสาร"},
            ["ข้อมูลที่ต้องการ (attribute[information]) ยาวเกิน 5000 ตัวอักษร"],
        ),
    ],
)
def test_attributes_follow_the_definition(client, org, information, api_key, attributes, messages):
    response = post(client, org, attribute_data(api_key, **attributes))
    assert response.status_code == 400
    assert [e["description"] for e in response.json()] == messages
    assert {e["code"] for e in response.json()} == {400}
    assert not Case.objects.exists()


def test_all_problems_are_told_at_once_in_xml(client, org, information, api_key):
    data = attribute_data(api_key, format="โทรสาร")
    del data["address_string"]
    response = post(client, org, data, fmt="xml")
    assert response.status_code == 400
    errors = ElementTree.fromstring(response.content).findall("error")
    assert [e.findtext("description") for e in errors] == [
        "กรุณาระบุตำแหน่ง: lat และ long หรือ address_string",
        "กรุณาระบุ ข้อมูลที่ต้องการ (attribute[information])",
        "รูปแบบที่ต้องการ (attribute[format]) ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ไฟล์อิเล็กทรอนิกส์, สำเนาเอกสาร",
    ]
    assert {e.findtext("code") for e in errors} == {"400"}
    assert not Case.objects.exists()


def test_the_demo_key_files_for_the_demo_org(client, db):
    call_command("demo", verbosity=0)
    demo = Organization.objects.get(slug="prasat-thong")
    before = Case.objects.for_org(demo).count()
    data = {"api_key": "prasat-thong-demo-key", "service_code": "road", "address_string": "ม.6"}
    assert post(client, demo, data).status_code == 201
    assert Case.objects.for_org(demo).count() == before + 1
    ban_mai = Organization.objects.get(slug="ban-mai")
    assert post(client, ban_mai, data).status_code == 403
