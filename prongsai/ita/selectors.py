"""Reading plans for the public pages."""

from django.db.models import Q, QuerySet

from prongsai.ita.models import Plan
from prongsai.orgs.models import Organization


def published_plans(*, org: Organization) -> QuerySet[Plan]:
    """The org's plans whose O42 or O43 the public may read, newest first."""
    return Plan.objects.for_org(org).filter(Q(o42_published=True) | Q(o43_published=True))
