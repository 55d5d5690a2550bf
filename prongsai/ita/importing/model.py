"""The structure a report file is read into, before anything touches the database."""

from dataclasses import dataclass, field
from datetime import date


class ReportError(ValueError):
    """A file that cannot be imported; `messages` are in Thai and name the row."""

    def __init__(self, messages: str | list[str]):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


class PlanNotEmpty(ReportError):
    """The plan of that year already has measures and the caller did not ask to replace them."""


@dataclass
class Row:
    """One table row as read from the file: the paragraphs of each cell."""

    cells: list[list[str]]
    # Where a reader finds the row: "บรรทัดที่ 9", "ตารางที่ 2 แถวที่ 3".
    where: str
    # True for a row of a DOCX/HTML table whose one cell spans the whole width.
    full_width: bool = False


@dataclass
class Document:
    """What a reader (tsv, html, docx) hands to `rows.build_report`."""

    title: str
    intro: str
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedStep:
    method: str
    responsible: str = ""
    period_label: str = ""
    start_month: date | None = None
    end_month: date | None = None
    result: str = ""
    suggestion: str = ""


@dataclass
class ParsedMeasure:
    number: int
    title: str
    tools: list[str] = field(default_factory=list)
    steps: list[ParsedStep] = field(default_factory=list)
    # Where the measure starts in the file; not part of what the measure is.
    row: str = field(default="", compare=False)


@dataclass
class ParsedReport:
    title: str
    intro: str
    measures: list[ParsedMeasure]
    warnings: list[str] = field(default_factory=list, compare=False)

    @property
    def step_count(self) -> int:
        return sum(len(measure.steps) for measure in self.measures)
