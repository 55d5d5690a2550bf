"""Horizontal bar charts drawn on the server as inline SVG: no script, no style attribute.

Each row is a label on its own line with its bar below it, so long Thai labels
keep the whole width of a phone. Bar widths and positions are percentages of
the chart's width, so the chart stretches with the page while the text keeps
its size. Everything given is escaped; the result is safe to insert as is.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Room on the right of the longest bar for its "count (percent)".
BAR_SPAN = 66
LABEL_MAX = 48
ROW_HEIGHT = 46
LABEL_Y = 17
BAR_Y = 23
BAR_HEIGHT = 16
FONT_SIZE = 15


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def _number(value: Decimal | int) -> str:
    text = f"{value:,.2f}" if isinstance(value, Decimal) else f"{value:,}"
    return text[:-3] if text.endswith(".00") else text


def bar_chart(
    rows: Sequence[tuple[str, int, Decimal | None]],
    *,
    title: str,
    unit: str = "",
) -> SafeString:
    """An SVG chart of (label, count, percent) rows, in the order given.

    Bars are as long as their share of the largest count; the text beside a bar
    gives the count and, where known, its percent. `title` names the chart for
    screen readers.
    """
    peak = max((count for _, count, _ in rows), default=0)
    height = ROW_HEIGHT * len(rows) or ROW_HEIGHT
    parts = [
        f'<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" '
        f'role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for n, (label, count, percent) in enumerate(rows):
        top = n * ROW_HEIGHT
        share = Decimal(count) / peak if peak else Decimal(0)
        width = (share * BAR_SPAN).quantize(Decimal("0.01"))
        value = _number(count) + (f" {unit}" if unit else "")
        if percent is not None:
            value += f" ({_number(percent)}%)"
        parts.append(
            f'<g class="bar-chart__row"><title>{escape(label)}: {escape(value)}</title>'
            f'<text class="bar-chart__label" x="0" y="{top + LABEL_Y}" font-size="{FONT_SIZE}">'
            f"{escape(_short(label))}</text>"
            f'<rect class="bar-chart__track" x="0" y="{top + BAR_Y}" width="{BAR_SPAN}%" '
            f'height="{BAR_HEIGHT}" fill="#eef1f4"/>'
            f'<rect class="bar-chart__bar" x="0" y="{top + BAR_Y}" width="{width}%" '
            f'height="{BAR_HEIGHT}" fill="#0b5c8e"/>'
            f'<text class="bar-chart__value" x="{BAR_SPAN + 2}%" '
            f'y="{top + BAR_Y + BAR_HEIGHT - 3}" '
            f'font-size="{FONT_SIZE - 1}">{escape(value)}</text></g>'
        )
    if not rows:
        parts.append(f'<text x="0" y="{LABEL_Y}" font-size="{FONT_SIZE}">–</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped
