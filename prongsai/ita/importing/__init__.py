"""Reading existing O42/O43 reports (tab-separated text, HTML, DOCX) into a plan.

The one door for callers (the `import_report` command, the staff upload page, the demo):

    plan = import_report(org=org, fiscal_year=2566, data=path.read_bytes(), filename=path.name)

`parse_report` reads without writing; `save_report` writes a parsed report.
Both raise `ReportError` (Thai messages naming the row) and write nothing on failure.
"""

from prongsai.ita.importing.model import (
    ParsedMeasure,
    ParsedReport,
    ParsedStep,
    PlanNotEmpty,
    ReportError,
)
from prongsai.ita.importing.read import MAX_FILE_SIZE, SUFFIXES, parse_report
from prongsai.ita.importing.save import import_report, save_report

__all__ = [
    "MAX_FILE_SIZE",
    "SUFFIXES",
    "ParsedMeasure",
    "ParsedReport",
    "ParsedStep",
    "PlanNotEmpty",
    "ReportError",
    "import_report",
    "parse_report",
    "save_report",
]
