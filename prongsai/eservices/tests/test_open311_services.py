"""Open311 discovery, service list and service definitions, in JSON and XML."""

from xml.etree import ElementTree

import pytest

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ResourceFactory, ServiceFactory
from prongsai.orgs.tests.factories import DivisionFactory

FIELDS = [
    {"name": "destination", "label": "สถานที่ปลายทาง", "type": "text", "required": True},
    {"name": "purpose", "label": "วัตถุประสงค์", "type": "textarea"},
    {"name": "litres", "label": "ปริมาณน้ำ (ลิตร)", "type": "number", "required": True},
    {"name": "birth_date", "label": "วันเกิด", "type": "date", "required": False},
    {
        "name": "payment",
        "label": "ช่องทางรับเงิน",
        "type": "choice",
        "required": True,
        "choices": ["โอนเข้าบัญชี", "เงินสด"],
    },
    {"name": "photo", "label": "ภาพถ่าย", "type": "file"},
    {"name": "location", "label": "ตำแหน่งบ้าน", "type": "location", "required": True},
]


@pytest.fixture
def road(org):
    division = DivisionFactory(org=org, name="กองช่าง")
    return ServiceFactory(
        org=org,
        code="road",
        name="ถนนชำรุด",
        description="หลุม บ่อ ถนนทรุด",
        division=division,
        order=1,
    )


@pytest.fixture
def water(org):
    return ServiceFactory(
        org=org,
        code="water",
        name="ขอน้ำ",
        kind=Service.Kind.ESERVICE,
        form_fields=FIELDS,
        order=2,
    )


@pytest.fixture
def hidden(org, other_org):
    """Services Open311 must not show: inactive, bookable, corruption, another org's."""
    return {
        "inactive": ServiceFactory(org=org, code="inactive", is_active=False),
        "truck": ServiceFactory(org=org, code="truck", resource=ResourceFactory(org=org)),
        "corruption": ServiceFactory(org=org, code="corruption", kind=Service.Kind.CORRUPTION),
        "bobs": ServiceFactory(org=other_org, code="bobs"),
    }


def url(org, path):
    return f"/{org.slug}/open311/v2/{path}"


def xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.content)


def test_it_lists_the_active_catalog_in_json(client, org, road, water, hidden):
    response = client.get(url(org, "services.json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    services = response.json()
    assert [s["service_code"] for s in services] == ["road", "water"]
    assert services[0] == {
        "service_code": "road",
        "service_name": "ถนนชำรุด",
        "description": "หลุม บ่อ ถนนทรุด",
        "metadata": False,
        "type": "realtime",
        "keywords": "เรื่องร้องเรียน/ร้องทุกข์, กองช่าง",
        "group": "เรื่องร้องเรียน/ร้องทุกข์",
    }
    assert services[1]["metadata"] is True
    assert services[1]["group"] == "บริการออนไลน์ (E-Service)"


def test_it_lists_the_catalog_in_xml(client, org, road, water, hidden):
    root = xml(client.get(url(org, "services.xml")))
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == ["road", "water"]
    road_element = root.find("service")
    assert road_element.findtext("service_name") == "ถนนชำรุด"
    assert road_element.findtext("metadata") == "false"
    assert road_element.findtext("type") == "realtime"
    assert road_element.findtext("group") == "เรื่องร้องเรียน/ร้องทุกข์"
    assert root.findall("service")[1].findtext("metadata") == "true"


def test_the_definition_maps_form_fields_to_attributes(client, org, water):
    response = client.get(url(org, "services/water.json"))
    assert response.status_code == 200
    definition = response.json()
    assert definition["service_code"] == "water"
    attributes = definition["attributes"]
    # A file cannot travel by Open311, and the location is the request's lat/long.
    assert [(a["code"], a["datatype"], a["required"], a["order"]) for a in attributes] == [
        ("destination", "string", True, 1),
        ("purpose", "text", False, 2),
        ("litres", "number", True, 3),
        ("birth_date", "datetime", False, 4),
        ("payment", "singlevaluelist", True, 5),
    ]
    assert all(a["variable"] is True for a in attributes)
    assert attributes[0]["description"] == "สถานที่ปลายทาง"
    assert attributes[0]["datatype_description"] is None
    assert attributes[3]["datatype_description"] == "วันที่ในรูปแบบ YYYY-MM-DD"
    assert "values" not in attributes[0]
    assert attributes[4]["values"] == [
        {"key": "โอนเข้าบัญชี", "name": "โอนเข้าบัญชี"},
        {"key": "เงินสด", "name": "เงินสด"},
    ]


def test_the_definition_in_xml(client, org, water):
    root = xml(client.get(url(org, "services/water.xml")))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "water"
    attributes = root.find("attributes").findall("attribute")
    assert [a.findtext("code") for a in attributes] == [
        "destination",
        "purpose",
        "litres",
        "birth_date",
        "payment",
    ]
    payment = attributes[4]
    assert payment.findtext("datatype") == "singlevaluelist"
    assert payment.findtext("required") == "true"
    assert payment.findtext("order") == "5"
    assert [v.findtext("key") for v in payment.find("values").findall("value")] == [
        "โอนเข้าบัญชี",
        "เงินสด",
    ]
    assert attributes[0].find("datatype_description").text is None  # an empty element


def test_a_service_without_fields_has_an_empty_definition(client, org, road):
    assert client.get(url(org, "services/road.json")).json() == {
        "service_code": "road",
        "attributes": [],
    }


@pytest.mark.parametrize("code", ["nope", "inactive", "truck", "corruption", "bobs"])
def test_it_handles_missing_and_hidden_services(client, org, hidden, code):
    response = client.get(url(org, f"services/{code}.json"))
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": f"ไม่พบบริการ {code}"}]

    response = client.get(url(org, f"services/{code}.xml"))
    assert response.status_code == 404
    root = xml(response)
    assert root.tag == "errors"
    assert root.find("error").findtext("code") == "404"
    assert root.find("error").findtext("description") == f"ไม่พบบริการ {code}"


def test_the_other_org_sees_only_its_own_catalog(client, other_org, road, hidden):
    services = client.get(url(other_org, "services.json")).json()
    assert [s["service_code"] for s in services] == ["bobs"]


def test_discovery_points_at_the_orgs_endpoint(client, org):
    org.phone = "044-000000"
    org.save()
    document = client.get(url(org, "discovery.json")).json()
    assert document["contact"] == "อบต.อลิซ 044-000000"
    assert "อบต.อลิซ" in document["key_service"]
    [endpoint] = document["endpoints"]
    assert endpoint["url"] == "http://testserver/alice-town/open311/v2/"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["type"] == "production"


def test_discovery_in_xml_also_at_the_root(client, org):
    for path in ("discovery.xml", ""):
        root = xml(client.get(url(org, path)))
        assert root.tag == "discovery"
        endpoint = root.find("endpoints").find("endpoint")
        assert endpoint.findtext("url") == "http://testserver/alice-town/open311/v2/"
        formats = endpoint.find("formats").findall("format")
        assert [f.text for f in formats] == ["text/xml", "application/json"]


def test_an_unknown_org_or_format_is_404(client, org):
    assert client.get("/no-such-org/open311/v2/services.json").status_code == 404
    assert client.get(url(org, "services.html")).status_code == 404


def test_it_only_allows_get(client, org, road):
    assert client.post(url(org, "services.json")).status_code == 405
