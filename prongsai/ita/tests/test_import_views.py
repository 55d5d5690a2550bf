"""The staff upload page: choose a file, check the preview, save; only admins and officers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.ita.import_views import SESSION_KEY
from prongsai.ita.importing import MAX_FILE_SIZE
from prongsai.ita.models import Measure, Plan, Step
from prongsai.ita.tests.test_import_formats import render_docx
from prongsai.ita.tests.test_import_reference import REFERENCE
from prongsai.orgs.models import AuditEvent, Membership

Role = Membership.Role


def upload_url(org):
    return reverse("org:ita_import", args=[org.slug])


def preview_url(org):
    return reverse("org:ita_import_preview", args=[org.slug])


def reference_file(name="o43.txt"):
    return SimpleUploadedFile(name, REFERENCE.read_bytes(), content_type="text/plain")


def counts():
    return Plan.objects.count(), Measure.objects.count(), Step.objects.count()


def upload(client, org, file, year=2566):
    return client.post(upload_url(org), {"file": file, "fiscal_year": year})


def test_it_shows_the_upload_form(client, org, alice):
    client.force_login(alice)
    response = client.get(upload_url(org))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert 'accept=".txt,.tsv,.html,.htm,.docx"' in response.text


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OFFICER])
def test_admins_and_officers_may_import(client, org, make_member, role):
    client.force_login(make_member(org, role).user)
    response = upload(client, org, reference_file())
    assert response.status_code == 302
    assert response.url == preview_url(org)


@pytest.mark.parametrize("role", [Role.EXECUTIVE, Role.STAFF])
def test_executives_and_staff_may_not(client, org, make_member, role):
    client.force_login(make_member(org, role).user)
    assert client.get(upload_url(org)).status_code == 403
    assert upload(client, org, reference_file()).status_code == 403
    assert client.post(preview_url(org), {"token": "x"}).status_code == 403
    assert counts() == (0, 0, 0)


def test_anonymous_users_are_sent_to_login(client, org):
    response = client.get(upload_url(org))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_preview_shows_the_parsed_table_and_writes_nothing(client, org, alice):
    client.force_login(alice)
    upload(client, org, reference_file())
    response = client.get(preview_url(org))
    assert response.status_code == 200
    page = response.text
    assert "การใช้ทรัพย์สินของทางราชการ" in page
    assert "สํารวจความพึงพอใจประชาชนใน การร่วมกิจกรรม" in page
    assert "6 มาตรการ 12 วิธีการ" in page
    assert "มี.ค.-เม.ย. ๖๖" in page
    assert counts() == (0, 0, 0)


def test_confirming_saves_the_plan_from_the_stored_file(client, org, alice):
    client.force_login(alice)
    upload(client, org, reference_file())
    token = client.session[SESSION_KEY]["token"]
    response = client.post(preview_url(org), {"token": token})
    assert response.status_code == 302
    assert response.url == reverse("org:ita_plan", args=[org.slug, 2566])
    assert counts() == (1, 6, 12)
    assert SESSION_KEY not in client.session
    event = AuditEvent.objects.get(action="plan_imported")
    assert (event.actor, event.org, event.detail["file"]) == (alice, org, "o43.txt")


def test_a_stale_token_saves_nothing(client, org, alice):
    client.force_login(alice)
    upload(client, org, reference_file())
    response = client.post(preview_url(org), {"token": "from-another-tab"})
    assert response.status_code == 302
    assert counts() == (0, 0, 0)


def test_confirm_without_a_pending_file_goes_back_to_the_upload(client, org, alice):
    client.force_login(alice)
    response = client.post(preview_url(org), {"token": "x"})
    assert response.status_code == 302
    assert response.url == upload_url(org)
    assert counts() == (0, 0, 0)


def test_an_existing_plan_needs_the_replace_box(client, org, alice):
    client.force_login(alice)
    upload(client, org, reference_file())
    client.post(preview_url(org), {"token": client.session[SESSION_KEY]["token"]})
    upload(client, org, reference_file())
    token = client.session[SESSION_KEY]["token"]
    response = client.post(preview_url(org), {"token": token})
    assert response.status_code == 200
    assert "ยืนยันการแทนที่" in response.text
    assert AuditEvent.objects.filter(action="plan_imported").count() == 1
    response = client.post(preview_url(org), {"token": token, "replace": "on"})
    assert response.status_code == 302
    assert counts() == (1, 6, 12)
    assert AuditEvent.objects.filter(action="plan_imported").count() == 2


def test_another_orgs_admin_cannot_touch_this_org(client, org, other_org, alice, bob):
    client.force_login(bob)
    assert client.get(upload_url(org)).status_code == 403
    assert upload(client, org, reference_file()).status_code == 403
    # Bob's own pending upload cannot be confirmed into alice's org either.
    upload(client, other_org, reference_file())
    token = client.session[SESSION_KEY]["token"]
    assert client.post(preview_url(org), {"token": token}).status_code == 403
    assert not Plan.objects.filter(org=org).exists()


def test_a_pending_file_belongs_to_the_org_it_was_uploaded_in(client, org, other_org, make_member):
    user = make_member(org, Role.ADMIN).user
    Membership.objects.create(org=other_org, user=user, role=Role.ADMIN)
    client.force_login(user)
    upload(client, org, reference_file())
    token = client.session[SESSION_KEY]["token"]
    response = client.post(preview_url(other_org), {"token": token})
    assert response.status_code == 302
    assert response.url == upload_url(other_org)
    assert counts() == (0, 0, 0)


def test_a_broken_file_shows_the_row_and_stores_nothing(client, org, alice):
    client.force_login(alice)
    data = REFERENCE.read_bytes().replace("มี.ค.-เม.ย. ๖๖".encode(), "เร็ว ๆ นี้".encode())
    response = upload(client, org, SimpleUploadedFile("o43.txt", data))
    assert response.status_code == 200
    assert "บรรทัดที่ 9: ระยะเวลาดำเนินการ" in response.text
    assert "ยังไม่ได้บันทึกข้อมูลใด ๆ" in response.text
    assert SESSION_KEY not in client.session
    assert counts() == (0, 0, 0)


def test_it_refuses_files_over_the_size_limit(client, org, alice):
    client.force_login(alice)
    big = SimpleUploadedFile("big.txt", b"a" * (MAX_FILE_SIZE + 1))
    response = upload(client, org, big)
    assert response.status_code == 200
    assert "ไฟล์ใหญ่เกิน 5 MB" in response.text
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "รับเฉพาะไฟล์"),
        ("report.docx", b"plain text, not a zip", "ไม่ใช่ไฟล์ Word"),
        ("report.txt", b"\x00\x01\x02\x03" * 100, "อ่านไฟล์นี้เป็นข้อความไม่ได้"),
    ],
)
def test_it_checks_the_kind_of_file_by_its_content(client, org, alice, name, data, message):
    client.force_login(alice)
    response = upload(client, org, SimpleUploadedFile(name, data))
    assert response.status_code == 200
    assert message in response.text
    assert counts() == (0, 0, 0)


def test_it_imports_a_docx(client, org, alice):
    client.force_login(alice)
    rows = [[["๑. มาตรการ (OIT)"], ["วิธีการ"], ["-กองคลัง"], ["ม.ค.-มี.ค. ๖๖"], ["ผล"], []]]
    data = render_docx("ชื่อ", "บทนำ", [rows])
    upload(client, org, SimpleUploadedFile("plan.docx", data))
    response = client.get(preview_url(org))
    assert "วิธีการ" in response.text and "OIT" in response.text
    client.post(preview_url(org), {"token": client.session[SESSION_KEY]["token"]})
    assert counts() == (1, 1, 1)


def test_the_year_must_be_a_buddhist_era_year(client, org, alice):
    client.force_login(alice)
    response = upload(client, org, reference_file(), year=2023)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_preview_escapes_the_files_text(client, org, alice):
    client.force_login(alice)
    header = "มาตรการ/แนวทาง\tวิธีการดำเนินการ\tผู้รับผิดชอบ\tระยะเวลาดำเนินการ\tผลการดำเนินการ\tข้อเสนอแนะ"
    body = "<p>๑. &lt;script&gt;alert(1)&lt;/script&gt; (IIT)</p>\t<p>วิธี &lt;b&gt;</p>\t\t\t\t"
    upload(client, org, SimpleUploadedFile("x.txt", f"{header}\n{body}\n".encode()))
    page = client.get(preview_url(org)).text
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_an_empty_file_is_refused(client, org, alice):
    client.force_login(alice)
    empty = SimpleUploadedFile("empty.txt", b"")
    response = client.post(upload_url(org), {"file": empty, "fiscal_year": 2566})
    assert response.status_code == 200
    assert counts() == (0, 0, 0)
