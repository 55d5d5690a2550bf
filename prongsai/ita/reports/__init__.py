"""Reports of the ita app: the O42 plan and the O43 results, in PDF, DOCX and HTML.

`data.report_data` is the one source every format reads; `registry` names the
report kinds that `manage.py report` and the staff buttons know, so that other
apps add theirs (e.g. the quarterly executive report) without touching `ita`.
"""

from prongsai.ita.reports.registry import (
    Option,
    Output,
    ReportError,
    ReportKind,
    build,
    get,
    kinds,
    register,
)

__all__ = [
    "Option",
    "Output",
    "ReportError",
    "ReportKind",
    "build",
    "get",
    "kinds",
    "register",
]
