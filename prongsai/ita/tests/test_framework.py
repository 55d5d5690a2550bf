import copy
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from prongsai.ita import framework
from prongsai.ita.models import (
    Assessment,
    FrameworkYear,
    Indicator,
    IndicatorScore,
    OitItem,
    Tool,
)

pytestmark = pytest.mark.django_db


def minimal(year=2601, **changes):
    data = {
        "fiscal_year": year,
        "source": "test",
        "target": 85,
        "levels": [{"label": "ผ่าน", "min": 85}, {"label": "ไม่ผ่าน", "min": 0}],
        "tools": [
            {"code": "IIT", "name": "ภายใน", "weight": 30},
            {"code": "EIT", "name": "ภายนอก", "weight": 30},
            {"code": "OIT", "name": "เปิดเผยข้อมูล", "weight": 40},
        ],
        "indicators": [
            {"number": 1, "name": "การปฏิบัติหน้าที่", "tool": "IIT", "suggested_measures": ["ก"]},
            {"number": 6, "name": "คุณภาพการดำเนินงาน", "tool": "EIT"},
            {"number": 9, "name": "การเปิดเผยข้อมูล", "tool": "OIT"},
        ],
        "oit_items": [
            {"code": "O1", "number": 1, "title": "โครงสร้าง", "indicator": 9},
            {
                "code": "O2",
                "number": 2,
                "title": "มาตรการ",
                "indicator": 9,
                "evidence": "measures_plan",
            },
        ],
    }
    data.update(changes)
    return data


def write(tmp_path, data, name="fw.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_every_bundled_year_is_loaded_with_tools_indicators_and_items():
    years = {path.stem for path in framework.bundled_files()}
    assert {"2565", "2566", "2567", "2568", "2569"} <= years
    for path in framework.bundled_files():
        year = FrameworkYear.objects.get(fiscal_year=int(path.stem))  # by the data migration
        assert set(year.tools.values_list("code", flat=True)) == {"IIT", "EIT", "OIT"}
        assert sum(t.weight for t in year.tools.all()) == 100
        assert list(year.indicators.values_list("number", flat=True)) == list(range(1, 11))
        assert all(i.suggested_measures for i in year.indicators.all())
        assert year.oit_items.count() >= 20
        assert year.target == 85
        assert "ตรวจสอบ" in year.source  # says the titles must be verified


def test_the_years_differ_as_the_manuals_do():
    items = {
        y: dict(OitItem.objects.filter(year__fiscal_year=y).values_list("code", "title"))
        for y in (2565, 2566, 2568, 2569)
    }
    assert len(items[2566]) == 43
    assert items[2566]["O42"] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert items[2566]["O43"].startswith("การดำเนินการตามมาตรการส่งเสริมคุณธรรม")
    evidence = dict(OitItem.objects.filter(year__fiscal_year=2566).values_list("code", "evidence"))
    assert evidence["O10"] == "privacy_policy"
    assert evidence["O16"] == "service_stats"
    assert evidence["O18"] == "eservices"
    assert [evidence[c] for c in ("O27", "O28", "O29")] == [
        "complaint_manual",
        "complaint_channel",
        "complaint_stats",
    ]
    assert len(items[2568]) == 26
    assert "สองทาง" in " ".join(items[2568].values())
    evidence_2569 = dict(
        OitItem.objects.filter(year__fiscal_year=2569).values_list("code", "evidence")
    )
    assert evidence_2569["O25"] == "measures_plan"
    assert evidence_2569["O26"] == "measures_results"
    assert [lv["label"] for lv in FrameworkYear.objects.get(fiscal_year=2565).levels][:2] == [
        "AA",
        "A",
    ]


def test_it_loads_a_file_and_loading_again_changes_nothing(tmp_path):
    path = write(tmp_path, minimal())
    first = framework.load(path)
    assert first.created
    snapshot = (
        list(Tool.objects.filter(year__fiscal_year=2601).values()),
        list(Indicator.objects.filter(year__fiscal_year=2601).values()),
        list(OitItem.objects.filter(year__fiscal_year=2601).values()),
    )
    second = framework.load(path)
    assert not second.created
    assert snapshot == (
        list(Tool.objects.filter(year__fiscal_year=2601).values()),
        list(Indicator.objects.filter(year__fiscal_year=2601).values()),
        list(OitItem.objects.filter(year__fiscal_year=2601).values()),
    )
    item = OitItem.objects.get(year__fiscal_year=2601, code="O2")
    assert item.evidence == "measures_plan"
    assert item.indicator.number == 9


def test_it_updates_changed_entries_and_removes_unused_ones(tmp_path):
    framework.load(write(tmp_path, minimal()))
    data = minimal()
    data["oit_items"] = [{"code": "O1", "number": 1, "title": "โครงสร้างหน่วยงาน", "indicator": 9}]
    data["indicators"][0]["name"] = "การปฏิบัติหน้าที่ (ใหม่)"
    result = framework.load(write(tmp_path, data))
    assert result.removed == ["oititem O2"]
    assert OitItem.objects.get(year__fiscal_year=2601).title == "โครงสร้างหน่วยงาน"
    assert Indicator.objects.get(year__fiscal_year=2601, number=1).name.endswith("(ใหม่)")


def test_it_keeps_removed_entries_that_are_in_use(tmp_path, org):
    framework.load(write(tmp_path, minimal()))
    year = FrameworkYear.objects.get(fiscal_year=2601)
    assessment = Assessment.objects.create(org=org, year=year)
    IndicatorScore.objects.create(
        assessment=assessment, indicator=year.indicators.get(number=6), score=Decimal("70")
    )
    data = minimal()
    data["indicators"] = [i for i in data["indicators"] if i["number"] != 6]
    data["indicators"].append({"number": 7, "name": "การสื่อสาร", "tool": "EIT"})
    result = framework.load(write(tmp_path, data))
    assert result.kept == ["indicator 6"]
    assert year.indicators.filter(number=6).exists()


def test_other_years_are_untouched(tmp_path):
    before = OitItem.objects.filter(year__fiscal_year=2566).count()
    framework.load(write(tmp_path, minimal()))
    assert OitItem.objects.filter(year__fiscal_year=2566).count() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("tools"), "top level: missing tools"),
        (lambda d: d.update(extra=1), "unknown key(s) extra"),
        (lambda d: d.update(fiscal_year=2023), "fiscal_year: 2023 is not a Buddhist-era year"),
        (lambda d: d.update(target=120), "target: 120 is not between 0 and 100"),
        (lambda d: d["levels"].reverse(), "levels:"),
        (lambda d: d["levels"][0].update(each_tool_min="x"), "levels[0] (ผ่าน): each_tool_min"),
        (lambda d: d["tools"][0].update(code="XYZ"), "tools[0]: code 'XYZ' is not one of"),
        (lambda d: d["tools"][2].update(weight=50), "tools: weights add up to 110"),
        (
            lambda d: d["tools"].append(dict(d["tools"][0])),
            "tools[3] (IIT): the code appears twice",
        ),
        (lambda d: d["indicators"][1].update(tool="OIT"), "tools: tool EIT has no indicator"),
        (lambda d: d["indicators"][1].update(number=1), "indicators[1] (number 1): the number"),
        (lambda d: d["indicators"][0].update(name=""), "indicators[0] (number 1): name must be"),
        (
            lambda d: d["indicators"][0].update(suggested_measures="x"),
            "indicators[0] (number 1): suggested_measures must be a list",
        ),
        (lambda d: d["oit_items"][1].update(code="42"), "oit_items[1]: code '42' is not like O1"),
        (
            lambda d: d["oit_items"][1].update(code="O1"),
            "oit_items[1] (O1): the code appears twice",
        ),
        (lambda d: d["oit_items"][1].update(number=1), "oit_items[1] (O2): number 1 appears twice"),
        (lambda d: d["oit_items"][1].update(indicator=4), "oit_items[1] (O2): indicator 4 is not"),
        (lambda d: d["oit_items"][1].update(indicator=1), "indicator 1 belongs to IIT, not OIT"),
        (lambda d: d["oit_items"][1].update(evidence="web"), "oit_items[1] (O2): evidence 'web'"),
    ],
)
def test_it_names_the_file_and_entry_of_an_error(tmp_path, change, message):
    data = copy.deepcopy(minimal())
    change(data)
    path = write(tmp_path, data, "bad-2601.json")
    with pytest.raises(framework.FrameworkError) as error:
        framework.load(path)
    assert str(error.value).startswith("bad-2601.json: ")
    assert message in str(error.value)
    assert not FrameworkYear.objects.filter(fiscal_year=2601).exists()


def test_it_rejects_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"fiscal_year": 2601,', encoding="utf-8")
    with pytest.raises(framework.FrameworkError, match=r"^broken\.json: not valid UTF-8 JSON"):
        framework.read(path)


def test_one_bad_file_among_several_writes_nothing(tmp_path):
    good = write(tmp_path, minimal(2601), "good.json")
    bad = write(tmp_path, minimal(2602, target="high"), "bad.json")
    with pytest.raises(framework.FrameworkError, match=r"bad\.json: target"):
        framework.load_files([good, bad])
    assert not FrameworkYear.objects.filter(fiscal_year__in=[2601, 2602]).exists()


def test_two_files_for_one_year_are_refused(tmp_path):
    a = write(tmp_path, minimal(2601), "a.json")
    b = write(tmp_path, minimal(2601), "b.json")
    with pytest.raises(framework.FrameworkError, match="more than one file for fiscal year 2601"):
        framework.load_files([a, b])


def test_the_command_loads_given_files_or_all_bundled(tmp_path, capsys):
    path = write(tmp_path, minimal())
    call_command("load_framework", str(path))
    assert FrameworkYear.objects.filter(fiscal_year=2601).exists()
    call_command("load_framework")
    out = capsys.readouterr().out
    assert "ITA 2566 updated: 3 tools, 10 indicators, 43 OIT items" in out


def test_the_command_reports_a_bad_file(tmp_path):
    path = write(tmp_path, minimal(target=-1), "minus.json")
    with pytest.raises(CommandError, match=r"minus\.json: target"):
        call_command("load_framework", str(path))
