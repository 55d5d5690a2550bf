"""Staff keep participation projects: all fields, villages, photos; every save all or nothing."""

import io
import os
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from prongsai.orgs.models import AuditEvent, Membership, Village
from prongsai.orgs.tests.factories import DivisionFactory
from prongsai.surveys.models import Project, ProjectPhoto
from prongsai.surveys.tests.factories import ProjectFactory

Role = Membership.Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def village6(org):
    return Village.objects.create(org=org, number=6, name="บ้านสามโคก")


def photo(name: str = "activity.jpg", fmt: str = "JPEG", gps: bool = True) -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    if gps:
        exif[ExifTags.Base.GPSInfo] = {1: "N", 2: (14.0, 52.0, 30.0), 3: "E", 4: (103.0, 30.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (80, 60), "green").save(out, fmt, exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def project_post(*villages, **extra) -> dict:
    return {
        "title": "โครงการคัดแยกขยะและบำบัดน้ำเสีย",
        "description": "อบรมการคัดแยกขยะในครัวเรือน",
        "starts_on": "2023-01-18",
        "ends_on": "2023-01-19",
        "villages": [str(v.pk) for v in villages],
        "budget": "25000",
        "participants": "60",
        "modes": ["planning", "implementing"],
        "outcome": "ครัวเรือนคัดแยกขยะ",
        "is_published": "on",
        **management("photos", 0),
        **management("new", 4),
        **extra,
    }


def test_an_officer_adds_a_project_with_villages_and_photos(client, org, make_member, village6):
    officer = make_member(org, Role.OFFICER, "officer").user
    division = DivisionFactory(org=org, name="สำนักปลัด")
    client.force_login(officer)
    data = project_post(
        village6,
        division=str(division.pk),
        **{
            "new-0-image": photo("a.jpg"),
            "new-0-caption": "อบรม",
            "new-1-image": photo("b.png", "PNG"),
        },
    )
    response = client.post(f"/{org.slug}/staff/projects/new/", data)
    assert response.status_code == 302
    project = Project.objects.get(org=org)
    assert project.fiscal_year == 2566
    assert list(project.villages.all()) == [village6]
    assert project.division == division
    assert project.modes == ["planning", "implementing"]
    assert project.budget == 25000 and project.participants == 60
    assert [(p.caption, p.order) for p in project.photos.all()] == [("อบรม", 0), ("", 1)]
    assert response["Location"] == f"/{org.slug}/staff/projects/{project.pk}/"
    assert AuditEvent.objects.filter(action="project_created", target_id=str(project.pk)).exists()
    assert AuditEvent.objects.filter(action="project_photos_added").count() == 1


def test_photos_lose_their_exif_and_position(client, org, alice):
    project = ProjectFactory(org=org)
    client.force_login(alice)
    client.post(
        f"/{org.slug}/staff/projects/{project.pk}/", project_post(**{"new-0-image": photo()})
    )
    stored = project.photos.get()
    data = stored.image.read()
    assert b"PhoneMaker" not in data
    assert dict(Image.open(io.BytesIO(data)).getexif()) == {}
    # Stored under a random name, never the uploader's.
    assert "activity" not in stored.image.name


def test_captions_order_and_removal_of_photos(
    client, org, alice, media, django_capture_on_commit_callbacks
):
    project = ProjectFactory(org=org)
    client.force_login(alice)
    client.post(
        f"/{org.slug}/staff/projects/{project.pk}/",
        project_post(**{"new-0-image": photo("a.jpg"), "new-1-image": photo("b.jpg")}),
    )
    first, second = project.photos.all()
    path = first.image.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{org.slug}/staff/projects/{project.pk}/",
            project_post(
                **management("photos", 2, 2),
                **{
                    "photos-0-id": str(first.pk),
                    "photos-0-caption": "",
                    "photos-0-order": "0",
                    "photos-0-DELETE": "on",
                    "photos-1-id": str(second.pk),
                    "photos-1-caption": "ชาวบ้านร่วมคัดแยกขยะ",
                    "photos-1-order": "5",
                },
            ),
        )
    assert response.status_code == 302
    assert [(p.pk, p.caption, p.order) for p in project.photos.all()] == [
        (second.pk, "ชาวบ้านร่วมคัดแยกขยะ", 5)
    ]
    assert not os.path.exists(path)
    assert AuditEvent.objects.filter(action="project_photo_removed").count() == 1
    assert AuditEvent.objects.filter(action="project_photos_changed").count() == 1


def test_a_photo_of_another_project_cannot_be_touched(client, org, alice):
    mine = ProjectFactory(org=org)
    other = ProjectFactory(org=org)
    theirs = ProjectPhoto.objects.create(project=other, image="x.jpg", caption="เดิม")
    client.force_login(alice)
    url = f"/{org.slug}/staff/projects/{mine.pk}/"
    row = {"photos-0-id": str(theirs.pk), "photos-0-caption": "แก้", "photos-0-order": "0"}
    response = client.post(url, project_post(**management("photos", 1, 1), **row))
    assert response.status_code == 400
    client.post(url, project_post(**management("photos", 1, 1), **row, **{"photos-0-DELETE": "on"}))
    theirs.refresh_from_db()
    assert theirs.caption == "เดิม"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_on": "2023-01-17"}, "ends_on", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"),
        ({"budget": "-1"}, "budget", "งบประมาณต้องไม่ติดลบ"),
        ({"participants": "-5"}, "participants", "จำนวนผู้เข้าร่วมต้องไม่ติดลบ"),
        ({"modes": ["bribery"]}, "modes", "ตัวเลือกนี้ไม่ถูกต้อง"),
    ],
)
def test_bad_input_saves_nothing(client, org, alice, media, change, field, message):
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/projects/new/",
        project_post(**change, **{"new-0-image": photo()}),
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Project.objects.exists()
    assert not ProjectPhoto.objects.exists()
    assert not any(media.rglob("*.jpg"))


def test_a_village_of_another_org_is_refused(client, org, other_org, alice, village6):
    theirs = Village.objects.create(org=other_org, number=7, name="บ้านอื่น")
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/projects/new/", project_post(village6, theirs))
    assert response.status_code == 400
    assert "เฉพาะหมู่บ้านในพื้นที่ของหน่วยงาน" in str(response.context["form"].errors["villages"])
    assert not Project.objects.exists()


def test_a_division_of_another_org_is_refused(client, org, other_org, alice):
    client.force_login(alice)
    theirs = DivisionFactory(org=other_org)
    response = client.post(
        f"/{org.slug}/staff/projects/new/", project_post(division=str(theirs.pk))
    )
    assert response.status_code == 400
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(lambda: pdf(), id="pdf"),
        pytest.param(
            lambda: SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>"), id="script"
        ),
    ],
)
def test_a_file_that_is_not_an_image_saves_nothing(client, org, alice, media, bad):
    project = ProjectFactory(org=org, title="เดิม")
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/projects/{project.pk}/",
        project_post(**{"new-0-image": photo("good.jpg"), "new-1-image": bad()}),
    )
    assert response.status_code == 400
    assert any("ไม่ใช่รูปภาพ" in str(error) for error in response.context["photo_errors"])
    assert "ไม่ใช่รูปภาพ" in response.content.decode()
    project.refresh_from_db()
    assert project.title == "เดิม"  # the project's fields were not saved either
    assert not ProjectPhoto.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))


def test_bob_cannot_see_or_edit_alices_project(client, org, bob):
    project = ProjectFactory(org=org, title="ของอลิซ")
    client.force_login(bob)
    # Bob is no member of alice's org at all.
    assert client.get(f"/{org.slug}/staff/projects/{project.pk}/").status_code == 403
    # Through his own org the project does not exist.
    assert client.get(f"/bob-town/staff/projects/{project.pk}/").status_code == 404
    response = client.post(f"/bob-town/staff/projects/{project.pk}/", project_post())
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.title == "ของอลิซ"


def test_another_orgs_photo_is_not_served_to_staff(client, org, other_org, bob):
    project = ProjectFactory(org=org)
    photo_row = ProjectPhoto.objects.create(project=project, image="x.jpg")
    client.force_login(bob)
    url = f"/bob-town/staff/projects/{project.pk}/photos/{photo_row.pk}/"
    assert client.get(url).status_code == 404


def test_plain_staff_may_not_open_projects(client, org, make_member):
    client.force_login(make_member(org, Role.STAFF, "clerk").user)
    project = ProjectFactory(org=org)
    assert client.get(f"/{org.slug}/staff/projects/").status_code == 403
    assert client.get(f"/{org.slug}/staff/projects/{project.pk}/").status_code == 403
    assert client.get(f"/{org.slug}/staff/projects/new/").status_code == 403


def test_executives_read_but_do_not_write(client, org, make_member):
    client.force_login(make_member(org, Role.EXECUTIVE, "boss").user)
    project = ProjectFactory(org=org, title="เดิม")
    assert client.get(f"/{org.slug}/staff/projects/").status_code == 200
    page = client.get(f"/{org.slug}/staff/projects/{project.pk}/")
    assert page.status_code == 200
    assert "บันทึกโครงการ" not in page.content.decode()
    assert client.get(f"/{org.slug}/staff/projects/new/").status_code == 403
    response = client.post(f"/{org.slug}/staff/projects/{project.pk}/", project_post(title="ใหม่"))
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title == "เดิม"


def test_the_staff_list_shows_one_fiscal_year(client, org, alice):
    ProjectFactory(org=org, title="โครงการปี 66", starts_on=date(2023, 1, 18))
    ProjectFactory(org=org, title="โครงการปี 67", starts_on=date(2023, 10, 5))
    ProjectFactory(org=org, title="ยังไม่เผยแพร่ปี 66", starts_on=date(2023, 2, 1), is_published=False)
    client.force_login(alice)
    page = client.get(f"/{org.slug}/staff/projects/?year=2566").content.decode()
    assert "โครงการปี 66" in page and "ยังไม่เผยแพร่ปี 66" in page
    assert "โครงการปี 67" not in page
    assert "?year=2567" in page


def test_a_bad_edit_shows_the_project_as_stored(client, org, alice):
    project = ProjectFactory(org=org, title="ชื่อเดิม")
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/projects/{project.pk}/",
        project_post(
            title="",
            starts_on="2023-01-30",
            ends_on="2023-01-01",
            budget="-5",
            **{"new-0-image": photo()},
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ชื่อเดิม" in page and "18 มกราคม 2566" in page
    assert "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in page
    assert "งบประมาณต้องไม่ติดลบ" in page
    assert "กรอกชื่อโครงการ" in page
    assert "ภาพที่เลือกไว้ยังไม่ได้บันทึก" in page
    assert not ProjectPhoto.objects.exists()
