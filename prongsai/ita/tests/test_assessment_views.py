from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.ita import assessments
from prongsai.ita.models import Assessment, FrameworkYear, Measure, Plan
from prongsai.orgs.models import Membership

pytestmark = pytest.mark.django_db
Role = Membership.Role


def url(name, org, *args):
    return reverse(f"org:{name}", args=[org.slug, *args])


@pytest.fixture
def y2566():
    return FrameworkYear.objects.get(fiscal_year=2566)


@pytest.fixture
def scored(org, alice, y2566):
    scores = {n: D(90) for n in range(1, 11)} | {4: D("70.50"), 9: D("62")}
    return assessments.save_scores(org=org, year=y2566, scores=scores, total=None, actor=alice)


def member(client, make_member, org, role):
    client.force_login(make_member(org, role).user)


def test_the_list_shows_the_years_with_total_and_level(client, alice, scored, org):
    client.force_login(alice)
    page = client.get(url("ita_assessments", org)).content.decode()
    assert "2566" in page and str(scored.total) in page and "ไม่ผ่าน" in page
    assert url("ita_analysis", org, 2566) in page
    assert url("ita_assessment", org, 2567) in page  # a year still to enter


def test_entering_scores(client, alice, org, y2566):
    client.force_login(alice)
    data = {"form": "scores", "total": ""} | {f"i{n}": "๙๐" for n in range(1, 11)}
    data["i5"] = "80.25"
    response = client.post(url("ita_assessment", org, 2566), data)
    assert response.status_code == 302
    assessment = Assessment.objects.get(org=org, year=y2566)
    assert assessment.total == D("89.42")  # IIT 88.05 × .3 + 90 × .3 + 90 × .4
    page = client.get(url("ita_assessment", org, 2566)).content.decode()
    assert "89.42" in page and "ผ่านดี" in page


def test_a_bad_score_is_explained_and_nothing_saved(client, alice, org):
    client.force_login(alice)
    data = {"form": "scores", "i1": "95", "i2": "101"}
    response = client.post(url("ita_assessment", org, 2566), data)
    assert response.status_code == 200
    assert "คะแนนต้องอยู่ระหว่าง 0 ถึง 100" in response.content.decode()
    assert not Assessment.objects.filter(org=org).exists()


def test_csv_import_good_and_bad(client, alice, org, y2566):
    client.force_login(alice)
    bad = SimpleUploadedFile("s.csv", b"indicator,score\n1,90\n2,9O\n", "text/csv")
    response = client.post(url("ita_assessment", org, 2566), {"form": "csv", "file": bad})
    assert response.status_code == 200
    assert "แถวที่ 3" in response.content.decode()
    assert not Assessment.objects.filter(org=org).exists()

    good = SimpleUploadedFile("s.csv", "1,๙๐\n2,80\n".encode(), "text/csv")
    response = client.post(url("ita_assessment", org, 2566), {"form": "csv", "file": good})
    assert response.status_code == 302
    summary = assessments.summarize(Assessment.objects.get(org=org, year=y2566))
    assert summary.scores == {1: D(90), 2: D(80)}

    response = client.post(url("ita_assessment", org, 2566), {"form": "csv", "text": "3,77"})
    assert response.status_code == 302


def test_the_analysis_lists_weak_indicators_and_adopts_once(client, alice, org, scored):
    client.force_login(alice)
    page = client.get(url("ita_analysis", org, 2566)).content.decode()
    assert page.index("ตัวชี้วัดที่ 9") < page.index("ตัวชี้วัดที่ 4")
    assert "ตัวชี้วัดที่ 1 " not in page
    assert "รับเข้าแผนปี 2567" in page

    title = scored.year.indicators.get(number=4).suggested_measures[1]
    post = {"indicator": "4", "title": title}
    response = client.post(url("ita_adopt", org, 2566), post)
    assert response.status_code == 302 and response["Location"].endswith("#i4")
    measure = Measure.objects.get(plan__org=org, plan__fiscal_year=2567)
    assert measure.tools == ["IIT"] and measure.number == 1

    response = client.post(url("ita_adopt", org, 2566), post, follow=True)
    assert "อยู่ในแผนปี 2567 แล้ว" in response.content.decode()
    assert Measure.objects.filter(plan__org=org).count() == 1
    page = client.get(url("ita_analysis", org, 2566)).content.decode()
    assert "อยู่ในแผนปี 2567 แล้ว (มาตรการที่ 1)" in page


def test_executives_read_but_do_not_write(client, make_member, org, scored):
    member(client, make_member, org, Role.EXECUTIVE)
    assert client.get(url("ita_assessments", org)).status_code == 200
    page = client.get(url("ita_assessment", org, 2566)).content.decode()
    assert "70.50" in page and 'name="form"' not in page
    analysis = client.get(url("ita_analysis", org, 2566)).content.decode()
    assert "ตัวชี้วัดที่ 9" in analysis and "รับเข้าแผน" not in analysis
    post = client.post(url("ita_assessment", org, 2566), {"form": "scores", "i1": "10"})
    assert post.status_code == 403
    title = scored.year.indicators.get(number=9).suggested_measures[0]
    adopt = client.post(url("ita_adopt", org, 2566), {"indicator": "9", "title": title})
    assert adopt.status_code == 403
    assert not Plan.objects.exists()


def test_officers_edit(client, make_member, org):
    member(client, make_member, org, Role.OFFICER)
    response = client.post(url("ita_assessment", org, 2566), {"form": "scores", "i1": "91"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "name,args", [("ita_assessments", []), ("ita_assessment", [2566]), ("ita_analysis", [2566])]
)
def test_plain_staff_are_refused(client, make_member, org, name, args):
    member(client, make_member, org, Role.STAFF)
    assert client.get(url(name, org, *args)).status_code == 403


def test_another_orgs_scores_stay_hidden(client, bob, other_org, org, scored):
    client.force_login(bob)
    assert client.get(url("ita_assessment", org, 2566)).status_code == 403
    page = client.get(url("ita_assessments", other_org)).content.decode()
    assert str(scored.total) not in page
    analysis = client.get(url("ita_analysis", other_org, 2566)).content.decode()
    assert "ยังไม่ได้บันทึกคะแนนของปีนี้" in analysis
    title = scored.year.indicators.get(number=9).suggested_measures[0]
    response = client.post(url("ita_adopt", other_org, 2566), {"indicator": "9", "title": title})
    assert response.status_code == 404  # bob's org has no scores for 2566
    assert not Plan.objects.exists()


def test_a_year_without_a_framework_is_404(client, alice, org):
    client.force_login(alice)
    assert client.get(url("ita_assessment", org, 2599)).status_code == 404
    assert client.get(url("ita_analysis", org, 2599)).status_code == 404


def test_adopt_only_takes_post(client, alice, org, scored):
    client.force_login(alice)
    assert client.get(url("ita_adopt", org, 2566)).status_code == 405
