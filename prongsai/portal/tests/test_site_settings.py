"""The staff page where an org's admins edit its Site record: who may, what it checks, the audit."""

import pytest
from django.urls import reverse

from prongsai.orgs.audit import ACTION_LABELS
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.portal.models import Site

pytestmark = pytest.mark.django_db

Role = Membership.Role

VALID = {
    "intro": "อบต.อลิซดูแลประชาชน 9 หมู่บ้าน",
    "office_hours": "จันทร์–ศุกร์ 08.30–16.30 น.",
    "line_oa_url": "https://line.me/R/ti/p/@alicetown",
    "facebook_url": "https://www.facebook.com/alicetown",
    "youtube_url": "",
    "privacy_contact": "นางสาวข้อมูล ปลอดภัย โทร 044-111-223",
}


def url(org) -> str:
    return reverse("org:site_settings", args=[org.slug])


def test_anonymous_visitors_are_sent_to_sign_in(client, org):
    response = client.get(url(org))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.EXECUTIVE, Role.STAFF])
def test_only_the_org_s_admins_may_edit(client, org, make_member, role):
    client.force_login(make_member(org, role).user)
    assert client.get(url(org)).status_code == 403
    assert client.post(url(org), VALID).status_code == 403
    assert not Site.objects.exists()


def test_another_org_s_admin_may_not_edit(client, org, bob):
    client.force_login(bob)
    assert client.post(url(org), VALID).status_code == 403
    assert not Site.objects.exists()


def test_showing_the_form_saves_nothing(client, org, alice):
    client.force_login(alice)
    response = client.get(url(org))
    assert response.status_code == 200
    assert "ยังไม่ได้ตั้ง" in response.content.decode()  # the domain
    assert not Site.objects.exists()


def test_an_admin_saves_the_site_and_it_is_audited(client, org, alice):
    client.force_login(alice)
    response = client.post(url(org), VALID)
    assert response.status_code == 302 and response["Location"] == url(org)
    site = Site.objects.get(org=org)
    assert site.intro == VALID["intro"] and site.line_oa_url == VALID["line_oa_url"]
    event = AuditEvent.objects.get(action="site_settings_changed")
    assert event.org == org and event.actor == alice
    assert event.target_id == str(site.pk)
    assert event.detail["fields"] == sorted(k for k, v in VALID.items() if v)
    assert "site_settings_changed" in ACTION_LABELS
    assert "บันทึกข้อมูลเว็บไซต์แล้ว" in client.get(url(org)).content.decode()


def test_a_second_save_changes_the_same_record_and_audits_only_what_changed(client, org, alice):
    client.force_login(alice)
    client.post(url(org), VALID)
    client.post(url(org), {**VALID, "office_hours": "ทุกวัน 08.00–20.00 น."})
    assert Site.objects.get(org=org).office_hours == "ทุกวัน 08.00–20.00 น."
    last = AuditEvent.objects.filter(action="site_settings_changed").latest("pk")
    assert last.detail["fields"] == ["office_hours"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("line_oa_url", "https://example.com/line", "ลิงก์เพิ่มเพื่อนต้องเป็นของ LINE"),
        ("facebook_url", "https://notfacebook.com/page", "ลิงก์เพจต้องเป็นของ Facebook"),
        ("youtube_url", "https://vimeo.com/x", "ลิงก์ช่องต้องเป็นของ YouTube"),
        ("facebook_url", "เพจของเรา", "กรอกที่อยู่เว็บให้ครบ"),
    ],
)
def test_a_wrong_link_is_explained_in_thai_and_nothing_is_saved(
    client, org, alice, field, value, message
):
    client.force_login(alice)
    response = client.post(url(org), {**VALID, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Site.objects.exists()
    assert not AuditEvent.objects.filter(action="site_settings_changed").exists()


def test_a_link_typed_without_https_is_completed(client, org, alice):
    client.force_login(alice)
    client.post(url(org), {**VALID, "facebook_url": "www.facebook.com/alicetown"})
    assert Site.objects.get(org=org).facebook_url == "https://www.facebook.com/alicetown"


def test_the_domain_is_shown_but_cannot_be_changed_here(client, org, alice):
    org.domain = "www.alice.go.th"
    org.save()
    client.force_login(alice)
    assert "www.alice.go.th" in client.get(url(org)).content.decode()
    client.post(url(org), {**VALID, "domain": "evil.example.com"})
    org.refresh_from_db()
    assert org.domain == "www.alice.go.th"


def test_the_dashboard_links_admins_to_it(client, org, alice, make_member):
    dashboard = reverse("org:staff", args=[org.slug])
    client.force_login(alice)
    assert f'href="{url(org)}"' in client.get(dashboard).content.decode()
    client.force_login(make_member(org, Role.OFFICER).user)
    body = client.get(dashboard).content.decode()
    assert "เว็บไซต์ของหน่วยงาน" in body and f'href="{url(org)}"' not in body
