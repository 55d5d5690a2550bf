"""Reading the tab-separated text export of a report (the reference O43 is one).

Paragraphs inside a cell are written as `<p>…</p>`; cells quoted the way
spreadsheets quote them ("…", with line breaks inside) are read too.
"""

import csv
import re

from django.utils.translation import gettext as _

from prongsai.ita.importing.html import cell_paragraphs
from prongsai.ita.importing.model import Document, Row
from prongsai.ita.importing.rows import header_width, paragraphs

_MARKUP = re.compile(r"<\s*/?\s*(?:p|br|div|li)\b", re.IGNORECASE)
# Word's "save as text" and Markdown-like exports wrap bold lines in ** … **.
_BOLD = re.compile(r"^\*\*|\*\*$")

# csv refuses fields over its default limit (128 KiB); our files are at most 5 MB.
csv.field_size_limit(8 * 1024 * 1024)


def _cell(text: str) -> list[str]:
    if _MARKUP.search(text):
        return cell_paragraphs(text)
    return paragraphs(text.splitlines())


def read_tsv(text: str) -> Document:
    """Read lines before the first header row as title and intro, then table rows."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter="\t", quotechar='"', strict=False)
    blocks: list[list[str]] = [[]]
    rows: list[Row] = []
    warnings: list[str] = []
    in_table = False
    line_number = 1
    for record in reader:
        where = _("บรรทัดที่ %(line)s") % {"line": line_number}
        line_number = reader.line_num + 1
        cells = [_cell(cell) for cell in record]
        if not in_table:
            if len(cells) > 1 and header_width(Row(cells, where)) is not None:
                in_table = True
            elif len(cells) > 1 and any(cells[1:]):
                # Tabbed text before any header: rows.build_report names the line.
                in_table = True
            else:
                texts = paragraphs(_BOLD.sub("", " ".join(record)).split("\n"))
                if texts:
                    blocks[-1].extend(texts)
                elif blocks[-1]:
                    blocks.append([])
                continue
        rows.append(Row(cells, where))
    blocks = [block for block in blocks if block]
    title = "\n".join(blocks[0]) if blocks else ""
    intro = "\n".join("\n".join(block) for block in blocks[1:])
    return Document(title, intro, rows, warnings)
