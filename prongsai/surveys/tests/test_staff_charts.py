"""Bar charts are plain, escaped SVG that the CSP allows."""

from decimal import Decimal
from xml.etree import ElementTree

from prongsai.surveys.charts import bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_it_draws_one_bar_per_row_sized_by_its_count():
    svg = bar_chart(
        [("5 มากที่สุด", 6, Decimal("60.00")), ("4 มาก", 3, Decimal("30.00")), ("3", 0, None)],
        title="ความรวดเร็ว",
    )
    root = ElementTree.fromstring(svg)
    bars = root.findall(f".//{SVG}rect[@class='bar-chart__bar']")
    assert [bar.get("width") for bar in bars] == ["66.00%", "33.00%", "0.00%"]
    values = [t.text for t in root.findall(f".//{SVG}text[@class='bar-chart__value']")]
    assert values == ["6 (60%)", "3 (30%)", "0"]
    assert root.get("aria-label") == "ความรวดเร็ว" and root.get("role") == "img"


def test_it_escapes_labels_and_titles():
    svg = bar_chart([('<script>alert("x")</script>', 1, Decimal("100"))], title="<b>&")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg
    root = ElementTree.fromstring(svg)  # still well-formed XML
    assert root.find(f".//{SVG}text").text == '<script>alert("x")</script>'


def test_it_has_no_style_or_script_for_the_csp():
    svg = bar_chart([("ก", 1, Decimal("50.5")), ("ข" * 80, 1, Decimal("49.5"))], title="t")
    assert "style=" not in svg and "<script" not in svg and "<style" not in svg
    assert "50.50%" in svg
    # A long label is shortened on the chart and given whole in the row's tooltip.
    assert "ข" * 80 in svg and "…" in svg


def test_an_empty_chart_is_still_valid_svg():
    root = ElementTree.fromstring(bar_chart([], title="ไม่มีข้อมูล"))
    assert root.tag == f"{SVG}svg"
