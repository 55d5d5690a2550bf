"""Org admins keep their catalog: services with questions and manual, and resources."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from prongsai.eservices.models import Resource, Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.orgs.models import AuditEvent, Membership


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def service_post(**extra) -> dict:
    return {
        "name": "ขอรับน้ำดื่ม",
        "code": "drinking-water",
        "kind": "eservice",
        "time_limit_days": "3",
        "order": "0",
        "is_active": "on",
        **management("fields", 2),
        "fields-0-label": "จำนวนถัง",
        "fields-0-type": "number",
        "fields-0-required": "on",
        "fields-1-label": "เวลาที่สะดวก",
        "fields-1-type": "choice",
        "fields-1-choices": "เช้า\nบ่าย\n",
        **management("steps", 1),
        "steps-0-step": "ยื่นคำขอ",
        "steps-0-time": "5 นาที",
        **extra,
    }


def test_an_admin_adds_a_service_with_questions_and_manual(client, org, alice):
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/catalog/services/new/", service_post())
    assert response.status_code == 302
    service = Service.objects.get(org=org, code="drinking-water")
    assert service.form_fields == [
        {"name": "q1", "label": "จำนวนถัง", "type": "number", "required": True},
        {
            "name": "q2",
            "label": "เวลาที่สะดวก",
            "type": "choice",
            "required": False,
            "choices": ["เช้า", "บ่าย"],
        },
    ]
    assert service.manual_steps == [{"step": "ยื่นคำขอ", "time": "5 นาที"}]
    assert AuditEvent.objects.filter(action="service_created", target_id=str(service.pk)).exists()
    # The citizen's form asks the new questions at once.
    page = client.get(f"/{org.slug}/services/drinking-water/").content.decode()
    assert "จำนวนถัง" in page and "บ่าย" in page


def test_editing_keeps_the_names_answers_are_stored_under(client, org, alice):
    service = ServiceFactory(
        org=org,
        code="water",
        kind="eservice",
        form_fields=[{"name": "litres", "label": "ลิตร", "type": "number", "required": True}],
    )
    client.force_login(alice)
    data = service_post(code="water", **management("fields", 2, initial=1))
    data |= {"fields-0-name": "litres", "fields-0-label": "ปริมาณ (ลิตร)"}
    client.post(f"/{org.slug}/staff/catalog/services/water/", data)
    service.refresh_from_db()
    assert [f["name"] for f in service.form_fields] == ["litres", "q2"]
    assert service.form_fields[0]["label"] == "ปริมาณ (ลิตร)"


def test_a_choice_question_needs_choices_and_nothing_is_saved(client, org, alice):
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/catalog/services/new/", service_post(**{"fields-1-choices": ""})
    )
    assert "ต้องมีตัวเลือกอย่างน้อยหนึ่งตัว" in response.content.decode()
    assert not Service.objects.exists()


def test_a_code_is_unique_in_the_org(client, org, other_org, alice):
    ServiceFactory(org=org, code="drinking-water")
    ServiceFactory(org=other_org, code="taken-elsewhere")
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/catalog/services/new/", service_post())
    assert "รหัสบริการนี้มีอยู่แล้ว" in response.content.decode()
    ok = client.post(
        f"/{org.slug}/staff/catalog/services/new/", service_post(code="taken-elsewhere")
    )
    assert ok.status_code == 302


def test_only_the_orgs_admins_edit_it(client, org, other_org, make_member, bob):
    ServiceFactory(org=org, code="road")
    client.force_login(make_member(org, Membership.Role.OFFICER, "officer").user)
    assert client.get(f"/{org.slug}/staff/catalog/").status_code == 403
    client.force_login(bob)
    assert client.get(f"/{other_org.slug}/staff/catalog/services/road/").status_code == 404


def test_an_admin_adds_a_bookable_resource(client, org, alice):
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/catalog/resources/new/",
        {"name": "รถบรรทุกน้ำ", "kind": "vehicle", "is_active": "on"},
    )
    assert response.status_code == 302
    resource = Resource.objects.get(org=org)
    assert resource.name == "รถบรรทุกน้ำ"
    assert AuditEvent.objects.filter(action="resource_created").exists()


@pytest.mark.django_db
def test_the_demo_catalog_is_editable(client):
    call_command("demo", verbosity=0)
    client.force_login(get_user_model().objects.get(username="pt-admin"))
    page = client.get("/prasat-thong/staff/catalog/services/pickup-truck/").content.decode()
    assert "วัตถุประสงค์การใช้รถ" in page and "รถกระบะ อบต.ปราสาททอง" in page
