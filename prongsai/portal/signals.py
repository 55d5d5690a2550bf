"""Empty an org's cached public pages whenever something they show is saved or deleted."""

from django.db.models.signals import post_delete, post_save

from prongsai.eservices.models import Service
from prongsai.inbox.models import CasePolicy
from prongsai.integrity.models import GiftDeclaration, GiftPolicy
from prongsai.ita.models import Plan
from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.livechat.models import OfficeHours
from prongsai.messaging.messenger.models import MessengerPage
from prongsai.orgs.models import Division, ItasLink, Organization
from prongsai.portal.caching import invalidate
from prongsai.portal.models import NewsItem, OitEvidence, Page, Site
from prongsai.surveys.models import Project, Survey

# Models whose rows appear on the cached pages (home, contact, privacy, news, pages, OIT index).
SHOWN_ON_PUBLIC_PAGES = (
    Site,
    NewsItem,
    Page,
    OitEvidence,
    Division,
    ItasLink,
    Plan,
    Survey,
    Project,
    Service,
    CasePolicy,
    GiftPolicy,
    GiftDeclaration,
    LineAccount,
    MessengerPage,
    OfficeHours,
)


def _org_changed(sender, instance, **kwargs) -> None:
    invalidate(instance.org_id)


def _organization_changed(sender, instance, **kwargs) -> None:
    invalidate(instance.pk)


for model in SHOWN_ON_PUBLIC_PAGES:
    post_save.connect(_org_changed, sender=model, dispatch_uid=f"portal-{model.__name__}-save")
    post_delete.connect(_org_changed, sender=model, dispatch_uid=f"portal-{model.__name__}-delete")
post_save.connect(_organization_changed, sender=Organization, dispatch_uid="portal-org-save")
post_delete.connect(_organization_changed, sender=Organization, dispatch_uid="portal-org-delete")
