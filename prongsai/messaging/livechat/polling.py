"""Small helpers shared by the visitor's and the staff's polling views."""

from collections.abc import Sequence

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def after_id(request: HttpRequest) -> int:
    """The `?after=` of a poll: the last message id the page has; 0 if absent or bad."""
    try:
        return max(int(request.GET.get("after", 0)), 0)
    except ValueError:
        return 0


def last_id(messages: Sequence) -> int:
    return messages[-1].pk if messages else 0
