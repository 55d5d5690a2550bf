"""PDF documents from Typst templates, in Sarabun, with the data passed as JSON only.

A template reads its data with `json(bytes(sys.inputs.data))` and never sees
user text as markup: a title such as `#panic("x")` is printed as it is. Images
and other binary inputs go in `files`, written next to the template in a
private temporary directory that is the whole of what the template can read.
"""

import json
import re
import shutil
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

import typst

# Names of extra files: plain, flat and boring, so that none can step outside the directory.
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,60}\.[a-z0-9]{1,5}", re.ASCII)


class TypesettingError(RuntimeError):
    """A template did not compile; the message carries Typst's own diagnostic."""


@cache
def font_dir() -> Path:
    """The folder of Sarabun TTFs shipped by the `fontpkg-sarabun` package."""
    path = Path(str(package_files("fontpkg_sarabun") / "files"))
    if not any(path.glob("Sarabun-*.ttf")):
        raise TypesettingError(f"no Sarabun fonts in {path}: pip install fontpkg-sarabun")
    return path


@cache
def _fonts() -> typst.Fonts:
    # Only the bundled fonts: a PDF must look the same on every server.
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(font_dir())]
    )


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def render_pdf(
    template: Path,
    data: Mapping[str, Any],
    *,
    files: Mapping[str, bytes] | None = None,
    timestamp: datetime | None = None,
) -> bytes:
    """Compile `template` with `data` (JSON-serialisable; dates become ISO strings) to PDF.

    The template and the other `.typ` files of its folder are copied with
    `files` (name → bytes, e.g. {"logo.png": …}) into a temporary directory, so
    the template can `image("logo.png")` and `import` its neighbours and
    nothing else. Raises TypesettingError when compilation fails.
    """
    template = Path(template)
    if not template.is_file():
        raise TypesettingError(f"no such template: {template}")
    payload = json.dumps(data, ensure_ascii=False, default=_default)
    with tempfile.TemporaryDirectory(prefix="prongsai-typst-") as tmp:
        root = Path(tmp)
        for source in template.parent.glob("*.typ"):
            shutil.copyfile(source, root / source.name)
        for name, content in (files or {}).items():
            if not _FILE_NAME.fullmatch(name) or name.endswith(".typ"):
                raise TypesettingError(f"unsafe file name for a template input: {name!r}")
            (root / name).write_bytes(content)
        try:
            pdf = typst.compile(
                root / template.name,
                root=root,
                font_paths=_fonts(),
                ignore_system_fonts=True,
                format="pdf",
                sys_inputs={"data": payload},
                timestamp=(timestamp or datetime.now(UTC)).replace(microsecond=0),
            )
        except typst.TypstError as error:
            detail = getattr(error, "message", "") or str(error)
            raise TypesettingError(f"{template.name}: {detail}") from error
        except RuntimeError as error:
            raise TypesettingError(f"{template.name}: {error}") from error
    if not isinstance(pdf, bytes):
        raise TypesettingError(f"{template.name}: the compiler returned no document")
    return pdf
