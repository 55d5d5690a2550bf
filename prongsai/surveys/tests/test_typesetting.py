"""Typst renders data as text, never as markup, in the bundled Sarabun font."""

import shutil
import subprocess
from pathlib import Path

import pytest

from prongsai.typesetting import TypesettingError, font_dir, render_pdf

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdffonts"),
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)

HOSTILE = '#panic("x") ] * $ <b>bold</b> _under_ `raw` @label = heading'
# Stacked marks (ิ่ / ึ้) come out doubled by pdftotext, so the Thai checked here has none.
THAI = "ร้องเรียนออนไลน์ที่องค์การบริหารส่วนตำบลปราสาททอง"


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def template(tmp_path) -> Path:
    folder = tmp_path / "typst"
    folder.mkdir()
    path = folder / "doc.typ"
    path.write_text(
        "#let data = json(bytes(sys.inputs.data))\n"
        '#set text(font: "Sarabun", lang: "th")\n'
        "#data.hostile\n\n#data.thai\n\n#data.day\n",
        encoding="utf-8",
    )
    return path


def test_the_sarabun_fonts_are_found():
    assert (font_dir() / "Sarabun-Regular.ttf").is_file()


@needs_poppler
def test_hostile_text_and_thai_render_literally(template, tmp_path):
    import datetime

    pdf = render_pdf(template, {"hostile": HOSTILE, "thai": THAI, "day": datetime.date(2025, 5, 1)})
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert HOSTILE in text
    assert THAI in text
    assert "2025-05-01" in text


@needs_poppler
def test_thai_is_set_in_sarabun_embedded(template, tmp_path):
    pdf = render_pdf(template, {"hostile": "", "thai": THAI, "day": ""})
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("Sarabun" in row for row in rows)
    assert all(" yes " in row for row in rows)  # embedded


def test_a_broken_template_raises_a_clear_error(tmp_path):
    bad = tmp_path / "bad.typ"
    bad.write_text('#panic("broken on purpose")\n', encoding="utf-8")
    with pytest.raises(TypesettingError, match=r"bad\.typ"):
        render_pdf(bad, {})


def test_a_missing_template_raises(tmp_path):
    with pytest.raises(TypesettingError):
        render_pdf(tmp_path / "nope.typ", {})


@pytest.mark.parametrize("name", ["../escape.png", "/etc/passwd", "sub/dir.png", "x.typ", ""])
def test_extra_files_cannot_escape_the_directory(template, name):
    with pytest.raises(TypesettingError, match="unsafe"):
        render_pdf(template, {"hostile": "", "thai": "", "day": ""}, files={name: b"x"})


def test_extra_files_are_readable_by_the_template(tmp_path):
    template = tmp_path / "img.typ"
    template.write_text(
        "#let data = json(bytes(sys.inputs.data))\n#image(data.file, width: 2cm)\n",
        encoding="utf-8",
    )
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
        b'<rect width="1" height="1"/></svg>'
    )
    pdf = render_pdf(template, {"file": "box.svg"}, files={"box.svg": svg})
    assert pdf.startswith(b"%PDF")


def test_the_template_cannot_read_files_outside_its_directory(tmp_path):
    template = tmp_path / "typst" / "leak.typ"
    template.parent.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    template.write_text('#read("../secret.txt")\n', encoding="utf-8")
    with pytest.raises(TypesettingError):
        render_pdf(template, {})
