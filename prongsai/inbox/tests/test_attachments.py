"""Uploads: checked by content, EXIF (and GPS) removed, served only with permission."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from prongsai.inbox import services
from prongsai.inbox.attachments import clean_upload
from prongsai.inbox.models import Attachment, Case
from prongsai.orgs.models import Membership


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo_with_gps(fmt: str = "JPEG") -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.GPSInfo] = {1: "N", 2: (14.0, 52.0, 30.0), 3: "E", 4: (103.0, 30.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(out, fmt, exif=exif)
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_and_gps_are_gone(fmt):
    original = photo_with_gps(fmt)
    assert Image.open(io.BytesIO(original)).getexif().get(ExifTags.Base.GPSInfo)
    clean = clean_upload(upload(original))
    image = Image.open(io.BytesIO(clean.data))
    assert image.size == (64, 48)
    assert dict(image.getexif()) == {}
    assert b"PhoneMaker" not in clean.data


def test_a_forged_image_is_refused():
    forged = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00<html><script>alert(1)</script></html>"
    with pytest.raises(ValidationError) as error:
        clean_upload(upload(forged, "photo.jpg"))
    assert "ไม่ใช่รูปภาพ" in str(error.value)


def test_a_script_named_like_an_image_is_refused():
    with pytest.raises(ValidationError):
        clean_upload(upload(b"<?php system($_GET['c']); ?>", "shell.png"))


def test_what_hides_behind_an_image_is_dropped():
    polyglot = photo_with_gps("PNG") + b"<script>alert(document.cookie)</script>"
    clean = clean_upload(upload(polyglot, "cute.png"))
    assert b"<script>" not in clean.data and clean.content_type == "image/png"


def test_a_decompression_bomb_is_refused():
    bomb = io.BytesIO()
    Image.new("1", (12000, 12000)).save(bomb, "PNG")  # 144 megapixels in a few kB
    assert len(bomb.getvalue()) < 200_000
    with pytest.raises(ValidationError):
        clean_upload(upload(bomb.getvalue(), "bomb.png"))


def test_pdf_is_kept_and_oversized_files_are_refused(settings):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert clean_upload(upload(pdf, "doc.pdf")).content_type == "application/pdf"
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        clean_upload(upload(b"%PDF-" + b"0" * 2000 + b"%%EOF", "big.pdf"))
    assert "ใหญ่เกิน" in str(error.value)


def test_one_bad_file_saves_nothing(org, road_service, media):
    files = [upload(photo_with_gps()), upload(b"not an image", "x.jpg")]
    with pytest.raises(ValidationError):
        services.submit_case(org=org, channel="web", service=road_service, subject="x", files=files)
    assert not Case.objects.exists() and not Attachment.objects.exists()
    assert not any(media.rglob("*.jpg"))


def test_files_are_stored_under_random_names_outside_static(org, road_service, media, settings):
    case = services.submit_case(
        org=org, channel="web", service=road_service, subject="x", files=[upload(photo_with_gps())]
    )
    attachment = case.attachments.get()
    assert attachment.original_name == "photo.jpg"
    path = attachment.file.path
    assert path.startswith(str(media)) and "photo" not in path
    assert not path.startswith(str(settings.STATIC_ROOT))


def test_staff_file_needs_permission_and_public_file_needs_to_be_public(
    client, org, other_org, road_service, officer, make_member
):
    case = services.submit_case(
        org=org, channel="web", service=road_service, subject="x", files=[upload(photo_with_gps())]
    )
    attachment = case.attachments.get()
    staff_url = f"/{org.slug}/staff/cases/{case.tracking_code}/files/{attachment.pk}/"
    public_url = f"/{org.slug}/track/{case.tracking_code}/files/{attachment.pk}/"

    assert client.get(staff_url).status_code == 302  # to the login page
    assert client.get(public_url).status_code == 404  # the reporter's own photo is not public

    client.force_login(make_member(other_org, Membership.Role.OFFICER, "stranger").user)
    assert client.get(staff_url).status_code == 403
    their_url = f"/{other_org.slug}/staff/cases/{case.tracking_code}/files/{attachment.pk}/"
    assert client.get(their_url).status_code == 404

    client.force_login(officer)
    response = client.get(staff_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "sandbox" in response["Content-Security-Policy"]
