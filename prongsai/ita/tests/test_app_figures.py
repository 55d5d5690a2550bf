"""The figures the inbox and the surveys register, over the demo's data."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.ita import figures
from prongsai.orgs.models import Organization
from prongsai.surveys import demo as surveys_demo
from prongsai.surveys.models import Project, Survey

QUARTER = "start=2023-01-01 end=2023-03-31"


@pytest.fixture
def prasat_thong(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    return Organization.objects.get(slug="prasat-thong")


def render(org, *texts):
    return figures.render_texts(org, texts)


def test_the_reference_reports_counts_come_from_the_cases(prasat_thong):
    line, chat, board, qa = render(
        prasat_thong,
        f"-Line จำนวน {{{{cases channel=line {QUARTER}}}}} ราย",
        f"-live chat จำนวน {{{{cases channel=livechat {QUARTER}}}}} ราย",
        f"-webbord จำนวน {{{{cases channel=webboard {QUARTER}}}}} ราย",
        f"- Q&A กระดานถามตอบ จำนวน {{{{cases channel=qa {QUARTER}}}}} ราย",
    )
    assert line.text == "-Line จำนวน ๑๗ ราย"
    assert chat.text == "-live chat จำนวน ๒ ราย"
    assert board.text == "-webbord จำนวน – ราย"
    assert qa.text == "- Q&A กระดานถามตอบ จำนวน – ราย"


def test_the_project_survey_gives_85_percent(prasat_thong):
    survey = Survey.objects.get(org=prasat_thong, title=surveys_demo.PROJECT_SURVEY_TITLE)
    project = Project.objects.get(org=prasat_thong, title=surveys_demo.PROJECT_TITLE)
    [text] = render(
        prasat_thong,
        f"ร้อยละ {{{{satisfaction survey={survey.pk}}}}} จาก {{{{responses survey={survey.pk}}}}} คน"
        f" ผู้เข้าร่วม {{{{participants project={project.pk}}}}} คน"
        f" วันที่ {{{{project_dates project={project.pk}}}}}",
    )
    assert text.text == "ร้อยละ ๘๕ จาก ๒๐ คน ผู้เข้าร่วม ๔๐ คน วันที่ ๑๘-๑๙ มกราคม ๒๕๖๖"


def test_another_orgs_survey_is_not_found(prasat_thong):
    ban_mai = Organization.objects.get(slug="ban-mai")
    survey = Survey.objects.filter(org=prasat_thong).first()
    [text] = render(ban_mai, f"{{{{satisfaction survey={survey.pk}}}}}")
    assert text.text == "⟦?⟧" and "ไม่พบแบบสำรวจ" in text.problems[0]


def test_many_figures_cost_a_query_per_figure_and_period(prasat_thong):
    channels = ["line", "livechat", "webboard", "qa", "web", "phone"]
    texts = [f"{{{{cases channel={c} {QUARTER}}}}}" for c in channels] * 10
    texts += [f"{{{{cases kind=complaint channel={c} {QUARTER}}}}}" for c in channels]
    with CaptureQueriesContext(connection) as queries:
        render(prasat_thong, *texts)
    assert len(queries) == 1
