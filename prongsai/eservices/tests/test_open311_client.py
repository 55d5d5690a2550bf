"""A real Open311 client from PyPI (georeport) against the live server and the demo.

georeport reads (services, definitions, requests) in JSON and XML but cannot
file; filing goes through `requests`, the HTTP library georeport itself uses.
"""

import pytest
import requests
from django.core.management import call_command
from georeport import GeoReport

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_KEY = "prasat-thong-demo-key"


@pytest.fixture
def root(live_server):
    call_command("demo", verbosity=0)
    return f"{live_server.url}/prasat-thong/open311/v2"


@pytest.fixture(params=["json", "xml"])
def client(request, root):
    return GeoReport(root, api_key=DEMO_KEY, output_format=request.param)


def test_the_client_reads_the_catalog(client):
    services = {s["service_code"]: s for s in client.get_service_list()}
    assert {"road", "street-light", "water", "information"} <= set(services)
    # Bookings need days Open311 cannot ask for; corruption complaints stay off third-party apps.
    assert not {"pickup-truck", "venue", "corruption"} & set(services)
    assert services["road"]["service_name"] == "ถนนชำรุด"
    assert str(services["information"]["metadata"]).lower() == "true"

    definition = client.get_service_definition("information")
    assert definition["service_code"] == "information"
    attributes = definition["attributes"]
    if client.output_format == "xml":
        attributes = attributes["attribute"]
    assert [a["code"] for a in attributes] == ["information", "format"]
    assert attributes[1]["datatype"] == "singlevaluelist"


def test_a_request_filed_by_open311_is_read_back_by_the_client(client, root):
    filed = requests.post(
        f"{root}/requests.json",
        data={
            "api_key": DEMO_KEY,
            "service_code": "road",
            "lat": "14.9012",
            "long": "103.4012",
            "address_string": "หน้าวัดบ้านสามโคก",
            "description": "หลุมลึกกลางถนน",
            "first_name": "สมหญิง",
            "phone": "081-234-5678",
        },
        timeout=10,
    )
    assert filed.status_code == 201
    code = filed.json()[0]["service_request_id"]

    request = client.get_service_request(code)
    assert request["service_request_id"] == code
    assert request["status"] == "open"
    assert request["service_code"] == "road"
    assert request["description"] == "หลุมลึกกลางถนน"
    assert request["agency_responsible"] == "กองช่าง"
    assert float(request["lat"]) == 14.9012
    assert "สมหญิง" not in str(request) and "081-234-5678" not in str(request)

    recent = client.get_service_requests(service_code="road", status="open")
    recent = recent if isinstance(recent, list) else [recent]
    assert code in [r["service_request_id"] for r in recent]


def test_the_client_reads_the_reported_quarter(client):
    # The O43 quarter of 2566 (Jan–Mar 2023), older than the default 90 days.
    found = client.get_service_requests(
        service_code="street-light",
        start_date="2023-01-01T00:00:00+07:00",
        end_date="2023-03-31T23:59:59+07:00",
    )
    assert len(found) == 4
    assert {r["status"] for r in found} == {"closed"}
    assert all(r["requested_datetime"].startswith("2023-") for r in found)
    recent = client.get_service_requests()
    assert recent
    assert not any(r["requested_datetime"].startswith("2023-") for r in recent)
