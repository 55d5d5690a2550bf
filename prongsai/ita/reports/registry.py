"""Report kinds: a name, the formats it is written in, and the function that writes it.

`manage.py report <kind>` and the staff buttons look kinds up here, so an app
adds a report without touching the command: in its AppConfig.ready it calls

    from prongsai.ita.reports.registry import Option, ReportKind, register

    register(ReportKind(
        name="quarterly",
        label="รายงานผู้บริหารรายไตรมาส",
        build=quarterly_report,                  # (org, year, fmt, *, thai_digits, options)
        formats=("pdf", "html"),
        options=(Option("quarter", "ไตรมาสที่ 1-4", type=int, choices=(1, 2, 3, 4),
                        required=True),),
    ))

`build` returns an Output or raises ReportError with a message in Thai.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from prongsai.orgs.models import Organization

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


class ReportError(Exception):
    """A report that cannot be written: no such plan, a format the kind has not, …"""


@dataclass(frozen=True)
class Option:
    """An extra command-line option of a kind, given as `--<name>`."""

    name: str
    help: str
    type: Callable[[str], Any] = str
    choices: tuple[Any, ...] | None = None
    required: bool = False


@dataclass(frozen=True)
class Output:
    """A written report: its bytes, and the name and type to serve them under."""

    content: bytes
    format: str
    filename: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.format, "application/octet-stream")


Builder = Callable[..., Output]


@dataclass(frozen=True)
class ReportKind:
    name: str
    label: str
    # build(org, year, fmt, *, thai_digits: bool, options: Mapping[str, Any]) -> Output
    build: Builder
    formats: tuple[str, ...] = ("pdf", "docx", "html")
    options: tuple[Option, ...] = field(default=())


_registry: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> None:
    """Make a kind available to the `report` command; apps call this from AppConfig.ready."""
    _registry[kind.name] = kind


def get(name: str) -> ReportKind | None:
    return _registry.get(name)


def kinds() -> list[ReportKind]:
    return sorted(_registry.values(), key=lambda kind: kind.name)


def build(
    name: str,
    org: "Organization",
    year: int,
    fmt: str,
    *,
    thai_digits: bool = True,
    options: Mapping[str, Any] | None = None,
) -> Output:
    """Write report `name` of `org` for fiscal `year` in `fmt`, or raise ReportError."""
    kind = get(name)
    if kind is None:
        raise ReportError(
            _("ไม่รู้จักรายงาน “%(name)s” ใช้ได้: %(kinds)s")
            % {"name": name, "kinds": ", ".join(k.name for k in kinds())}
        )
    if fmt not in kind.formats:
        raise ReportError(
            _("รายงาน %(name)s ไม่มีรูปแบบ “%(fmt)s” ใช้ได้: %(formats)s")
            % {"name": name, "fmt": fmt, "formats": ", ".join(kind.formats)}
        )
    given = {key: value for key, value in (options or {}).items() if value is not None}
    accepted = {option.name for option in kind.options}
    unknown = sorted(set(given) - accepted)
    if unknown:
        flags = ", ".join(f"--{key}" for key in unknown)
        raise ReportError(
            _("รายงาน %(name)s ไม่ใช้ตัวเลือก %(flags)s") % {"name": name, "flags": flags}
        )
    for option in kind.options:
        if option.required and option.name not in given:
            raise ReportError(
                _("รายงาน %(name)s ต้องระบุ --%(option)s (%(help)s)")
                % {"name": name, "option": option.name, "help": option.help}
            )
    return kind.build(org, year, fmt, thai_digits=thai_digits, options=given)
