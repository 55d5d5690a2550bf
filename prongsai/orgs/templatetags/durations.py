from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta) -> int:
    """Whole minutes of a duration, rounded up so a wait is never understated."""
    return -(-int(value.total_seconds()) // 60)
