"""Citizens read the published projects of a fiscal year, with villages, photos and satisfaction."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from prongsai.orgs.models import Village
from prongsai.orgs.tests.factories import DivisionFactory
from prongsai.surveys.models import ProjectPhoto, Response, Survey
from prongsai.surveys.tests.factories import ProjectFactory, SurveyFactory, new_token
from prongsai.thai.calendar import fiscal_year


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def waste(org):
    project = ProjectFactory(
        org=org,
        title="โครงการคัดแยกขยะและบำบัดน้ำเสีย",
        starts_on=date(2023, 1, 18),
        ends_on=date(2023, 1, 19),
        participants=60,
        budget=Decimal("125000"),
        division=DivisionFactory(org=org, name="กองสาธารณสุขฯ"),
        modes=["planning", "implementing"],
        outcome="ครัวเรือนคัดแยกขยะได้ถูกต้อง",
    )
    project.villages.set([Village.objects.create(org=org, number=6, name="บ้านสามโคก")])
    return project


def answer(survey: Survey, *scores: int) -> None:
    for score in scores:
        Response.objects.create(survey=survey, score=score, token=new_token())


def stored_photo(project, caption: str = "") -> ProjectPhoto:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(out, "JPEG")
    photo = ProjectPhoto(project=project, caption=caption)
    photo.image.save("p.jpg", ContentFile(out.getvalue()), save=True)
    return photo


def test_the_list_shows_the_published_projects_of_a_fiscal_year(client, org, waste):
    ProjectFactory(org=org, title="โครงการปี 2567", starts_on=date(2023, 10, 2))
    ProjectFactory(org=org, title="ร่างที่ไม่เผยแพร่", starts_on=date(2023, 1, 20), is_published=False)
    answer(SurveyFactory(org=org, project=waste), 5, 4, 4, 4)  # mean 4.25 → 85 %
    page = client.get(f"/{org.slug}/projects/?year=2566").content.decode()
    assert waste.title in page
    assert "18-19 มกราคม 2566" in page
    assert "หมู่ที่ 6 บ้านสามโคก" in page
    assert "60 คน" in page
    assert "ร้อยละ 85" in page
    assert "โครงการปี 2567" not in page and "ร่างที่ไม่เผยแพร่" not in page
    # Links to the other years that have projects.
    assert "?year=2567" in page
    assert "โครงการปี 2567" in client.get(f"/{org.slug}/projects/?year=2567").content.decode()


def test_the_list_defaults_to_the_current_fiscal_year(client, org, waste, time_machine=None):

    current = fiscal_year(timezone.localdate())
    page = client.get(f"/{org.slug}/projects/")
    assert page.context["year"] == current
    assert "2566" in page.content.decode()  # the year that has projects is offered


def test_another_orgs_projects_are_not_listed(client, org, other_org, waste):
    page = client.get(f"/{other_org.slug}/projects/?year=2566").content.decode()
    assert waste.title not in page


def test_the_project_page(client, org, waste):
    survey = SurveyFactory(org=org, project=waste)
    answer(survey, 5, 4, 4, 4)
    stored_photo(waste, "ชาวบ้านร่วมคัดแยกขยะ")
    page = client.get(f"/{org.slug}/projects/{waste.pk}/").content.decode()
    assert waste.title in page
    assert "18-19 มกราคม 2566" in page
    assert "หมู่ที่ 6 บ้านสามโคก" in page
    assert "กองสาธารณสุขฯ" in page
    assert "125,000 บาท" in page
    assert "60 คน" in page
    assert "ร่วมวางแผน" in page and "ร่วมดำเนินการ" in page
    assert "ครัวเรือนคัดแยกขยะได้ถูกต้อง" in page
    assert "<strong>85</strong>" in page
    assert "จากผู้ตอบแบบสำรวจ 4 คน" in page
    assert f'href="/{org.slug}/surveys/{survey.pk}/"' in page
    assert "ชาวบ้านร่วมคัดแยกขยะ" in page


def test_a_closed_survey_shows_results_but_no_link(client, org, waste):
    survey = SurveyFactory(org=org, project=waste, status=Survey.Status.CLOSED)
    answer(survey, 5, 5)
    page = client.get(f"/{org.slug}/projects/{waste.pk}/").content.decode()
    assert "<strong>100</strong>" in page
    assert f"/surveys/{survey.pk}/" not in page


def test_a_draft_survey_is_not_shown(client, org, waste):
    survey = SurveyFactory(org=org, project=waste, status=Survey.Status.DRAFT)
    page = client.get(f"/{org.slug}/projects/{waste.pk}/").content.decode()
    assert "ความพึงพอใจของผู้เข้าร่วม" not in page
    assert f"/surveys/{survey.pk}/" not in page


def test_unpublished_and_other_orgs_projects_are_404(client, org, other_org, waste):
    hidden = ProjectFactory(org=org, is_published=False)
    assert client.get(f"/{org.slug}/projects/{hidden.pk}/").status_code == 404
    assert client.get(f"/{other_org.slug}/projects/{waste.pk}/").status_code == 404


def test_photos_are_served_only_for_published_projects_of_the_org(client, org, other_org, waste):
    photo = stored_photo(waste)
    url = f"/{org.slug}/projects/{waste.pk}/photos/{photo.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "sandbox" in response["Content-Security-Policy"]
    assert (
        client.get(f"/{other_org.slug}/projects/{waste.pk}/photos/{photo.pk}/").status_code == 404
    )
    other = ProjectFactory(org=org)
    assert client.get(f"/{org.slug}/projects/{other.pk}/photos/{photo.pk}/").status_code == 404
    waste.is_published = False
    waste.save()
    assert client.get(url).status_code == 404
