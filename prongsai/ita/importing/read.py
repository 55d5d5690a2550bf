"""One entry point for every format: find what the file is by its content, then read it."""

import codecs
import re
from pathlib import PurePath

from django.utils.translation import gettext as _

from prongsai.ita.importing.docx import read_docx
from prongsai.ita.importing.html import read_html
from prongsai.ita.importing.model import ParsedReport, ReportError
from prongsai.ita.importing.rows import build_report
from prongsai.ita.importing.tsv import read_tsv

MAX_FILE_SIZE = 5 * 1024 * 1024
SUFFIXES = (".txt", ".tsv", ".html", ".htm", ".docx")
_ZIP = b"PK\x03\x04"
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|body|table)\b", re.IGNORECASE)
# Control characters never found in a text export; a few mean the file is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _decode(data: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    else:
        if b"\x00" not in data:
            # Older Thai Windows programs save TIS-620 (cp874) rather than UTF-8.
            for encoding in ("utf-8", "cp874"):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    continue
    raise ReportError(
        _("อ่านไฟล์นี้เป็นข้อความไม่ได้: ใช้ไฟล์ข้อความแบบแท็บ (.txt, .tsv), HTML หรือ Word (.docx)")
    )


def detect_format(data: bytes, filename: str = "") -> str:
    """ "docx", "html" or "tsv", from the content; the name's suffix must agree with it."""
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if filename and suffix not in SUFFIXES:
        raise ReportError(
            _("รับเฉพาะไฟล์ .txt, .tsv, .html, .htm หรือ .docx (ไฟล์นี้เป็น “%(suffix)s”)")
            % {"suffix": suffix or _("ไม่มีนามสกุล")}
        )
    if data.startswith(_ZIP):
        if suffix and suffix != ".docx":
            raise ReportError(
                _("ไฟล์นี้เป็นไฟล์บีบอัดหรือไฟล์ Word แต่ชื่อลงท้ายด้วย %(suffix)s") % {"suffix": suffix}
            )
        return "docx"
    if suffix == ".docx":
        raise ReportError(_("ไฟล์นี้ชื่อลงท้ายด้วย .docx แต่ไม่ใช่ไฟล์ Word (.docx) ที่อ่านได้"))
    return "text"


def parse_report(data: bytes, *, fiscal_year: int, filename: str = "") -> ParsedReport:
    """Read an O42/O43 report file (TSV text, HTML or DOCX) without writing anything.

    Raises ReportError whose `messages` (Thai) name each row that cannot be read.
    """
    if not data or not data.strip():
        raise ReportError(_("ไฟล์ว่าง ไม่มีข้อมูล"))
    if len(data) > MAX_FILE_SIZE:
        raise ReportError(_("ไฟล์ใหญ่เกิน %(size)s MB") % {"size": MAX_FILE_SIZE // (1024 * 1024)})
    if detect_format(data, filename) == "docx":
        document = read_docx(data)
    else:
        text = _decode(data)
        if len(_CONTROL.findall(text[:65536])) > 8:
            raise ReportError(
                _("อ่านไฟล์นี้เป็นข้อความไม่ได้: ใช้ไฟล์ข้อความแบบแท็บ (.txt, .tsv), HTML หรือ Word (.docx)")
            )
        if not text.strip():
            raise ReportError(_("ไฟล์ว่าง ไม่มีข้อมูล"))
        document = read_html(text) if _HTML.search(text[:65536]) else read_tsv(text)
    return build_report(document, fiscal_year=fiscal_year)
