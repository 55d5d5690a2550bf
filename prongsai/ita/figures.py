"""Live figures: the numbers a report quotes, computed from the data when it is rendered.

A step's result text holds placeholders such as

    Line จำนวน {{cases channel=line start=2023-01-01 end=2023-03-31}} ราย

Each app registers the figures it can compute (`register`), with its own
selectors; `ita` never imports them. Rendering gathers every placeholder of a
report first and asks each figure once for all of its uses, so a report costs
a few queries per figure, not one per placeholder.

The syntax is deliberately small: a name and `key=value` pairs without spaces.
Nothing in it is evaluated; an unknown name, a bad value or a figure that
cannot be computed renders as a visible marker and is reported as a problem.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Organization
from prongsai.thai import DASH, count_or_dash, format_date, format_date_range, to_thai_digits

PLACEHOLDER = re.compile(r"\{\{([^{}]*)\}\}")
_NAME = re.compile(r"[a-z][a-z0-9_]*", re.ASCII)
_PAIR = re.compile(r"([a-z][a-z0-9_]*)=([^\s{}]+)", re.ASCII)
# What a figure that cannot be computed prints, so that nobody mistakes it for a number.
MISSING = "⟦?⟧"


class FigureError(ValueError):
    """A placeholder that cannot be computed; its message says why, in Thai."""


@dataclass(frozen=True)
class Param:
    """One parameter of a figure, described so the staff UI can offer a form for it."""

    name: str
    label: str
    kind: str = "text"  # "date", "choice" or "text"
    required: bool = True
    # For "choice": the (value, label) pairs an org may pick from.
    choices: Callable[[Organization], Sequence[tuple[str, str]]] | None = None


@dataclass(frozen=True)
class Figure:
    """A named figure an app computes.

    `compute(org, uses)` gets the parsed parameters of every use in a report
    (dicts of strings) and returns one value per use, in order: an int (a
    count, printed "–" when zero), a Decimal (a percent), Days, a date, a
    (date, date) period, a str, None (nothing to compute it from, such as a
    rate of no case: printed "–" like a zero count), or a FigureError for a
    use it cannot compute.
    """

    name: str
    label: str
    params: tuple[Param, ...]
    compute: Callable[[Organization, list[dict[str, str]]], list[object]]
    app: str = ""


@dataclass(frozen=True)
class Days:
    """A duration in days, printed with its unit: "๒.๕ วัน"."""

    value: Decimal


_registry: dict[str, Figure] = {}


def register(figure: Figure) -> None:
    """Make a figure available to every report; apps call this from their AppConfig.ready."""
    _registry[figure.name] = figure


def figures() -> list[Figure]:
    return sorted(_registry.values(), key=lambda f: (f.app, f.name))


def get(name: str) -> Figure | None:
    return _registry.get(name)


@dataclass(frozen=True)
class Use:
    """One placeholder in a text."""

    raw: str
    name: str
    params: dict[str, str] = field(compare=False, hash=False)


def parse(text: str) -> list[str | Use]:
    """Split a text into its literal pieces and its placeholders, in order."""
    pieces: list[str | Use] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            pieces.append(text[position : match.start()])
        pieces.append(_use(match[0], match[1].split()))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def _use(raw: str, words: list[str]) -> Use:
    """A placeholder's name and parameters; a malformed one gets the empty name."""
    pairs = [_PAIR.fullmatch(word) for word in words[1:]]
    if not words or not _NAME.fullmatch(words[0]) or not all(pairs):
        return Use(raw, "", {})
    return Use(raw, words[0], {pair[1]: pair[2] for pair in pairs})


def placeholder(name: str, params: dict[str, str]) -> str:
    """The text staff would type for a use: what the figure picker inserts."""
    pairs = "".join(f" {key}={value}" for key, value in params.items() if value)
    return "{{" + name + pairs + "}}"


def check_params(figure: Figure, params: dict[str, str]) -> None:
    """Raise FigureError unless the use names only the figure's parameters, all well formed."""
    known = {p.name: p for p in figure.params}
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise FigureError(
            _("ตัวเลข “%(name)s” ไม่มีค่า %(keys)s")
            % {
                "name": figure.name,
                "keys": ", ".join(unknown),
            }
        )
    for param in figure.params:
        value = params.get(param.name, "")
        if not value:
            if param.required:
                raise FigureError(
                    _("ตัวเลข “%(name)s” ต้องระบุ %(param)s")
                    % {
                        "name": figure.name,
                        "param": param.label,
                    }
                )
            continue
        if param.kind == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                raise FigureError(
                    _("%(param)s “%(value)s” ไม่ใช่วันที่แบบ YYYY-MM-DD")
                    % {"param": param.label, "value": value}
                ) from None


def param_date(params: dict[str, str], name: str) -> date | None:
    value = params.get(name)
    return date.fromisoformat(value) if value else None


@dataclass
class Rendered:
    """A text with its figures filled in, and what went wrong with any of them."""

    text: str
    pieces: list[tuple[str, bool]] = field(default_factory=list)  # (text, is_figure)
    problems: list[str] = field(default_factory=list)


def format_value(value: object, *, thai_digits: bool = True) -> str:
    if value is None:
        return DASH
    if isinstance(value, bool):
        raise TypeError("a figure is not a boolean")
    if isinstance(value, int):
        return count_or_dash(value, thai_digits=thai_digits)
    if isinstance(value, Decimal):
        rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
        text = f"{rounded:f}"
        return to_thai_digits(text) if thai_digits else text
    if isinstance(value, Days):
        number = format_value(value.value, thai_digits=thai_digits)
        return str(_("%(days)s วัน") % {"days": number})
    if isinstance(value, date):
        return format_date(value, thai_digits=thai_digits)
    if isinstance(value, tuple) and len(value) == 2:
        return format_date_range(*value, thai_digits=thai_digits)
    if isinstance(value, str):
        return to_thai_digits(value) if thai_digits else value
    raise TypeError(f"cannot print a figure of type {type(value).__name__}")


def render_texts(
    org: Organization, texts: Iterable[str], *, thai_digits: bool = True
) -> list[Rendered]:
    """Fill in the figures of many texts at once: each figure computes all its uses in one call."""
    parsed = [parse(text) for text in texts]
    uses: dict[str, list[Use]] = {}
    problems: dict[Use, str] = {}
    for pieces in parsed:
        for piece in pieces:
            if not isinstance(piece, Use) or piece in problems:
                continue
            figure = _registry.get(piece.name)
            if not piece.name:
                problems[piece] = _("เขียนตัวเลขไม่ถูกรูปแบบ ใช้ปุ่ม “แทรกตัวเลข” แทนการพิมพ์เอง")
                continue
            if figure is None:
                problems[piece] = _("ไม่รู้จักตัวเลข “%(name)s”") % {"name": piece.name}
                continue
            try:
                check_params(figure, piece.params)
            except FigureError as error:
                problems[piece] = str(error)
                continue
            uses.setdefault(piece.name, [])
            if piece not in uses[piece.name]:
                uses[piece.name].append(piece)

    values: dict[Use, object] = {}
    for name, batch in uses.items():
        try:
            results = _registry[name].compute(org, [use.params for use in batch])
        except FigureError as error:
            results = [error] * len(batch)
        for use, value in zip(batch, results, strict=True):
            if isinstance(value, FigureError):
                problems[use] = str(value)
            else:
                values[use] = value

    rendered = []
    for pieces in parsed:
        out = Rendered(text="")
        for piece in pieces:
            if isinstance(piece, str):
                out.pieces.append((piece, False))
            elif piece in values:
                out.pieces.append((format_value(values[piece], thai_digits=thai_digits), True))
            else:
                out.pieces.append((MISSING, True))
                out.problems.append(f"{piece.raw}: {problems[piece]}")
        out.text = "".join(text for text, _ in out.pieces)
        rendered.append(out)
    return rendered
