"""QR codes and A4 posters of surveys and of the org's public pages, for staff only."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from prongsai.orgs.models import Membership
from prongsai.surveys.models import OpenCount
from prongsai.surveys.posters import PathRefused, page_path, qr_png
from prongsai.surveys.tests.factories import SurveyFactory

Role = Membership.Role
SITE = "https://prongsai.example"


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.SITE_URL = SITE
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "poster.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def opens(org, key: str) -> int:
    return sum(OpenCount.objects.filter(org=org, key=key).values_list("count", flat=True))


# Surveys --------------------------------------------------------------------------------


def test_the_survey_poster_page_shows_the_qr_and_downloads(client, org, alice):
    survey = SurveyFactory(org=org, title="ความพึงพอใจต่องานทะเบียน")
    client.force_login(alice)
    response = client.get(f"/{org.slug}/staff/surveys/{survey.pk}/poster/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "ความพึงพอใจต่องานทะเบียน" in html
    assert f"{SITE}/{org.slug}/surveys/{survey.pk}/" in html
    assert f"/{org.slug}/staff/surveys/{survey.pk}/poster.pdf" in html
    assert f"/{org.slug}/staff/surveys/{survey.pk}/poster.png" in html
    assert "style=" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_it_is_for_staff_only(client, org, bob):
    survey = SurveyFactory(org=org)
    url = f"/{org.slug}/staff/surveys/{survey.pk}/poster/"
    assert client.get(url).status_code == 302  # to the login page
    assert client.get(f"/{org.slug}/staff/surveys/{survey.pk}/poster.pdf").status_code == 302
    client.force_login(bob)
    assert client.get(url).status_code == 403
    assert client.get(f"/{org.slug}/staff/surveys/{survey.pk}/poster.png").status_code == 403


def test_any_staff_member_may_print_a_poster(client, org, make_member):
    survey = SurveyFactory(org=org)
    clerk = make_member(org, Role.STAFF, "clerk").user
    client.force_login(clerk)
    assert client.get(f"/{org.slug}/staff/surveys/{survey.pk}/poster/").status_code == 200


def test_another_orgs_survey_is_not_found(client, org, other_org, alice):
    theirs = SurveyFactory(org=other_org)
    client.force_login(alice)
    for suffix in ("poster/", "poster.png", "poster.pdf"):
        response = client.get(f"/{org.slug}/staff/surveys/{theirs.pk}/{suffix}")
        assert response.status_code == 404
    assert not OpenCount.objects.exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_survey_poster_pdf(client, org, alice, tmp_path):
    org.phone = "044-123456"
    org.save()
    survey = SurveyFactory(org=org, title="แบบสำรวจความพึงพอใจ")
    client.force_login(alice)
    response = client.get(f"/{org.slug}/staff/surveys/{survey.pk}/poster.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert org.name_th in text
    assert f"{SITE}/{org.slug}/surveys/{survey.pk}/" in text
    assert "044-123456" in text
    assert opens(org, f"poster:survey:{survey.pk}") == 1


def test_the_poster_has_the_org_logo_and_survives_a_broken_one(client, org, alice, tmp_path):
    survey = SurveyFactory(org=org)
    client.force_login(alice)
    url = f"/{org.slug}/staff/surveys/{survey.pk}/poster.pdf"
    plain = client.get(url).content
    image = io.BytesIO()
    Image.new("RGB", (300, 300), "#c9a227").save(image, format="PNG")
    org.logo.save("logo.png", ContentFile(image.getvalue()))
    with_logo = client.get(url).content
    assert with_logo.startswith(b"%PDF") and b"/Subtype/Image" in with_logo
    assert b"/Subtype/Image" not in plain
    org.logo.save("broken.png", ContentFile(b"not an image"))
    assert client.get(url).content.startswith(b"%PDF")


def test_the_png_is_a_qr_code_of_the_survey(client, org, alice, tmp_path):
    survey = SurveyFactory(org=org)
    client.force_login(alice)
    response = client.get(f"/{org.slug}/staff/surveys/{survey.pk}/poster.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as image:
        image.verify()
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.width == image.height >= 300
    assert opens(org, f"poster:survey:{survey.pk}") == 1
    zbarimg = shutil.which("zbarimg")
    if zbarimg:
        path = tmp_path / "qr.png"
        path.write_bytes(response.content)
        decoded = subprocess.run(
            [zbarimg, "--raw", "-q", str(path)], capture_output=True, text=True
        ).stdout.strip()
        assert decoded == f"{SITE}/{org.slug}/surveys/{survey.pk}/"


def test_an_unknown_file_kind_is_not_found(client, org, alice):
    survey = SurveyFactory(org=org)
    client.force_login(alice)
    assert client.get(f"/{org.slug}/staff/surveys/{survey.pk}/poster.exe").status_code == 404


def test_qr_png_is_black_on_white_with_a_quiet_zone():
    with Image.open(io.BytesIO(qr_png("https://example.org/x/"))) as image:
        pixels = image.convert("L")
        assert pixels.getpixel((0, 0)) == 255  # the quiet zone is white
        assert pixels.getextrema() == (0, 255)


# Public pages of the org ----------------------------------------------------------------


def test_the_page_poster_offers_common_pages(client, org, alice):
    client.force_login(alice)
    response = client.get(f"/{org.slug}/staff/posters/")
    assert response.status_code == 200
    html = response.content.decode()
    for path in ("/", "/complain/", "/services/", "/track/", "/qa/"):
        assert f"/{org.slug}{path}" in html


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("/alice-town/", "/alice-town/"),
        ("/alice-town/complain/?service=corruption", "/alice-town/complain/?service=corruption"),
        ("/alice-town/qa/", "/alice-town/qa/"),
        (f"{SITE}/alice-town/services/", "/alice-town/services/"),
        ("  /alice-town/track/  ", "/alice-town/track/"),
    ],
)
def test_public_pages_of_the_org_are_accepted(org, raw, expected):
    assert page_path(org, raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "/bob-town/",  # another org
        "/bob-town/complain/",
        "/alice-town/staff/",  # staff pages
        "/alice-town/staff/members/",
        "/alice-town/line/webhook/",  # machine endpoints
        "/alice-town/open311/v2/services.json",
        "/alice-town/track/ABCD1234/",  # one citizen's own case
        "https://evil.example/alice-town/",  # another host
        "http://prongsai.example/alice-town/",  # our host, another scheme
        "//evil.example/alice-town/",
        "///evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "alice-town/",
        "/admin/",
        "/api/v1/orgs/",
        "/alice-town/no-such-page/",
        "/alice-town/../bob-town/",
        "/alice-town/%2e%2e/bob-town/",
        "/alice-town/ complain/",
        "/alice-town/\ncomplain/",
        "/" + "a" * 600,
    ],
)
def test_anything_else_is_refused_with_a_thai_message(client, org, other_org, alice, raw):
    with pytest.raises(PathRefused) as refused:
        page_path(org, raw)
    assert any("\u0e00" <= c <= "\u0e7f" for c in str(refused.value))
    client.force_login(alice)
    page = client.get(f"/{org.slug}/staff/posters/", {"path": raw})
    assert page.status_code == (200 if raw == "" else 400)
    if raw:
        assert str(refused.value) in page.content.decode()
        download = client.get(f"/{org.slug}/staff/posters/poster.pdf", {"path": raw})
        assert download.status_code == 400
        assert str(refused.value) == download.content.decode()
    assert not OpenCount.objects.exists()


def test_a_page_poster_with_its_own_title(client, org, alice, tmp_path):
    client.force_login(alice)
    query = {"path": f"/{org.slug}/complain/", "title": "ร้องเรียนไฟฟ้าดับ"}
    page = client.get(f"/{org.slug}/staff/posters/", query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "ร้องเรียนไฟฟ้าดับ" in html and f"{SITE}/{org.slug}/complain/" in html
    assert "poster.pdf?path=%2Falice-town%2Fcomplain%2F&amp;title=" in html
    png = client.get(f"/{org.slug}/staff/posters/poster.png", query)
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    if shutil.which("pdftotext"):
        pdf = client.get(f"/{org.slug}/staff/posters/poster.pdf", query)
        text = pdf_text(pdf.content, tmp_path)
        assert "ร้องเรียนไฟฟ้าดับ" in text and f"{SITE}/{org.slug}/complain/" in text
    assert opens(org, f"poster:page:/{org.slug}/complain/") == 1 + bool(shutil.which("pdftotext"))


def test_page_posters_are_for_the_orgs_staff(client, org, bob):
    url = f"/{org.slug}/staff/posters/"
    assert client.get(url).status_code == 302
    client.force_login(bob)
    assert client.get(url, {"path": f"/{org.slug}/"}).status_code == 403
