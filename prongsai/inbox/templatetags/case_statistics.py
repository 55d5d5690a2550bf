from django import template

from prongsai import thai

register = template.Library()


@register.filter
def dash(count: int) -> str:
    """A count as published tables print it: "–" for none; web pages use Arabic digits."""
    return thai.count_or_dash(count, thai_digits=False)
