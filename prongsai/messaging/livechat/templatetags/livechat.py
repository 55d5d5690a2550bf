from django import template

from prongsai.messaging.livechat import selectors

register = template.Library()


@register.simple_tag
def chat_availability(org) -> selectors.Availability:
    """`{% chat_availability org as availability %}`: staff there now, and when next."""
    return selectors.availability(org=org)
