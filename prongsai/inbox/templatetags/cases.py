from django import template

from prongsai.inbox import tracking

register = template.Library()


@register.filter
def trackcode(code: str) -> str:
    """ "7KQ4M9XA" → "7KQ4-M9XA"."""
    return tracking.display(code)
