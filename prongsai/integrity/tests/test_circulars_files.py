"""Files of a circular: PDFs and images only, served to those who may read the circular."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from prongsai.integrity import circulars
from prongsai.integrity.models import Circular, CircularFile
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf(name="มาตรการ.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")


def png(name="poster.png"):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), "image/png")


@pytest.fixture
def finance(org):
    return DivisionFactory(org=org, name="กองคลัง")


@pytest.fixture
def circular(org, alice, finance):
    return circulars.send_circular(
        org=org,
        title="มาตรการป้องกันการทุจริต",
        text="โปรดทราบ",
        divisions=[finance],
        files=[pdf(), png()],
        actor=alice,
    )


def file_url(org, circular, item):
    return reverse("org:circular_file", args=[org.slug, circular.pk, item.pk])


def test_files_are_kept_with_their_type(circular, media):
    kinds = sorted(circular.files.values_list("content_type", flat=True))
    assert kinds == ["application/pdf", "image/png"]
    assert len(list(media.rglob("*.*"))) == 2


def test_a_recipient_and_the_sender_get_the_file(
    client, org, alice, make_member, finance, circular
):
    clerk = make_member(org, Role.STAFF, "clerk", division=finance).user
    item = circular.files.get(content_type="application/pdf")
    for user in (clerk, alice):
        client.force_login(user)
        response = client.get(file_url(org, circular, item))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
        assert response["Cache-Control"] == "private, no-store"


def test_staff_outside_the_divisions_do_not_get_the_file(client, org, make_member, circular):
    builder = make_member(org, Role.OFFICER, "builder", division=DivisionFactory(org=org)).user
    client.force_login(builder)
    item = circular.files.first()
    assert client.get(file_url(org, circular, item)).status_code == 404


def test_another_org_does_not_get_the_file(client, org, other_org, bob, circular):
    client.force_login(bob)
    item = circular.files.first()
    assert client.get(file_url(org, circular, item)).status_code == 403
    assert client.get(file_url(other_org, circular, item)).status_code == 404


def test_a_file_of_another_circular_is_not_served_under_this_one(client, org, alice, circular):
    other = circulars.send_circular(org=org, title="อื่น", text="อื่น", files=[pdf()], actor=alice)
    client.force_login(alice)
    item = other.files.get()
    assert client.get(file_url(org, circular, item)).status_code == 404


def test_a_bad_file_refuses_the_whole_circular(client, org, alice, media):
    client.force_login(alice)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(
        reverse("org:circular_new", args=[org.slug]),
        {"title": "แจ้ง", "text": "โปรดทราบ", "files": [pdf(), fake]},
    )
    assert response.status_code == 400
    assert "virus.pdf" in response.content.decode()
    assert not Circular.objects.exists() and not CircularFile.objects.exists()
    assert not list(media.rglob("*.*"))


def test_files_sent_through_the_page_are_stored(client, org, alice):
    client.force_login(alice)
    response = client.post(
        reverse("org:circular_new", args=[org.slug]),
        {"title": "แจ้ง", "text": "โปรดทราบ", "files": [pdf("a.pdf"), png("b.png")]},
    )
    assert response.status_code == 302
    assert sorted(CircularFile.objects.values_list("original_name", flat=True)) == [
        "a.pdf",
        "b.png",
    ]
