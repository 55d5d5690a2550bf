"""The public complaint statistics page of an org: counts only, Thai, mobile, no inline code."""

import re
from datetime import datetime
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import timezone

from prongsai.inbox import services, statistics
from prongsai.inbox.models import Case

BANGKOK = timezone.get_fixed_timezone(7 * 60)
DEMO = "/prasat-thong/stats/"


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts, headers included."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(response) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def row(table, label):
    return next(r for r in table if r[0] == label)


def test_the_demo_quarter_shows_line_17_and_live_chat_2(client, demo):
    response = client.get(DEMO, {"year": "2566", "period": "quarter"})
    assert response.status_code == 200
    summary, by_channel, by_kind, _follow_through = tables(response)
    assert row(summary, "ไตรมาส 2 ม.ค.-มี.ค. 66") == ["ไตรมาส 2 ม.ค.-มี.ค. 66", "19 เรื่อง"]
    assert by_channel[0][:3] == ["ช่องทาง", "ไตรมาส 1 ต.ค.-ธ.ค. 65", "ไตรมาส 2 ม.ค.-มี.ค. 66"]
    assert row(by_channel, "LINE") == ["LINE", "–", "17", "–", "–", "17"]
    assert row(by_channel, "แชทสด (Live chat)")[1:] == ["–", "2", "–", "–", "2"]
    assert row(by_channel, "เว็บบอร์ด")[1:] == ["–"] * 5
    assert row(by_channel, "กระดานถาม-ตอบ (Q&A)")[1:] == ["–"] * 5
    assert row(by_channel, "รวม")[1:] == ["–", "19", "–", "–", "19"]
    assert row(by_kind, "เรื่องร้องเรียน/ร้องทุกข์")[2] == "19"


def test_periods_without_complaints_say_so(client, demo):
    response = client.get(DEMO, {"year": "2566", "period": "month"})
    summary = tables(response)[0]
    months = {r[0]: r[1] for r in summary[1:]}
    assert months["ม.ค. 66"] == "6 เรื่อง"
    assert months["ต.ค. 65"] == "ไม่มีเรื่องร้องเรียน"
    assert list(months.values()).count("ไม่มีเรื่องร้องเรียน") == 9


def test_a_year_without_complaints_says_so_instead_of_a_table_of_dashes(client, org):
    response = client.get(f"/{org.slug}/stats/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("ไม่มีเรื่องร้องเรียน") == 5  # four quarters and the channel section
    assert len(tables(response)) == 2  # the summary and the kinds, all "–"


def test_it_defaults_to_this_fiscal_year_by_quarter(client, demo):
    response = client.get(DEMO)
    body = response.content.decode()
    this_year = statistics.current_fiscal_year()
    assert f'<option value="{this_year}" selected>' in body
    assert '<option value="quarter" selected>' in body
    assert f"ปีงบประมาณ {this_year}" in body


def test_it_links_the_excel_file_of_the_same_choice(client, demo):
    body = client.get(DEMO, {"year": "2566", "period": "half"}).content.decode()
    assert re.search(r'href="/prasat-thong/stats/cases\.xlsx\?year=2566&amp;period=half"', body)
    assert "ดาวน์โหลด Excel" in body


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "2400"},
        {"year": "99999999999999999999999"},
        {"year": "²"},
        {"period": "week"},
        {"year": "<script>", "period": "<b>"},
    ],
)
def test_bad_parameters_fall_back_to_the_defaults_with_a_thai_notice(client, demo, query):
    response = client.get(DEMO, query)
    body = response.content.decode()
    assert response.status_code == 200
    assert "message--warning" in body
    assert "แทน" in body  # "…จึงแสดง … แทน": what is shown instead
    assert "<script>" not in body and "<b>" not in body
    assert f"ปีงบประมาณ {statistics.current_fiscal_year()}" in body


def test_thai_digits_in_the_year_are_understood(client, demo):
    response = client.get(DEMO, {"year": "๒๕๖๖", "period": "year"})
    assert "message--warning" not in response.content.decode()
    assert row(tables(response)[1], "LINE") == ["LINE", "17"]


def test_counts_use_arabic_digits_on_the_web(client, demo):
    body = client.get(DEMO, {"year": "2566"}).content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    assert not re.search("[๐-๙]", main)


def test_no_personal_data_or_case_text_on_the_page(client, org):
    at = datetime(2023, 2, 1, 10, tzinfo=BANGKOK)
    services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        kind=Case.Kind.CORRUPTION,
        subject="ปลัดรับเงินใต้โต๊ะ",
        text="เห็นกับตาเมื่อวันจันทร์",
        reporter_name="นายผู้แจ้ง ลับมาก",
        reporter_phone="081-111-2222",
        reporter_email="whistle@example.com",
        consent=True,
        received_at=at,
    )
    response = client.get(f"/{org.slug}/stats/", {"year": "2566", "period": "year"})
    body = response.content.decode()
    for secret in ["ปลัดรับเงินใต้โต๊ะ", "เห็นกับตา", "ผู้แจ้ง ลับมาก", "081-111-2222", "whistle@"]:
        assert secret not in body
    # The corruption complaint is there, as a count only.
    assert row(tables(response)[2], "ร้องเรียนการทุจริตและประพฤติมิชอบ") == [
        "ร้องเรียนการทุจริตและประพฤติมิชอบ",
        "1",
    ]
    assert row(tables(response)[1], "เว็บไซต์") == ["เว็บไซต์", "1"]


def test_another_orgs_cases_do_not_show(client, org, other_org):
    at = datetime(2023, 2, 1, 10, tzinfo=BANGKOK)
    services.submit_case(
        org=other_org, channel="line", kind="complaint", subject="ขยะ", received_at=at
    )
    response = client.get(f"/{org.slug}/stats/", {"year": "2566", "period": "year"})
    assert "ไม่มีเรื่องร้องเรียน" in response.content.decode()
    assert client.get("/no-such-org/stats/").status_code == 404


def test_the_page_loads_nothing_from_another_host_and_runs_no_inline_code(client, demo):
    body = client.get(DEMO).content.decode()
    assert "style=" not in body
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)
    assert not re.search(r"\son[a-z]+=", body)
    loads = re.findall(r'<(?:script|img|link|iframe)\b[^>]*\b(?:src|href)="([^"]+)"', body)
    assert loads
    for url in loads:
        assert url.startswith("/") and not url.startswith("//"), url


def test_wide_tables_scroll_inside_their_frame_on_a_phone(client, demo):
    body = client.get(DEMO, {"period": "month"}).content.decode()
    # Each frame is a named stop of the keyboard, so that it can be scrolled without a mouse.
    frame = r'<div class="table-wrap" role="group" aria-labelledby="[a-z-]+-heading" tabindex="0">'
    frames = re.findall(frame, body)
    assert len(frames) == len(re.findall(r"<table\b", body)) == 4
