"""The OIT pages: the public index and its files, and the staff pages that complete it."""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.ita.models import Plan
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.portal import oit
from prongsai.portal.evidence import add_evidence
from prongsai.portal.models import OitEvidence, Page

pytestmark = pytest.mark.django_db

Role = Membership.Role
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fresh(settings, tmp_path):
    # Cached pages are keyed by org id, which a new test database hands out again.
    cache.clear()
    settings.MEDIA_ROOT = tmp_path


def index_url(org, year=2566):
    return f"/{org.slug}/oit/{year}/"


def staff_url(org, year=2566, code=""):
    return f"/{org.slug}/staff/oit/{year}/" + (f"items/{code}/" if code else "")


def pdf_evidence(org, code="O19", title="แผนการจัดซื้อจัดจ้าง", year=2566):
    upload = SimpleUploadedFile("plan.pdf", PDF)
    return add_evidence(org=org, fiscal_year=year, item_code=code, title=title, upload=upload)


# The public index -----------------------------------------------------------------------------


def test_the_index_lists_every_item_with_an_anchor_and_its_links(client, org):
    pdf_evidence(org)
    Plan.objects.create(org=org, fiscal_year=2566, o42_published=True)
    response = client.get(index_url(org))
    body = response.content.decode()
    assert response.status_code == 200
    assert "ข้อมูลเปิดเผยต่อสาธารณะ (OIT) ปีงบประมาณ 2566" in body
    assert re.findall(r'<li class="oit-item" id="(O\d+)">', body) == [f"O{n}" for n in range(1, 44)]
    assert "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล" in body
    assert "ตัวชี้วัดที่ 10 การป้องกันการทุจริต" in body
    o19 = body[body.index('id="O19"') : body.index('id="O20"')]
    assert "แผนการจัดซื้อจัดจ้าง" in o19 and ">PDF<" in o19
    assert f'href="/{org.slug}/oit/2566/files/' in o19
    o42 = body[body.index('id="O42"') : body.index('id="O43"')]
    assert f'href="/{org.slug}/ita/plans/2566/o42/"' in o42
    # Items without evidence are listed, with no link and no word about what is missing.
    o13 = body[body.index('id="O13"') : body.index('id="O14"')]
    assert "oit-links" not in o13
    assert "ยังไม่มีหลักฐาน" not in body and "missing" not in body


def test_the_index_sets_no_cookie_and_is_served_from_the_cache(
    client, org, django_assert_num_queries
):
    first = client.get(index_url(org))
    assert first.cookies == {}
    assert "csrfmiddlewaretoken" not in first.content.decode()
    with django_assert_num_queries(0):  # the org and the page both come from the cache
        second = client.get(index_url(org))
    assert second.content == first.content
    # Adding evidence starts a new generation: the next visitor sees it.
    pdf_evidence(org, code="O4", title="แผนพัฒนาท้องถิ่น")
    assert "แผนพัฒนาท้องถิ่น" in client.get(index_url(org)).content.decode()


def test_the_year_switcher_links_the_years_with_a_framework(client, org):
    body = client.get(index_url(org, 2567)).content.decode()
    for year in (2565, 2566, 2568, 2569):
        assert f'href="/{org.slug}/oit/{year}/"' in body
    assert f'<a href="/{org.slug}/oit/2567/" aria-current="page">2567</a>' in body


def test_a_year_without_a_framework_is_a_404_that_says_why(client, org):
    response = client.get(index_url(org, 2564))
    body = response.content.decode()
    assert response.status_code == 404
    assert "ยังไม่มีกรอบการประเมิน ITA ของปีงบประมาณ 2564" in body
    assert f'href="/{org.slug}/oit/2566/"' in body


@pytest.mark.parametrize("year", [1999, 2499, 2701, 99999])
def test_years_outside_the_buddhist_era_range_are_404(client, org, alice, year):
    assert client.get(index_url(org, year)).status_code == 404
    assert client.get(f"/{org.slug}/oit/{year}/files/1/").status_code == 404
    client.force_login(alice)
    assert client.get(staff_url(org, year)).status_code == 404


def test_oit_without_a_year_goes_to_the_current_one(client, org, alice):
    response = client.get(f"/{org.slug}/oit/")
    assert response.status_code == 302
    assert response["Location"] == f"/{org.slug}/oit/{oit.current_year()}/"
    client.force_login(alice)
    response = client.get(f"/{org.slug}/staff/oit/")
    assert response["Location"] == f"/{org.slug}/staff/oit/{oit.current_year()}/"


# Files ----------------------------------------------------------------------------------------


def test_a_file_is_served_to_anyone_as_a_sandboxed_download(client, org):
    evidence = pdf_evidence(org)
    response = client.get(f"/{org.slug}/oit/2566/files/{evidence.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_answers_only_under_its_own_org_and_year(client, org, other_org):
    evidence = pdf_evidence(org)
    link = OitEvidence.objects.create(
        org=org, fiscal_year=2566, item_code="O20", title="ลิงก์", url="https://a.example/"
    )
    assert client.get(f"/{other_org.slug}/oit/2566/files/{evidence.pk}/").status_code == 404
    assert client.get(f"/{org.slug}/oit/2567/files/{evidence.pk}/").status_code == 404
    assert client.get(f"/{org.slug}/oit/2566/files/{link.pk}/").status_code == 404
    assert client.get(f"/{org.slug}/oit/2566/files/{evidence.pk + 99}/").status_code == 404


def test_a_file_gone_from_storage_is_a_404(client, org):
    evidence = pdf_evidence(org)
    evidence.file.storage.delete(evidence.file.name)
    assert client.get(f"/{org.slug}/oit/2566/files/{evidence.pk}/").status_code == 404


# Staff ----------------------------------------------------------------------------------------


def test_staff_pages_need_a_member_with_the_right_role(client, org, make_member):
    response = client.get(staff_url(org))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    staff = make_member(org, Role.STAFF).user
    client.force_login(staff)
    assert client.get(staff_url(org)).status_code == 403
    executive = make_member(org, Role.EXECUTIVE).user
    client.force_login(executive)
    assert client.get(staff_url(org)).status_code == 200
    assert client.get(staff_url(org, code="O19")).status_code == 403


def test_staff_see_the_status_of_each_item_and_can_list_only_the_missing(client, org, alice):
    pdf_evidence(org)
    client.force_login(alice)
    response = client.get(staff_url(org))
    body = response.content.decode()
    index = oit.oit_index(org=org, framework=oit.framework_for(fiscal_year=2566))
    assert response["Cache-Control"] == "private, no-store"
    assert f"เฉพาะข้อที่ยังไม่มีหลักฐาน ({index.missing_count})" in body
    o19 = body[body.index('id="O19"') : body.index('id="O20"')]
    assert "มีหลักฐานแล้ว" in o19 and "จัดการหลักฐาน" in o19
    o13 = body[body.index('id="O13"') : body.index('id="O14"')]
    assert "ยังไม่มีหลักฐาน" in o13 and "oit-item--missing" in o13
    missing = client.get(staff_url(org), {"missing": "1"}).content.decode()
    shown = re.findall(r'id="(O\d+)"', missing)
    assert shown == [item.code for item in index.items if item.is_missing]
    assert "O19" not in shown


def test_a_generated_page_that_holds_nothing_tells_staff_why(client, org, alice):
    Plan.objects.create(org=org, fiscal_year=2566)
    client.force_login(alice)
    body = client.get(staff_url(org)).content.decode()
    o42 = body[body.index('id="O42"') : body.index('id="O43"')]
    assert "ยังไม่ได้เผยแพร่แผนมาตรการ (O42) ของปีงบประมาณนี้" in o42


def test_an_officer_adds_a_link(client, org, make_member):
    officer = make_member(org, Role.OFFICER).user
    client.force_login(officer)
    page = client.get(staff_url(org, code="O13"))
    assert page.status_code == 200
    response = client.post(
        staff_url(org, code="O13"),
        {"kind": "link", "link-title": "รายงานผลการดำเนินงาน", "link-url": "www.example.go.th/r"},
    )
    assert response.status_code == 302
    assert response["Location"] == staff_url(org, code="O13") + "#evidence"
    evidence = OitEvidence.objects.get()
    assert (evidence.org, evidence.fiscal_year, evidence.item_code) == (org, 2566, "O13")
    assert evidence.url == "https://www.example.go.th/r"
    assert evidence.created_by == officer
    assert AuditEvent.objects.filter(action="oit_evidence_added", actor=officer).exists()
    followed = client.get(response["Location"]).content.decode()
    assert "เพิ่มหลักฐาน “รายงานผลการดำเนินงาน” ในข้อ O13 แล้ว" in followed


def test_an_admin_uploads_a_file_and_adds_a_page(client, org, alice):
    page = Page.objects.create(org=org, slug="structure", title="โครงสร้าง", is_published=True)
    client.force_login(alice)
    upload = SimpleUploadedFile("plan.pdf", PDF)
    client.post(
        staff_url(org, code="O19"), {"kind": "file", "file-title": "แผน", "file-file": upload}
    )
    client.post(staff_url(org, code="O1"), {"kind": "page", "page-page": page.pk})
    assert sorted(OitEvidence.objects.values_list("item_code", "title")) == [
        ("O1", "โครงสร้าง"),
        ("O19", "แผน"),
    ]


def test_bad_input_shows_thai_errors_on_the_form_and_saves_nothing(client, org, alice, other_org):
    theirs = Page.objects.create(org=other_org, slug="laws", title="ของคนอื่น")
    client.force_login(alice)
    cases = [
        ({"kind": "link", "link-title": "", "link-url": "javascript:alert(1)"}, "ลิงก์ไม่ถูกต้อง"),
        (
            {"kind": "file", "file-title": "x", "file-file": SimpleUploadedFile("a.pdf", b"<h1>")},
            "ไม่ใช่ PDF รูปภาพ",
        ),
        ({"kind": "page", "page-page": theirs.pk}, "เลือกได้เฉพาะหน้าเว็บของหน่วยงาน"),
        ({"kind": "video"}, "ไม่รู้จักชนิดหลักฐานที่ส่งมา"),
    ]
    for data, message in cases:
        response = client.post(staff_url(org, code="O19"), data)
        assert response.status_code == 200
        assert message in response.content.decode(), data
    assert not OitEvidence.objects.exists()


def test_an_item_not_in_the_years_framework_is_404(client, org, alice):
    client.force_login(alice)
    assert client.get(staff_url(org, code="O44")).status_code == 404
    response = client.get(staff_url(org, year=2564, code="O1"))
    assert response.status_code == 404
    assert "ยังไม่มีกรอบการประเมิน ITA ของปีงบประมาณ 2564" in response.content.decode()


def test_staff_reorder_and_delete_after_confirming(client, org, alice):
    first = pdf_evidence(org, title="ก")
    second = pdf_evidence(org, title="ข")
    client.force_login(alice)
    item_page = client.get(staff_url(org, code="O19")).content.decode()
    assert "ยืนยันการลบ" in item_page  # the delete button sits behind a disclosure
    response = client.post(
        f"/{org.slug}/staff/oit/2566/evidence/{second.pk}/move/", {"direction": "up"}
    )
    assert response["Location"] == staff_url(org, code="O19") + "#evidence"
    assert list(oit.evidence_of(org=org, fiscal_year=2566).order_by("order")) == [second, first]
    client.post(f"/{org.slug}/staff/oit/2566/evidence/{first.pk}/delete/")
    assert list(OitEvidence.objects.all()) == [second]
    assert client.get(f"/{org.slug}/staff/oit/2566/evidence/{second.pk}/delete/").status_code == 405


def test_another_orgs_evidence_is_404_on_every_staff_route(client, org, alice, other_org):
    theirs = pdf_evidence(other_org)
    client.force_login(alice)
    for action in ("move", "delete"):
        url = f"/{org.slug}/staff/oit/2566/evidence/{theirs.pk}/{action}/"
        assert client.post(url, {"direction": "up"}).status_code == 404
    # Nor can alice reach it through bob's org, where she is no member.
    url = f"/{other_org.slug}/staff/oit/2566/evidence/{theirs.pk}/delete/"
    assert client.post(url).status_code == 403
    assert OitEvidence.objects.filter(pk=theirs.pk).exists()
    # On the public side too, under alice's org it does not exist.
    assert client.get(f"/{org.slug}/oit/2566/files/{theirs.pk}/").status_code == 404
