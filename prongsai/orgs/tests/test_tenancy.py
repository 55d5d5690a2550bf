"""Another org's objects answer 404, in views and in the API; staff areas stay apart."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.http import Http404
from PIL import Image

from prongsai.orgs import audit
from prongsai.orgs.models import Division, Membership, Organization
from prongsai.orgs.tenancy import get_for_org, get_org
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


def test_root_lists_active_orgs_only(client, org, other_org):
    other_org.is_active = False
    other_org.save()
    response = client.get("/")
    assert response.status_code == 200
    assert org.name_th in response.content.decode()
    assert other_org.name_th not in response.content.decode()


def test_org_home_shows_its_own_org(client, org, other_org):
    DivisionFactory(org=org, name="กองช่างของอลิซ")
    DivisionFactory(org=other_org, name="กองช่างของบ็อบ")
    body = client.get(f"/{org.slug}/").content.decode()
    assert org.name_th in body and "กองช่างของอลิซ" in body
    assert other_org.name_th not in body and "กองช่างของบ็อบ" not in body


@pytest.mark.django_db
def test_unknown_org_is_404(client):
    response = client.get("/no-such-org/")
    assert response.status_code == 404
    assert "ไม่พบ" in response.content.decode()


def test_inactive_org_is_404(client, org):
    org.is_active = False
    org.save()
    assert client.get(f"/{org.slug}/").status_code == 404
    with pytest.raises(Http404):
        get_org(org.slug)


def test_get_for_org_hides_other_orgs_objects(org, other_org):
    mine = DivisionFactory(org=org)
    theirs = DivisionFactory(org=other_org)
    assert get_for_org(Division.objects.all(), org, pk=mine.pk) == mine
    with pytest.raises(Http404):
        get_for_org(Division.objects.all(), org, pk=theirs.pk)


def test_api_lists_orgs(client, org, other_org):
    response = client.get("/api/v1/orgs/")
    assert response.status_code == 200
    assert {o["slug"] for o in response.json()} == {org.slug, other_org.slug}


def test_api_other_orgs_division_is_404(client, org, other_org):
    mine = DivisionFactory(org=org, name="กองคลัง")
    theirs = DivisionFactory(org=other_org, name="กองคลังของบ็อบ")
    ok = client.get(f"/api/v1/orgs/{org.slug}/divisions/{mine.pk}/")
    assert ok.status_code == 200 and ok.json()["name"] == "กองคลัง"
    response = client.get(f"/api/v1/orgs/{org.slug}/divisions/{theirs.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบข้อมูลนี้ในหน่วยงาน"}
    names = [d["name"] for d in client.get(f"/api/v1/orgs/{org.slug}/divisions/").json()]
    assert names == ["กองคลัง"]


@pytest.mark.django_db
def test_api_unknown_org_is_404_in_thai(client):
    response = client.get("/api/v1/orgs/no-such-org/")
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบหน่วยงานนี้"}


def test_staff_area_needs_login(client, org):
    response = client.get(f"/{org.slug}/staff/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_staff_of_another_org_is_refused(client, org, bob):
    client.force_login(bob)
    response = client.get(f"/{org.slug}/staff/")
    assert response.status_code == 403
    assert "ไม่ได้เป็นบุคลากรของหน่วยงานนี้" in response.content.decode()


def test_inactive_membership_is_refused(client, org, make_member):
    membership = make_member(org, Role.STAFF, "carol")
    membership.is_active = False
    membership.save()
    client.force_login(membership.user)
    assert client.get(f"/{org.slug}/staff/").status_code == 403


def test_member_sees_staff_dashboard(client, org, make_member):
    client.force_login(make_member(org, Role.STAFF, "carol").user)
    response = client.get(f"/{org.slug}/staff/")
    assert response.status_code == 200
    assert "บุคลากร" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "members_status", "audit_status"),
    [
        (Role.ADMIN, 200, 200),
        (Role.EXECUTIVE, 403, 200),
        (Role.OFFICER, 403, 403),
        (Role.STAFF, 403, 403),
    ],
)
def test_roles_decide_staff_pages(client, org, make_member, role, members_status, audit_status):
    client.force_login(make_member(org, role, "carol").user)
    assert client.get(f"/{org.slug}/staff/members/").status_code == members_status
    assert client.get(f"/{org.slug}/staff/audit/").status_code == audit_status


def test_audit_log_shows_only_own_org(client, org, other_org, alice, bob):
    audit.record(action="admin_change", actor=alice, target=DivisionFactory(org=org, name="ก"))
    audit.record(action="admin_change", actor=bob, target=DivisionFactory(org=other_org, name="ข"))
    client.force_login(alice)
    body = client.get(f"/{org.slug}/staff/audit/").content.decode()
    assert "alice" in body
    assert "bob" not in body


def test_reserved_slugs_are_refused():
    org = Organization(
        slug="api", name_th="x", short_name="x", kind=Organization.Kind.SAO, province="x"
    )
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "สงวนไว้สำหรับระบบ" in str(error.value)


def test_membership_cannot_point_into_another_org(org, other_org, alice):
    membership = Membership.objects.get(user=alice, org=org)
    membership.division = DivisionFactory(org=other_org)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "division" in error.value.message_dict


def test_org_logo_is_served_with_the_org(client, org, other_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = BytesIO()
    Image.new("RGB", (8, 8), "navy").save(image, "PNG")
    org.logo = SimpleUploadedFile("logo.png", image.getvalue(), content_type="image/png")
    org.full_clean()
    org.save()

    response = client.get(f"/{org.slug}/logo/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image.getvalue()
    assert f'src="/{org.slug}/logo/"' in client.get(f"/{org.slug}/").content.decode()
    assert client.get(f"/{other_org.slug}/logo/").status_code == 404


def test_a_logo_that_is_not_an_image_is_refused(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    form = modelform_factory(Organization, fields=["logo"])(
        files={"logo": SimpleUploadedFile("logo.png", b"<script>alert(1)</script>")},
        instance=org,
    )
    assert not form.is_valid()
    assert "logo" in form.errors
    assert not list(tmp_path.iterdir())
