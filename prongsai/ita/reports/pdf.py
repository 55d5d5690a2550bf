"""The measures report as a PDF, typeset by Typst from `report_data`."""

import math
from pathlib import Path
from typing import Any

from prongsai.typesetting import render_pdf

TEMPLATE = Path(__file__).parent / "typst" / "measures.typ"

# The page of measures.typ, in points: A4 landscape less its margins, and the cells' insets.
BODY_WIDTH = (297 - 2 * 10) / 25.4 * 72
BODY_HEIGHT = (210 - 12 - 17) / 25.4 * 72
CELL_INSET = 2 * 4
FONT_SIZE = 16
# Sarabun's mean advance over Thai report text, per character (marks count as zero), in em.
ADVANCE = 0.44
LINE = 1.2  # line pitch, in em
PARAGRAPH = 0.45  # space between paragraphs, in em
KEEP_BELOW = 1 / 3  # of a page: a step shorter than this is never split across pages


def estimated_height(lines: list[str], width: float) -> float:
    """About how tall (pt) a cell of `width` pt is: wrapped lines plus paragraph spacing."""
    per_line = max(1, int(width / (ADVANCE * FONT_SIZE) * 0.9))  # a tenth lost to word wrap
    count = sum(max(1, math.ceil(len(line) / per_line)) for line in lines)
    return (count * LINE + max(0, len(lines) - 1) * PARAGRAPH) * FONT_SIZE


def mark_short_steps(data: dict[str, Any]) -> None:
    """Set `keep` on the steps short enough to keep whole on one page.

    Estimated here rather than measured in Typst: measuring every cell would
    lay the table out twice, and a close guess is all a page break needs.
    """
    total = sum(data["widths"])
    widths = [BODY_WIDTH * w / total - CELL_INSET for w in data["widths"][1:]]
    for measure in data["measures"]:
        for step in measure["steps"]:
            height = max(
                (
                    estimated_height(cell, width)
                    for cell, width in zip(step["cells"], widths, strict=True)
                ),
                default=0,
            )
            step["keep"] = height < BODY_HEIGHT * KEEP_BELOW


def render(data: dict[str, Any]) -> bytes:
    """A4 landscape, Sarabun 16 pt, the header row repeated on every page."""
    mark_short_steps(data)
    return render_pdf(TEMPLATE, data)
