"""Reading a report saved as HTML: its tables (rowspan, colspan) and the text before them."""

from html.parser import HTMLParser

from django.utils.translation import gettext as _

from prongsai.ita.importing.model import Document, ReportError, Row
from prongsai.ita.importing.rows import paragraphs, table_rows

# Tags that end a paragraph inside a cell or in the text before the table.
_BREAKS = {"p", "br", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "title"}
_SKIPPED = {"script", "style", "template", "noscript"}
# Cells spanning more rows or columns than this are a broken or hostile file.
_MAX_SPAN = 1000


class _Cell:
    def __init__(self, rowspan: int, colspan: int):
        self.rowspan = rowspan
        self.colspan = colspan
        self.texts = [""]


class _Table:
    def __init__(self):
        self.rows: list[list[_Cell]] = []


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


class _Reader(HTMLParser):
    """Collects the blocks of a page: ("heading"|"para", text) and ("table", _Table)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, object]] = []
        self.text = [""]
        self.text_kind = "para"
        self.tables: list[_Table] = []
        self.cell: _Cell | None = None
        self.skip = 0
        # Tables inside a cell are read as that cell's text.
        self.nested = 0

    def flush_text(self) -> None:
        for text in paragraphs(self.text):
            self.blocks.append((self.text_kind, text))
        self.text = [""]
        self.text_kind = "para"

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skip += 1
            return
        if tag == "table":
            if self.tables and self.cell is not None:
                self.nested += 1
                self.cell.texts.append("")
                return
            self.flush_text()
            self.tables.append(_Table())
            self.cell = None
            return
        if self.nested:
            if tag in _BREAKS or tag in {"td", "th"}:
                self.cell.texts.append("")
            return
        if self.tables:
            table = self.tables[-1]
            if tag == "tr":
                table.rows.append([])
                self.cell = None
            elif tag in {"td", "th"}:
                if not table.rows:
                    table.rows.append([])
                values = dict(attrs)
                self.cell = _Cell(_span(values.get("rowspan")), _span(values.get("colspan")))
                table.rows[-1].append(self.cell)
            elif tag in _BREAKS and self.cell is not None:
                self.cell.texts.append("")
            return
        if tag in _BREAKS or tag in _HEADINGS:
            self.flush_text()
            if tag in _HEADINGS:
                self.text_kind = "page_title" if tag == "title" else "heading"

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skip = max(self.skip - 1, 0)
            return
        if tag == "table":
            if self.nested:
                self.nested -= 1
                return
            if self.tables:
                self.blocks.append(("table", self.tables.pop()))
                self.cell = None
            return
        if self.tables:
            if tag in {"td", "th"} and not self.nested:
                self.cell = None
            elif tag in _BREAKS and self.cell is not None:
                self.cell.texts.append("")
            return
        if tag in _BREAKS or tag in _HEADINGS:
            self.flush_text()

    def handle_data(self, data):
        if self.skip:
            return
        if self.tables:
            if self.cell is not None:
                self.cell.texts[-1] += data
            return
        self.text[-1] += data

    def close(self):
        super().close()
        while self.tables:
            self.blocks.append(("table", self.tables.pop()))
        self.flush_text()


def cell_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment such as "<p>๑.…</p> <p>๒.…</p>" or "a<br>b"."""
    reader = _Reader()
    reader.text_kind = "para"
    reader.feed(fragment)
    reader.close()
    return [text for kind, text in reader.blocks if kind != "table"]


def grid(table: _Table) -> list[tuple[list[list[str]], bool]]:
    """Each row's cells as paragraphs, spans laid out; (cells, spans the whole width)."""
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan above
    rows = []
    for source in table.rows:
        cells: list[list[str]] = []
        full_width = len(source) == 1 and source[0].colspan > 1
        column = 0
        queue = list(source)
        while queue or any(col >= column for col in pending):
            if pending.get(column, 0) > 0:
                pending[column] -= 1
                cells.append([])
                column += 1
                continue
            if not queue:
                break
            cell = queue.pop(0)
            cells.append(paragraphs(cell.texts))
            for offset in range(cell.colspan):
                if offset:
                    cells.append([])
                if cell.rowspan > 1:
                    pending[column + offset] = cell.rowspan - 1
            column += cell.colspan
        pending = {col: left for col, left in pending.items() if left > 0}
        rows.append((cells, full_width))
    return rows


def read_html(text: str) -> Document:
    """Read the report tables of an HTML page; text before the first one is title and intro."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    title: list[str] = []
    intro: list[str] = []
    rows: list[Row] = []
    width = None
    warnings = []
    table_number = 0
    page_title = [value for kind, value in reader.blocks if kind == "page_title"]
    for kind, value in reader.blocks:
        if kind == "page_title":
            continue
        if kind != "table":
            if width is None:
                (title if kind == "heading" and not intro else intro).append(value)
            continue
        table_number += 1
        laid_out = grid(value)
        width, found = table_rows(laid_out, table_number, width, warnings)
        rows += found
    if not table_number:
        raise ReportError(_("ไม่พบตารางในไฟล์ HTML นี้"))
    if width is None:
        raise ReportError(_("ไม่พบตารางที่มีหัวตาราง “มาตรการ/แนวทาง | วิธีการดำเนินการ | …” ในไฟล์ HTML นี้"))
    if not title:
        title, intro = (page_title, intro) if page_title else (intro[:1], intro[1:])
    return Document("\n".join(title), "\n".join(intro), rows, warnings)
