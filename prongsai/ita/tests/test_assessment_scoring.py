from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from prongsai.ita import assessments
from prongsai.ita.models import FrameworkYear

TOOLS = {1: "IIT", 2: "IIT", 6: "EIT", 9: "OIT", 10: "OIT"}
WEIGHTS = {"IIT": D(30), "EIT": D(30), "OIT": D(40)}


def test_a_tools_score_is_the_mean_of_its_indicators():
    by_tool = assessments.tool_scores({1: D("90"), 2: D("81.25"), 6: D("88"), 9: D("70")}, TOOLS)
    assert by_tool == {"IIT": D("85.63"), "EIT": D("88.00"), "OIT": D("70.00")}


def test_a_tool_without_scores_is_left_out():
    assert assessments.tool_scores({1: D("90")}, TOOLS) == {"IIT": D("90.00")}


def test_the_total_weighs_the_tools():
    total = assessments.weighted_total({"IIT": D(90), "EIT": D(80), "OIT": D(70)}, WEIGHTS)
    assert total == D("79.00")  # 27 + 24 + 28


def test_no_total_while_a_tool_has_no_score():
    assert assessments.weighted_total({"IIT": D(90), "EIT": D(80)}, WEIGHTS) is None


@pytest.mark.parametrize(
    ("text", "score"),
    [("92.5", D("92.50")), ("๘๕.๒๕", D("85.25")), (" 100 ", D("100")), ("0", D(0))],
)
def test_scores_are_read_in_both_digit_sets(text, score):
    assert assessments.parse_score(text) == score


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("abc", "ไม่ใช่ตัวเลข"),
        ("100.5", "0 ถึง 100"),
        ("-1", "0 ถึง 100"),
        ("85.125", "สองตำแหน่ง"),
        ("nan", "0 ถึง 100"),
    ],
)
def test_bad_scores_are_refused(text, problem):
    with pytest.raises(ValueError, match=problem):
        assessments.parse_score(text)


# Levels, from the bundled frameworks (loaded by the data migration).


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (100, "AA"),
        (95, "AA"),
        (D("94.99"), "A"),
        (85, "A"),
        (75, "B"),
        (65, "C"),
        (55, "D"),
        (50, "E"),
        (D("49.99"), "F"),
        (0, "F"),
    ],
)
def test_2565_grades(total, grade):
    year = FrameworkYear.objects.get(fiscal_year=2565)
    assert year.level_for(total, {"IIT": D(50), "EIT": D(50), "OIT": D(50)}) == grade


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("total", "by_tool", "level"),
    [
        (96, {"IIT": 97, "EIT": 95, "OIT": 96}, "ผ่านดีเยี่ยม"),
        (96, {"IIT": 99, "EIT": 84, "OIT": 100}, "ผ่าน"),  # one tool under 85
        (88, {"IIT": 85, "EIT": 90, "OIT": 89}, "ผ่านดี"),
        (88, {"IIT": 95, "EIT": D("84.99"), "OIT": 86}, "ผ่าน"),
        (D("84.99"), {"IIT": 90, "EIT": 90, "OIT": 80}, "ไม่ผ่าน"),
    ],
)
def test_2566_levels_check_each_tool(total, by_tool, level):
    year = FrameworkYear.objects.get(fiscal_year=2566)
    assert year.level_for(total, by_tool) == level


@pytest.mark.django_db
class TestCsv:
    @pytest.fixture
    def year(self):
        return FrameworkYear.objects.get(fiscal_year=2566)

    def test_it_reads_rows_with_a_header_and_thai_digits(self, year):
        text = "indicator,score\n1,92.50\n๒,๘๐\n\nตัวชี้วัดที่ 10, 77.1\nคะแนนรวม,85.00\n"
        parsed = assessments.parse_scores_csv(text.encode("utf-8-sig"), year=year)
        assert parsed.scores == {1: D("92.50"), 2: D("80.00"), 10: D("77.10")}
        assert parsed.total == D("85.00")

    def test_the_header_is_optional_and_tis620_is_read(self, year):
        text = "ตัวชี้วัด;คะแนน\n3;90\n".encode("cp874")
        assert assessments.parse_scores_csv(text, year=year).scores == {3: D("90.00")}
        assert assessments.parse_scores_csv("4,70\n", year=year).scores == {4: D("70.00")}

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("indicator,score\n1,90\n2,abc\n", "แถวที่ 3: “abc” ไม่ใช่ตัวเลข"),
            ("1,90\n11,80\n", "แถวที่ 2: ไม่มีตัวชี้วัด “11”"),
            ("1,90\n1,80\n", "แถวที่ 2: ตัวชี้วัดที่ 1 ซ้ำ"),
            ("1,190\n", "แถวที่ 1: คะแนนต้องอยู่ระหว่าง"),
            ("1\n", "แถวที่ 1: ต้องมีสองช่อง"),
            ("1,90,extra\n", "แถวที่ 1: ต้องมีสองช่อง"),
            ("indicator,score\n", "ไม่พบคะแนน"),
        ],
    )
    def test_a_bad_row_is_named(self, year, text, message):
        with pytest.raises(ValidationError) as error:
            assessments.parse_scores_csv(text, year=year)
        assert message in error.value.messages[0]
