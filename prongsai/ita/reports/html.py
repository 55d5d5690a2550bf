"""The measures report as HTML: one table template for the staff page, the public page and files."""

from typing import Any

from django.template.loader import render_to_string


def render_document(data: dict[str, Any]) -> str:
    """A standalone HTML document (its print stylesheet inside) to save, print or convert."""
    return render_to_string("ita/reports/document.html", {"report": data})
