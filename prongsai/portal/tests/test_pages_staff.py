"""Staff keep the org's pages: slug rule, one slug per org, audited, guarded when OIT uses them."""

import pytest
from django.core.exceptions import ValidationError

from prongsai.orgs.models import AuditEvent, Membership
from prongsai.portal import news
from prongsai.portal.models import OitEvidence, Page

Role = Membership.Role


def page_data(**extra) -> dict:
    return {
        "title": "ประวัติความเป็นมา",
        "slug": "history",
        "body": "<h1>ความเป็นมา</h1><div onclick='x()'>ตั้งขึ้นเมื่อ พ.ศ. 2540</div>",
        "is_published": "on",
        "in_menu": "on",
        "order": "1",
        **extra,
    }


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.ADMIN, 200), (Role.OFFICER, 200), (Role.EXECUTIVE, 403), (Role.STAFF, 403)],
)
def test_admins_and_officers_keep_pages(client, org, make_member, role, status):
    client.force_login(make_member(org, role, "someone").user)
    assert client.get("/alice-town/staff/pages/").status_code == status
    assert client.get("/alice-town/staff/pages/new/").status_code == status


def test_a_page_is_created_sanitised_and_audited(client, org, alice):
    client.force_login(alice)
    response = client.post("/alice-town/staff/pages/new/", page_data())
    page = Page.objects.get()
    assert response["Location"] == f"/alice-town/staff/pages/{page.pk}/"
    assert page.body == "<h2>ความเป็นมา</h2><div>ตั้งขึ้นเมื่อ พ.ศ. 2540</div>"
    assert page.is_published and page.in_menu and page.order == 1
    event = AuditEvent.objects.get(action="page_created")
    assert event.detail == {"slug": "history", "published": True}


def test_capitals_in_the_slug_are_made_small(client, org, alice):
    client.force_login(alice)
    client.post("/alice-town/staff/pages/new/", page_data(slug=" Laws-And-Rules "))
    assert Page.objects.get().slug == "laws-and-rules"


@pytest.mark.parametrize(
    "slug", ["ประวัติ", "about us", "a--b", "-history", "history-", "a_b", "a/b"]
)
def test_a_slug_outside_the_rule_is_explained_in_thai(client, org, alice, slug):
    client.force_login(alice)
    response = client.post("/alice-town/staff/pages/new/", page_data(slug=slug))
    assert response.status_code == 400
    message = response.context["form"].errors["slug"][0]
    assert "ตัวอักษรภาษาอังกฤษตัวเล็ก (a–z) ตัวเลข (0–9) และขีดกลาง (-)" in message
    assert not Page.objects.exists()


def test_a_slug_is_used_once_per_org(client, org, other_org, alice):
    Page.objects.create(org=other_org, slug="history", title="ของเขา")
    client.force_login(alice)
    assert client.post("/alice-town/staff/pages/new/", page_data()).status_code == 302
    response = client.post("/alice-town/staff/pages/new/", page_data(title="ซ้ำ"))
    assert response.status_code == 400
    assert "ใช้ชื่อ “history” แล้ว" in response.context["form"].errors["slug"][0]
    assert Page.objects.filter(org=org).count() == 1


def test_the_service_refuses_a_taken_slug_and_a_bad_one(org, alice):
    news.save_page(org=org, page=Page(org=org, slug="history", title="ก"), actor=alice)
    with pytest.raises(ValidationError) as error:
        news.save_page(org=org, page=Page(org=org, slug="history", title="ข"), actor=alice)
    assert "slug" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        news.save_page(org=org, page=Page(org=org, slug="ไม่ได้", title="ค"), actor=alice)
    assert "slug" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        news.save_page(org=org, page=Page(org=org, slug="ok", title=" "), actor=alice)
    assert error.value.message_dict["title"] == ["กรอกชื่อหน้า"]
    assert Page.objects.count() == 1


def test_editing_a_page(client, org, alice):
    page = Page.objects.create(org=org, slug="history", title="ประวัติ", is_published=False)
    client.force_login(alice)
    client.post(f"/alice-town/staff/pages/{page.pk}/", page_data(title="ประวัติใหม่"))
    page.refresh_from_db()
    assert page.title == "ประวัติใหม่" and page.is_published
    assert AuditEvent.objects.filter(action="page_changed").exists()


def test_preview_of_an_unpublished_page(client, org, alice):
    page = Page.objects.create(org=org, slug="draft-page", title="หน้ายังไม่เผยแพร่")
    client.force_login(alice)
    body = client.get(f"/alice-town/staff/pages/{page.pk}/preview/").content.decode()
    assert "หน้ายังไม่เผยแพร่" in body and "ยังไม่เผยแพร่ ประชาชนยังไม่เห็น" in body


def test_deleting_asks_first(client, org, alice):
    page = Page.objects.create(org=org, slug="old", title="หน้าเก่า")
    client.force_login(alice)
    assert "ลบถาวร" in client.get(f"/alice-town/staff/pages/{page.pk}/delete/").content.decode()
    assert Page.objects.exists()
    response = client.post(f"/alice-town/staff/pages/{page.pk}/delete/")
    assert response["Location"] == "/alice-town/staff/pages/"
    assert not Page.objects.exists()
    assert AuditEvent.objects.filter(action="page_deleted").exists()


def test_a_page_that_proves_an_oit_item_is_not_deleted(client, org, alice):
    page = Page.objects.create(org=org, slug="structure", title="โครงสร้าง", is_published=True)
    OitEvidence.objects.create(
        org=org, fiscal_year=2567, item_code="O1", title="โครงสร้างองค์กร", page=page
    )
    client.force_login(alice)
    confirm = client.get(f"/alice-town/staff/pages/{page.pk}/delete/").content.decode()
    assert "ปี 2567 ข้อ O1 โครงสร้างองค์กร" in confirm and "ลบถาวร" not in confirm
    response = client.post(f"/alice-town/staff/pages/{page.pk}/delete/")
    assert response.status_code == 400
    assert "หน้านี้ใช้เป็นหลักฐาน OIT อยู่" in response.content.decode()
    assert Page.objects.exists() and OitEvidence.objects.exists()


def test_another_orgs_pages_are_404(client, org, other_org, alice):
    theirs = Page.objects.create(org=other_org, slug="history", title="ของเขา")
    client.force_login(alice)
    for path in ("", "preview/", "delete/"):
        assert client.get(f"/alice-town/staff/pages/{theirs.pk}/{path}").status_code == 404
    assert client.post(f"/alice-town/staff/pages/{theirs.pk}/", page_data()).status_code == 404
    assert client.post(f"/alice-town/staff/pages/{theirs.pk}/delete/").status_code == 404
    assert Page.objects.get().title == "ของเขา"


def test_the_page_editor_gets_the_nonce(client, org, alice):
    client.force_login(alice)
    policy = client.get("/alice-town/staff/pages/new/")["Content-Security-Policy"]
    assert "'nonce-" in policy
    assert "nonce" not in client.get("/alice-town/staff/pages/")["Content-Security-Policy"]
