"""The ITA framework of each fiscal year, kept as data files and loaded into the database.

A file in `frameworks/` holds one fiscal year: its tools, indicators, OIT items
and levels. `read` checks a file completely before anything is written, and
`load` writes it idempotently by natural keys (year, tool code, indicator
number, item code). An entry that left the file is deleted from that year only
when nothing uses it (scores, measures); otherwise it is kept and reported.

The loader takes an optional app registry so that the data migration can run
it on the historical models.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.core.exceptions import ValidationError
from django.db import transaction

from prongsai.ita.models import TOOL_CODES, validate_levels

FRAMEWORK_DIR = Path(__file__).resolve().parent / "frameworks"

# Prongsai's own pages that can prove an OIT item; the portal resolves each key.
EVIDENCE_KEYS = frozenset(
    {
        "service_stats",
        "complaint_stats",
        "satisfaction_report",
        "eservices",
        "complaint_channel",
        "complaint_manual",
        "complaint_handling",  # the guide and the channel, where one item asks for both
        "participation",
        "contact_channels",
        "qa_channel",
        "measures_plan",
        "measures_results",
        "privacy_policy",
        "no_gift",
        "no_gift_policy",
        "news",
        "ita_invitation",
    }
)

_ITEM_CODE = re.compile(r"O([1-9][0-9]{0,2})")
_TOP_KEYS = {"fiscal_year", "source", "target", "levels", "tools", "indicators", "oit_items"}


class FrameworkError(ValueError):
    """A framework file that cannot be loaded; the message names the file and the entry."""


@dataclass
class LoadResult:
    fiscal_year: int
    created: bool
    tools: int
    indicators: int
    oit_items: int
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # left the file but still in use


def bundled_files() -> list[Path]:
    """The framework files shipped with Prongsai, oldest year first."""
    return sorted(FRAMEWORK_DIR.glob("*.json"))


def read(path: Path | str) -> dict[str, Any]:
    """Parse and validate one framework file; raise FrameworkError naming what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FrameworkError(f"{path.name}: cannot read the file ({error.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FrameworkError(f"{path.name}: not valid UTF-8 JSON ({error})") from None
    return validate(data, name=path.name)


def validate(data: Any, *, name: str = "framework") -> dict[str, Any]:
    """Check a parsed framework and return it with numbers as Decimals."""

    def fail(where: str, problem: str) -> FrameworkError:
        return FrameworkError(f"{name}: {where}: {problem}")

    if not isinstance(data, dict):
        raise fail("top level", "expected a JSON object")
    missing = sorted(_TOP_KEYS - {"source"} - set(data))
    if missing:
        raise fail("top level", f"missing {', '.join(missing)}")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise fail("top level", f"unknown key(s) {', '.join(unknown)}")

    year = data["fiscal_year"]
    if not isinstance(year, int) or isinstance(year, bool) or not 2500 <= year <= 2700:
        raise fail("fiscal_year", f"{year!r} is not a Buddhist-era year such as 2566")
    source = data.get("source", "")
    if not isinstance(source, str) or len(source) > 300:
        raise fail("source", "must be a text of at most 300 characters")
    target = _percent(data["target"], lambda p: fail("target", p))

    levels = data["levels"]
    try:
        validate_levels(levels)
    except ValidationError as error:
        raise fail("levels", "; ".join(str(m) for m in error.messages)) from None
    for i, level in enumerate(levels):
        where = f"levels[{i}] ({level['label']})"
        extra = sorted(set(level) - {"label", "min", "each_tool_min"})
        if extra:
            raise fail(where, f"unknown key(s) {', '.join(extra)}")
        if "each_tool_min" in level:
            _percent(level["each_tool_min"], lambda p, w=where: fail(w, f"each_tool_min {p}"))
    labels = [level["label"] for level in levels]
    if len(set(labels)) != len(labels):
        raise fail("levels", "labels must be unique")

    tools = _entries(data, "tools", fail)
    codes: list[str] = []
    for i, tool in enumerate(tools):
        where = f"tools[{i}]"
        _keys(tool, {"code", "name", "weight"}, set(), lambda p, w=where: fail(w, p))
        if tool["code"] not in TOOL_CODES:
            raise fail(where, f"code {tool['code']!r} is not one of {', '.join(TOOL_CODES)}")
        where = f"tools[{i}] ({tool['code']})"
        if tool["code"] in codes:
            raise fail(where, "the code appears twice")
        codes.append(tool["code"])
        tool["name"] = _text(tool["name"], 200, lambda p, w=where: fail(w, f"name {p}"))
        tool["weight"] = _percent(tool["weight"], lambda p, w=where: fail(w, f"weight {p}"))
    total_weight = sum(tool["weight"] for tool in tools)
    if total_weight != 100:
        raise fail("tools", f"weights add up to {total_weight}, not 100")

    indicators = _entries(data, "indicators", fail)
    numbers: dict[int, str] = {}
    for i, indicator in enumerate(indicators):
        where = f"indicators[{i}]"
        _keys(
            indicator,
            {"number", "name", "tool"},
            {"suggested_measures"},
            lambda p, w=where: fail(w, p),
        )
        number = indicator["number"]
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 99:
            raise fail(where, f"number {number!r} is not a whole number from 1 to 99")
        where = f"indicators[{i}] (number {number})"
        if number in numbers:
            raise fail(where, "the number appears twice")
        if indicator["tool"] not in codes:
            raise fail(where, f"tool {indicator['tool']!r} is not one of this file's tools")
        numbers[number] = indicator["tool"]
        indicator["name"] = _text(indicator["name"], 300, lambda p, w=where: fail(w, f"name {p}"))
        measures = indicator.setdefault("suggested_measures", [])
        if not isinstance(measures, list):
            raise fail(where, "suggested_measures must be a list of texts")
        for j, measure in enumerate(measures):
            measures[j] = _text(
                measure, 2000, lambda p, w=where, j=j: fail(w, f"suggested_measures[{j}] {p}")
            )
        if len(set(measures)) != len(measures):
            raise fail(where, "a suggested measure appears twice")
    for code in codes:
        if code not in numbers.values():
            raise fail("tools", f"tool {code} has no indicator")

    items = _entries(data, "oit_items", fail)
    item_codes: set[str] = set()
    item_numbers: set[int] = set()
    for i, item in enumerate(items):
        where = f"oit_items[{i}]"
        _keys(
            item,
            {"code", "number", "title"},
            {"indicator", "evidence"},
            lambda p, w=where: fail(w, p),
        )
        code = item["code"]
        if not isinstance(code, str) or not _ITEM_CODE.fullmatch(code):
            raise fail(where, f"code {code!r} is not like O1, O42")
        where = f"oit_items[{i}] ({code})"
        if code in item_codes:
            raise fail(where, "the code appears twice")
        item_codes.add(code)
        number = item["number"]
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 999:
            raise fail(where, f"number {number!r} is not a whole number from 1 to 999")
        if number in item_numbers:
            raise fail(where, f"number {number} appears twice")
        item_numbers.add(number)
        item["title"] = _text(item["title"], 300, lambda p, w=where: fail(w, f"title {p}"))
        indicator = item.setdefault("indicator", None)
        if indicator is not None and indicator not in numbers:
            raise fail(where, f"indicator {indicator!r} is not one of this file's indicators")
        if indicator is not None and numbers[indicator] != "OIT":
            raise fail(where, f"indicator {indicator} belongs to {numbers[indicator]}, not OIT")
        evidence = item.setdefault("evidence", "") or ""
        if evidence not in EVIDENCE_KEYS and evidence != "":
            known = ", ".join(sorted(EVIDENCE_KEYS))
            raise fail(where, f"evidence {evidence!r} is not one of {known}")
        item["evidence"] = evidence

    return {**data, "source": source, "target": target}


def _entries(data: dict, key: str, fail) -> list[dict]:
    entries = data[key]
    if not isinstance(entries, list) or not entries:
        raise fail(key, "must be a non-empty list")
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise fail(f"{key}[{i}]", "expected a JSON object")
    return entries


def _keys(entry: dict, required: set[str], optional: set[str], fail) -> None:
    missing = sorted(required - set(entry))
    if missing:
        raise fail(f"missing {', '.join(missing)}")
    unknown = sorted(set(entry) - required - optional)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}")


def _text(value: Any, max_length: int, fail) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail("must be a non-empty text")
    value = value.strip()
    if len(value) > max_length:
        raise fail(f"is longer than {max_length} characters")
    return value


def _percent(value: Any, fail) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise fail(f"{value!r} is not a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise fail(f"{value!r} is not a number") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise fail(f"{value!r} is not between 0 and 100")
    if number != number.quantize(Decimal("0.01")):
        raise fail(f"{value!r} has more than two decimals")
    return number


def load(path: Path | str, *, apps=None) -> LoadResult:
    """Validate one file and write its year; running it again changes nothing."""
    return load_data(read(path), apps=apps)


def load_files(paths: list[Path | str] | None = None, *, apps=None) -> list[LoadResult]:
    """Validate every file first, then load them all in one transaction."""
    frameworks = [read(path) for path in (paths or bundled_files())]
    years = [data["fiscal_year"] for data in frameworks]
    duplicates = sorted({year for year in years if years.count(year) > 1})
    if duplicates:
        raise FrameworkError(f"more than one file for fiscal year {duplicates[0]}")
    with transaction.atomic():
        return [load_data(data, apps=apps) for data in frameworks]


@transaction.atomic
def load_data(data: dict[str, Any], *, apps=None) -> LoadResult:
    """Write one validated framework (the output of `read` or `validate`)."""
    registry = apps or global_apps
    FrameworkYear = registry.get_model("ita", "FrameworkYear")
    Tool = registry.get_model("ita", "Tool")
    Indicator = registry.get_model("ita", "Indicator")
    OitItem = registry.get_model("ita", "OitItem")

    year, created = FrameworkYear.objects.update_or_create(
        fiscal_year=data["fiscal_year"],
        defaults={"target": data["target"], "levels": data["levels"], "source": data["source"]},
    )
    tools = {}
    for entry in data["tools"]:
        tools[entry["code"]], _ = Tool.objects.update_or_create(
            year=year,
            code=entry["code"],
            defaults={"name": entry["name"], "weight": entry["weight"]},
        )
    indicators = {}
    for entry in data["indicators"]:
        indicators[entry["number"]], _ = Indicator.objects.update_or_create(
            year=year,
            number=entry["number"],
            defaults={
                "tool": tools[entry["tool"]],
                "name": entry["name"],
                "suggested_measures": entry["suggested_measures"],
            },
        )
    codes = set()
    for entry in data["oit_items"]:
        codes.add(entry["code"])
        OitItem.objects.update_or_create(
            year=year,
            code=entry["code"],
            defaults={
                "number": entry["number"],
                "title": entry["title"],
                "indicator": indicators.get(entry["indicator"]),
                "evidence": entry["evidence"],
            },
        )

    result = LoadResult(
        fiscal_year=year.fiscal_year,
        created=created,
        tools=len(tools),
        indicators=len(indicators),
        oit_items=len(codes),
    )
    framework_models = {FrameworkYear, Tool, Indicator, OitItem}
    stale = [
        *OitItem.objects.filter(year=year).exclude(code__in=codes),
        *Indicator.objects.filter(year=year).exclude(number__in=indicators),
        *Tool.objects.filter(year=year).exclude(code__in=tools),
    ]
    for obj in stale:
        label = f"{obj._meta.model_name} {getattr(obj, 'code', None) or obj.number}"
        if _in_use(obj, framework_models):
            result.kept.append(label)
        else:
            obj.delete()
            result.removed.append(label)
    return result


def _in_use(obj, framework_models: set) -> bool:
    """Whether anything outside the framework (scores, measures…) refers to `obj`.

    A stale tool is also in use while a kept indicator still belongs to it.
    """
    for relation in obj._meta.related_objects:
        related = relation.related_model
        if related in framework_models and not (
            obj._meta.model_name == "tool" and related._meta.model_name == "indicator"
        ):
            continue
        accessor = relation.get_accessor_name()
        if relation.one_to_one:
            if related.objects.filter(**{relation.field.name: obj}).exists():
                return True
        elif getattr(obj, accessor).exists():
            return True
    return False
