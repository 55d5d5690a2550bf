"""Hostile files through the real upload doors: refused in Thai with nothing saved, or defused.

Oversized files, decompression bombs (an image header claiming 50,000 × 50,000
pixels), zip bombs (a .docx inflating to hundreds of MB, or holding thousands
of parts), PDFs with scripts or files inside, SVG and GIF with scripts, and
polyglots: a JPEG that is also an HTML page or a ZIP is re-encoded, so the
stored bytes no longer carry the rest.
"""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox.models import Attachment, Case
from prongsai.messaging.line import conversation
from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.line.tests.fake_line import FakeLine, event, sign, webhook_body
from prongsai.portal.images import clean_news_image
from prongsai.portal.models import OitEvidence
from prongsai.surveys.projects import NewPhoto, clean_photos
from prongsai.tests.test_naughty_strings import THAI, form_errors

PAYLOAD = b"<script>window.__pwned=1</script>"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RATE_LIMIT_FACTOR = 1_000_000
    cache.clear()
    yield
    cache.clear()


def stored_files(settings) -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def image(fmt: str, size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, fmt)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header says it is `width` × `height` pixels."""
    data = bytearray(image("PNG"))
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(image("JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif_with_script() -> bytes:
    return image("GIF") + PAYLOAD


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bomb(megabytes: int = 210) -> bytes:
    """A .docx whose document part inflates to `megabytes` MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(block)
    return out.getvalue()


def docx_of_many_parts(count: int = 6000) -> bytes:
    members = {"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w:document/>"}
    members |= {f"word/media/p{n}.xml": b"" for n in range(count)}
    return zip_of(members)


def pdf(*body: bytes) -> bytes:
    return b"%PDF-1.7\n" + b"\n".join(body) + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>x</script></svg>'

# Each refused wherever a file is accepted, with the Thai word the message must hold.
REFUSED = {
    "png-bomb": (png_claiming(50_000, 50_000), "bomb.png", "พิกเซล"),
    "png-just-past-our-limit": (png_claiming(8000, 5001), "big.png", "พิกเซล"),
    "jpeg-bomb": (jpeg_claiming(50_000, 50_000), "bomb.jpg", "พิกเซล"),
    "gif-with-script": (gif_with_script(), "cat.gif", "ไม่ใช่"),
    "svg": (SVG, "logo.svg", "ไม่ใช่"),
    "html-named-jpg": (b"<html>" + PAYLOAD + b"</html>", "photo.jpg", "ไม่ใช่"),
    "pdf-javascript": (
        pdf(b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"),
        "plan.pdf",
        "สคริปต์",
    ),
    "pdf-escaped-name": (pdf(b"1 0 obj << /S /J#61vaScript /J#53 (x) >> endobj"), "a.pdf", "PDF"),
    "pdf-embedded-file": (
        pdf(b"1 0 obj << /Names << /EmbeddedFiles 2 0 R >> >> endobj"),
        "b.pdf",
        "PDF",
    ),
    "pdf-launch": (pdf(b"1 0 obj << /S /Launch /F (cmd.exe) >> endobj"), "c.pdf", "PDF"),
}
# Accepted, but what rides along after the picture is gone once it is re-encoded.
POLYGLOTS = {
    "jpeg+html": image("JPEG") + b"<html><body>" + PAYLOAD + b"</body></html>",
    "jpeg+zip": image("JPEG") + zip_of({"index.html": PAYLOAD}),
    "png+html": image("PNG") + PAYLOAD,
}


@pytest.fixture
def road(org):
    return ServiceFactory(org=org, code="road", name="ถนนชำรุด", kind=Service.Kind.COMPLAINT)


def complain(client, org, road, *files):
    return client.post(
        f"/{org.slug}/complain/",
        {"service": road.pk, "subject": "ถนนพัง", "text": "หลุมใหญ่", "photos": list(files)},
    )


def assert_refused(response, word: str) -> None:
    assert response.status_code == 200
    messages = form_errors(response)
    assert any(word in m for m in messages), messages
    assert all(THAI.search(m) for m in messages), messages


@pytest.mark.parametrize("name", REFUSED)
def test_the_complaint_form_refuses_it_and_keeps_nothing(client, org, road, settings, name):
    data, filename, word = REFUSED[name]
    good = SimpleUploadedFile("ok.jpg", image("JPEG"))
    response = complain(client, org, road, good, SimpleUploadedFile(filename, data))
    assert_refused(response, word)
    assert not Case.objects.exists() and not Attachment.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("name", POLYGLOTS)
def test_a_polyglot_is_stored_as_a_picture_only(client, org, alice, road, name):
    response = complain(client, org, road, SimpleUploadedFile("photo.jpg", POLYGLOTS[name]))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    stored = attachment.file.read()
    assert PAYLOAD not in stored and b"PK\x03\x04" not in stored
    Image.open(io.BytesIO(stored)).verify()
    client.force_login(alice)
    code = attachment.case.tracking_code
    served = client.get(f"/{org.slug}/staff/cases/{code}/files/{attachment.pk}/")
    assert served.status_code == 200
    assert "sandbox" in served["Content-Security-Policy"]
    assert served["X-Content-Type-Options"] == "nosniff"


def test_an_oversized_file_is_refused_by_its_size(client, org, road, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"\0" * (1024 * 1024))
    response = complain(client, org, road, big)
    assert_refused(response, "ใหญ่เกิน 1 MB")
    assert not Case.objects.exists() and stored_files(settings) == []


def test_an_e_service_file_field_refuses_it(client, org, settings):
    fields = [{"name": "plan", "label": "แบบแปลน", "type": "file", "required": True}]
    ServiceFactory(org=org, code="build", kind=Service.Kind.ESERVICE, form_fields=fields)
    for data, filename, word in REFUSED.values():
        response = client.post(
            f"/{org.slug}/services/build/",
            {
                "f_plan": SimpleUploadedFile(filename, data),
                "reporter_name": "นายช่าง",
                "reporter_phone": "0811112222",
                "consent": "on",
            },
        )
        assert_refused(response, word)
    assert not Case.objects.exists() and stored_files(settings) == []


@pytest.mark.parametrize("name", ["png-bomb", "jpeg-bomb", "html-named-jpg", "jpeg+html"])
def test_a_line_photo(client, org, settings, monkeypatch, name):
    fake = FakeLine()
    settings.LINE_API_BASE_URL = settings.LINE_DATA_API_BASE_URL = fake.url
    account = LineAccount(org=org, basic_id="@t")
    account.channel_secret, account.access_token = "secret", "token"
    account.save()
    ServiceFactory(org=org, code="road", kind=Service.Kind.COMPLAINT)
    data = POLYGLOTS.get(name) or REFUSED[name][0]
    monkeypatch.setattr(conversation.client, "message_content", lambda account, mid: data)
    try:
        for step in [
            event({"type": "text", "text": "แจ้งเรื่อง"}),
            event(kind="postback", postback={"data": "service=road"}),
            event({"type": "text", "text": "ถนนพัง"}),
            event({"type": "image", "contentProvider": {"type": "line"}}),
        ]:
            body = webhook_body(step)
            response = client.post(
                f"/{org.slug}/line/webhook/",
                body,
                content_type="application/json",
                HTTP_X_LINE_SIGNATURE=sign(body, "secret"),
            )
            assert response.status_code == 200
    finally:
        fake.close()
    case = Case.objects.get()
    if name in POLYGLOTS:
        assert PAYLOAD not in case.attachments.get().file.read()
    else:
        assert not case.attachments.exists() and stored_files(settings) == []


@pytest.mark.parametrize("name", ["png-bomb", "svg", "gif-with-script", "pdf-javascript"])
def test_news_images_and_project_photos_refuse_it(name):
    data, filename, word = REFUSED[name]
    with pytest.raises(ValidationError) as news:
        clean_news_image(SimpleUploadedFile(filename, data))
    with pytest.raises(ValidationError) as project:
        clean_photos([NewPhoto(upload=SimpleUploadedFile(filename, data), caption="")])
    for error in (news.value, project.value):
        assert any(word in m for m in error.messages), error.messages
        assert all(THAI.search(m) for m in error.messages), error.messages


OIT_REFUSED = {
    "docx-bomb": (docx_bomb(), "plan.docx"),
    "docx-many-parts": (docx_of_many_parts(), "plan.docx"),
    "docm-macros": (
        zip_of(
            {
                "[Content_Types].xml": DOCX_TYPES.replace(b"main+xml", b"macroEnabled.main+xml"),
                "word/document.xml": b"<w:document/>",
                "word/vbaProject.bin": b"Sub AutoOpen()",
            }
        ),
        "plan.docx",
    ),
    "zip-named-docx": (zip_of({"index.html": PAYLOAD}), "plan.docx"),
    "png-bomb": (png_claiming(50_000, 50_000), "plan.png"),
    "pdf-javascript": REFUSED["pdf-javascript"][:2],
}


@pytest.mark.parametrize("name", OIT_REFUSED)
def test_oit_evidence_refuses_it(client, org, alice, settings, name):
    data, filename = OIT_REFUSED[name]
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/oit/2566/items/O19/",
        {"kind": "file", "file-title": "แผน", "file-file": SimpleUploadedFile(filename, data)},
    )
    assert response.status_code == 200
    messages = form_errors(response)
    assert messages and all(THAI.search(m) for m in messages), messages
    assert not OitEvidence.objects.exists() and stored_files(settings) == []


@pytest.mark.parametrize(
    "data",
    [docx_bomb(), docx_of_many_parts(), zip_of({"index.html": PAYLOAD})],
    ids=["bomb", "many-parts", "not-a-docx"],
)
def test_the_ita_import_refuses_it(client, org, alice, data):
    client.force_login(alice)
    response = client.post(
        f"/{org.slug}/staff/ita/import/",
        {"file": SimpleUploadedFile("o43.docx", data), "fiscal_year": 2566},
    )
    assert response.status_code == 200
    messages = form_errors(response)
    assert messages and all(THAI.search(m) for m in messages), messages
    assert "ita_import" not in client.session


def test_a_plain_pdf_is_kept_even_if_its_binary_streams_spell_a_name(client, org, road):
    picture = b"2 0 obj << /Length 12 >> stream\n\x89/JS (x)\x00\xff\nendstream endobj"
    data = pdf(b"1 0 obj << /Type /Catalog >> endobj", picture)
    response = complain(client, org, road, SimpleUploadedFile("plan.pdf", data))
    assert response.status_code == 302
    assert Attachment.objects.get().file.read() == data
