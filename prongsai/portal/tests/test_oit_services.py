"""Adding, ordering and removing an org's own OIT evidence: checked, atomic and audited."""

import io
import random
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from prongsai.orgs import audit
from prongsai.orgs.models import AuditEvent
from prongsai.portal import documents, oit
from prongsai.portal.evidence import add_evidence, move_evidence, remove_evidence
from prongsai.portal.models import OitEvidence, Page

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The checks below read no fixture state, so sharing the function's fixtures is harmless.
UNSLOWED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def office(main_type: str, part: str, extra: dict[str, bytes] | None = None) -> bytes:
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/{part}" ContentType="{main_type}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(part, "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(**kwargs) -> bytes:
    return office(f"{WORD}.main+xml", "word/document.xml", **kwargs)


def xlsx() -> bytes:
    return office(f"{EXCEL}.main+xml", "xl/workbook.xml")


def upload(data: bytes, name: str = "file.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def add(org, **kwargs) -> OitEvidence:
    return add_evidence(org=org, fiscal_year=2566, item_code="O19", **kwargs)


def test_a_link_is_added_after_the_items_other_evidence_and_audited(org, alice):
    first = add(org, title=" แผนจัดซื้อ ", url="https://www.example.go.th/plan.pdf", actor=alice)
    second = add(org, title="ประกาศ", url="http://www.example.go.th/p", actor=alice)
    assert (first.title, first.order, second.order) == ("แผนจัดซื้อ", 0, 1)
    assert first.created_by == alice
    event = AuditEvent.objects.get(action="oit_evidence_added", target_id=str(first.pk))
    assert event.org == org and event.actor == alice
    assert event.detail == {"fiscal_year": 2566, "item": "O19", "source": "url"}


def test_a_pdf_is_stored_under_a_random_name(org, media):
    evidence = add(org, title="แผน", upload=upload(PDF, "แผน จัดซื้อ.pdf"))
    assert evidence.file.name.startswith(f"portal/{org.pk}/oit/2566/")
    assert evidence.file.name.endswith(".pdf") and "แผน" not in evidence.file.name
    assert (media / evidence.file.name).read_bytes() == PDF
    assert documents.content_type(evidence) == "application/pdf"


def test_a_photo_loses_its_exif(org, media):
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Secret camera"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    assert b"Secret camera" in buffer.getvalue()
    evidence = add(org, title="ภาพ", upload=upload(buffer.getvalue(), "x.pdf"))
    stored = (media / evidence.file.name).read_bytes()
    assert evidence.file.name.endswith(".jpg")
    assert b"Secret camera" not in stored
    assert documents.content_type(evidence) == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "kind", "suffix"),
    [(docx(), WORD, ".docx"), (xlsx(), EXCEL, ".xlsx")],
)
def test_word_and_excel_documents_are_accepted_by_content(org, data, kind, suffix):
    evidence = add(org, title="เอกสาร", upload=upload(data, "named-wrongly.pdf"))
    assert evidence.file.name.endswith(suffix)
    assert documents.content_type(evidence) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"PK\x03\x04 not really a zip",
        office("application/xml", "word/document.xml"),  # a zip, but not a document
        docx(extra={"word/vbaProject.bin": b"macro"}),
        office(f"{WORD}.main+xml", "word/other.xml"),  # declares a part it does not hold
        office("application/vnd.ms-word.document.macroEnabled.main+xml", "word/document.xml"),
    ],
    ids=["html", "broken-zip", "other-zip", "macro-part", "missing-part", "macro-enabled"],
)
def test_other_files_are_refused_and_nothing_is_stored(org, media, data):
    with pytest.raises(ValidationError) as error:
        add(org, title="เอกสาร", upload=upload(data, "report.docx"))
    assert "file" in error.value.message_dict
    assert "ไม่ใช่" in error.value.message_dict["file"][0]
    assert not OitEvidence.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


def test_a_zip_that_unpacks_to_too_much_is_refused(org, monkeypatch):
    monkeypatch.setattr(documents, "_MAX_UNPACKED", 1000)
    with pytest.raises(ValidationError):
        add(org, title="x", upload=upload(docx(extra={"word/big.xml": b"a" * 5000})))


def test_a_file_over_the_size_limit_is_refused(org, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        add(
            org, title="x", upload=upload(docx(extra={"pad.bin": random.Random(1).randbytes(3000)}))
        )
    assert "ใหญ่เกิน" in error.value.message_dict["file"][0]


@given(data=st.binary(max_size=2048))
@settings(max_examples=200, deadline=None, suppress_health_check=UNSLOWED)
def test_the_file_check_accepts_or_refuses_any_bytes_with_a_thai_message(data):
    try:
        clean = documents.clean(upload(data))
    except ValidationError as error:
        assert error.messages and all("ไฟล์" in m for m in error.messages)
    else:
        assert clean.content_type in documents.FILE_EXTENSIONS


@given(data=st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=UNSLOWED)
def test_a_damaged_document_is_refused_not_an_error(data):
    original = bytearray(docx())
    for _ in range(data.draw(st.integers(1, 8))):
        original[data.draw(st.integers(4, len(original) - 1))] = data.draw(st.integers(0, 255))
    try:
        clean = documents.clean(upload(bytes(original), "report.docx"))
    except ValidationError as error:
        assert "ไม่ใช่ PDF" in error.messages[0]
    else:
        assert clean.content_type == WORD


@given(
    names=st.lists(st.sampled_from(["[Content_Types].xml", "word/document.xml", "x.xml"])),
    types=st.binary(max_size=300),
)
@settings(max_examples=100, deadline=None, suppress_health_check=UNSLOWED)
def test_any_zip_is_a_document_only_with_its_declared_main_part(names, types):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in dict.fromkeys(names):
            archive.writestr(name, types if name == "[Content_Types].xml" else b"<x/>")
    kind = documents._office_type(buffer.getvalue())
    declared = "[Content_Types].xml" in names and f"{WORD}.main+xml".encode() in types
    assert (kind == WORD) == (
        declared and "word/document.xml" in names and b"macroEnabled" not in types
    )


def test_a_page_of_the_org_takes_its_title_by_default(org, other_org):
    page = Page.objects.create(org=org, slug="laws", title="กฎหมายที่เกี่ยวข้อง", is_published=True)
    evidence = add_evidence(org=org, fiscal_year=2566, item_code="O6", page=page)
    assert (evidence.title, evidence.page) == ("กฎหมายที่เกี่ยวข้อง", page)
    theirs = Page.objects.create(org=other_org, slug="laws", title="ของคนอื่น")
    with pytest.raises(ValidationError) as error:
        add_evidence(org=org, fiscal_year=2566, item_code="O6", page=theirs)
    assert "page" in error.value.message_dict


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "x"}, None),  # no source
        ({"title": "x", "url": "https://a.example/", "upload": upload(PDF)}, None),
        ({"url": "https://a.example/"}, "title"),
        ({"title": "x", "url": "javascript:alert(1)"}, "url"),
        ({"title": "x", "url": "ftp://a.example/f"}, "url"),
    ],
    ids=["nothing", "two-sources", "no-title", "javascript", "ftp"],
)
def test_bad_evidence_is_refused_with_a_thai_message(org, kwargs, field):
    with pytest.raises(ValidationError) as error:
        add(org, **kwargs)
    if field is None:
        assert error.value.messages == ["หลักฐานหนึ่งรายการต้องเป็นไฟล์ ลิงก์ หรือหน้าเว็บ อย่างใดอย่างหนึ่ง"]
    else:
        assert field in error.value.message_dict
    assert not OitEvidence.objects.exists()
    assert not AuditEvent.objects.filter(action="oit_evidence_added").exists()


def test_only_items_of_a_year_with_a_framework_take_evidence(org):
    with pytest.raises(ValidationError) as error:
        add_evidence(org=org, fiscal_year=2566, item_code="O99", title="x", url="https://a.b/")
    assert "ไม่มีข้อ O99" in error.value.message_dict["item_code"][0]
    with pytest.raises(ValidationError) as error:
        add_evidence(org=org, fiscal_year=2564, item_code="O1", title="x", url="https://a.b/")
    assert "2564" in error.value.messages[0]


def test_a_file_is_not_left_behind_when_the_row_fails(org, media, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr(audit, "record", fail)
    with pytest.raises(RuntimeError):
        add(org, title="แผน", upload=upload(PDF, "plan.pdf"))
    assert not OitEvidence.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


def titles(org) -> list[str]:
    rows = oit.evidence_of(org=org, fiscal_year=2566, item_code="O19").order_by("order", "pk")
    return list(rows.values_list("title", flat=True))


def test_moving_swaps_with_the_neighbour_and_stops_at_the_ends(org, alice):
    a, b, c = (add(org, title=t, url=f"https://a.example/{t}") for t in "abc")
    move_evidence(org=org, evidence=c, up=True, actor=alice)
    assert titles(org) == ["a", "c", "b"]
    move_evidence(org=org, evidence=a, up=True, actor=alice)  # already first
    move_evidence(org=org, evidence=b, up=False, actor=alice)  # already last
    assert titles(org) == ["a", "c", "b"]
    # Only the move that changed something is on the record.
    assert AuditEvent.objects.filter(action="oit_evidence_moved").count() == 1


def test_removing_deletes_the_row_the_file_and_audits(
    org, alice, media, django_capture_on_commit_callbacks
):
    evidence = add(org, title="แผน", upload=upload(PDF, "plan.pdf"))
    path = media / evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        remove_evidence(org=org, evidence=evidence, actor=alice)
    assert not OitEvidence.objects.exists()
    assert not path.exists()
    event = AuditEvent.objects.get(action="oit_evidence_removed")
    assert event.detail["title"] == "แผน" and event.detail["source"] == "file"


def test_another_orgs_evidence_cannot_be_moved_or_removed(org, other_org):
    theirs = add_evidence(
        org=other_org, fiscal_year=2566, item_code="O19", title="x", url="https://a.example/"
    )
    with pytest.raises(ValueError):
        move_evidence(org=org, evidence=theirs, up=True)
    with pytest.raises(ValueError):
        remove_evidence(org=org, evidence=theirs)
    assert OitEvidence.objects.filter(pk=theirs.pk).exists()
