"""The demo's O43 of 2566 is the reference report, with its counts computed from the data."""

import html
import io
import json
import re
from datetime import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document

from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case
from prongsai.ita import demo
from prongsai.ita.models import Plan
from prongsai.ita.reports import docx as report_docx
from prongsai.ita.reports import html as report_html
from prongsai.ita.reports import pdf as report_pdf
from prongsai.ita.reports.data import report_data
from prongsai.ita.tests.test_reports_files import contains_in_pieces, pdf_text
from prongsai.messaging.line.tests.conftest import fake_line  # noqa: F401  (fixture)
from prongsai.messaging.line.tests.fake_line import event as line_event
from prongsai.messaging.line.tests.fake_line import sign
from prongsai.messaging.line.tests.fake_line import text as line_text
from prongsai.orgs.models import Organization
from prongsai.thai import to_arabic_digits

BANGKOK = timezone.get_fixed_timezone(7 * 60)


@pytest.fixture
def prasat_thong(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    return Organization.objects.get(slug="prasat-thong")


def reference_paragraphs() -> list[str]:
    """Every paragraph of every cell of the reference report's tables, headers aside."""
    paragraphs = []
    for line in demo.REFERENCE.read_text().splitlines():
        if "\t" not in line or line.startswith("มาตรการ/แนวทาง"):
            continue
        for cell in line.split("\t"):
            paragraphs += [p for p in re.split(r"</?p>", cell) if p.strip()]
    return paragraphs


def normal(text: str) -> str:
    """What must match: the characters, whatever the digits and the line breaks."""
    return re.sub(r"\s+", "", to_arabic_digits(text))


def assert_holds_the_reference(text: str) -> None:
    text = normal(text)
    for paragraph in reference_paragraphs():
        assert contains_in_pieces(text, normal(paragraph)), paragraph


def o43(org):
    return report_data(Plan.objects.get(org=org, fiscal_year=2566))


def test_the_html_pdf_and_docx_hold_every_cell_of_the_reference(prasat_thong):
    data = o43(prasat_thong)
    assert not data["problems"]
    assert len(data["measures"]) == 6
    page = report_html.render_document(data)
    assert_holds_the_reference(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    document = Document(io.BytesIO(report_docx.render(data)))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert_holds_the_reference("\n".join(cells))
    assert_holds_the_reference(pdf_text(report_pdf.render(data)))


@pytest.mark.usefixtures("fake_line")  # the LINE platform the bot replies to
def test_the_counts_of_the_report_are_live(prasat_thong, client):
    def channel_line():
        [text] = [
            p
            for m in o43(prasat_thong)["measures"]
            for s in m["steps"]
            for p in s["cells"][3]  # method, responsible, period, result, suggestion
            if "Line จำนวน" in p
        ]
        return text

    assert "Line จำนวน ๑๗ ราย" in channel_line()
    assert "live chat จำนวน ๒ ราย" in channel_line()
    assert "webbord จำนวน – ราย" in channel_line()
    # April is outside the quarter the report counts.
    inbox.submit_case(
        org=prasat_thong,
        channel=Case.Channel.LINE,
        kind=Case.Kind.COMPLAINT,
        subject="ไฟฟ้าดับทั้งซอย",
        received_at=datetime(2023, 4, 3, 9, tzinfo=BANGKOK),
    )
    assert "Line จำนวน ๑๗ ราย" in channel_line()
    # A villager reports a broken road through the LINE OA on 10 Feb 2023.
    at = int(datetime(2023, 2, 10, 9, tzinfo=BANGKOK).timestamp() * 1000)
    for message in (
        line_text("แจ้งเรื่อง", timestamp=at),
        line_event(kind="postback", postback={"data": "service=road"}, timestamp=at),
        line_text("ถนนหน้าโรงเรียนเป็นหลุม", timestamp=at),
    ):
        body = json.dumps({"destination": "Ubot", "events": [message]}).encode()
        response = client.post(
            "/prasat-thong/line/webhook/",
            body,
            content_type="application/json",
            HTTP_X_LINE_SIGNATURE=sign(body, "prasat-thong-demo-secret"),
        )
        assert response.status_code == 200
    assert Case.objects.get(subject__contains="ถนนหน้าโรงเรียนเป็นหลุม").channel == "line"
    assert "Line จำนวน ๑๘ ราย" in channel_line()
