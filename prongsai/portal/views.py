"""The org's home page and the site-wide statements (contact, privacy, accessibility)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.eservices.models import Service
from prongsai.eservices.selectors import active_services
from prongsai.ita.selectors import published_plans
from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.livechat.selectors import Availability, availability
from prongsai.messaging.messenger.models import MessengerPage
from prongsai.orgs import selectors
from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.models import Organization
from prongsai.portal.caching import cached_public_page
from prongsai.portal.models import Site
from prongsai.portal.news import latest_news, menu_pages
from prongsai.portal.site_forms import site_of
from prongsai.surveys.posters import invitation_path, qr_svg
from prongsai.surveys.public_views import ANSWERED_COOKIE, ANSWERED_MAX_AGE
from prongsai.surveys.selectors import open_invitation, open_surveys
from prongsai.thai import fiscal_year, to_arabic_digits

LINE_ADD_FRIEND = "https://line.me/R/ti/p/{}"
# Services on the home page, most used over this many days first; the rest are one tap away.
HOME_SERVICES = 8
USE_COUNTED_DAYS = 365
# The statements describe Prongsai's behaviour: change these dates when their text changes.
PRIVACY_NOTICE_REVISED = date(2026, 11, 26)
ACCESSIBILITY_REVIEWED = date(2026, 11, 26)

_DIALABLE = re.compile(r"\+?[0-9][0-9 -]*")


def dial_number(phone: str) -> str:
    """The first number of a phone field ("โทร ๐๔๔-123456 ต่อ 12, 081…") as `tel:` dials it."""
    match = _DIALABLE.search(to_arabic_digits(phone))
    return re.sub(r"[ -]", "", match.group()) if match else ""


@dataclass(frozen=True)
class Channels:
    """The org's two-way channels, as the home, contact and privacy pages describe them."""

    site: Site
    line_url: str
    line_id: str
    line_connected: bool  # the LINE OA files cases through Prongsai's webhook
    messenger: bool
    chat: Availability
    dial: str

    @property
    def line_qr(self) -> str:
        return qr_svg(self.line_url, title=_("QR Code เพิ่มเพื่อน LINE")) if self.line_url else ""


def channels_of(*, org: Organization) -> Channels:
    site = site_of(org=org)
    account = LineAccount.objects.filter(org=org, is_active=True).first()
    line_id = f"@{account.basic_id.lstrip('@')}" if account and account.basic_id else ""
    return Channels(
        site=site,
        line_url=LINE_ADD_FRIEND.format(line_id) if line_id else site.line_oa_url,
        line_id=line_id,
        line_connected=account is not None,
        messenger=MessengerPage.objects.filter(org=org, is_active=True).exists(),
        chat=availability(org=org),
        dial=dial_number(org.phone),
    )


def popular_services(*, org: Organization, since: datetime) -> list[Service]:
    """The e-services and requests filed most since `since`, then in the staff's order."""
    services = active_services(org=org, kinds=(Service.Kind.ESERVICE, Service.Kind.REQUEST))
    return list(
        services.annotate(uses=Count("case", filter=Q(case__received_at__gte=since))).order_by(
            "-uses", "order", "name"
        )[:HOME_SERVICES]
    )


def _corruption_service(org: Organization) -> Service | None:
    # The complaint form opens on this category for "report corruption" links.
    return active_services(org=org, kinds=(Service.Kind.CORRUPTION,)).first()


@cached_public_page
def home(request):
    org = request.org
    today = timezone.localdate()
    channels = channels_of(org=org)
    context = {
        "site": channels.site,
        "channels": channels,
        "services": popular_services(
            org=org, since=timezone.now() - timedelta(days=USE_COUNTED_DAYS)
        ),
        "corruption_service": _corruption_service(org),
        "news": latest_news(org=org, limit=4),
        "divisions": selectors.divisions(org=org),
        "pages": menu_pages(org=org),
        "surveys": [s for s in open_surveys(org=org) if s.is_accepting()],
        "current_year": fiscal_year(today),
        "plans": published_plans(org=org),
    }
    # While the ITAS period is open, the home page invites stakeholders to answer the EIT.
    invitation = open_invitation(org=org, day=today)
    if invitation is not None and invitation.eit_url:
        context["invitation"] = invitation
        context["invitation_qr"] = qr_svg(
            absolute_url(invitation_path(invitation)), title=_("QR Code ไปยังหน้าคำเชิญ")
        )
    return render(request, "portal/home.html", context)


@cached_public_page
def contact(request):
    org = request.org
    channels = channels_of(org=org)
    context = {
        "site": channels.site,
        "channels": channels,
        "divisions": selectors.divisions(org=org),
        "corruption_service": _corruption_service(org),
    }
    return render(request, "portal/contact.html", context)


@cached_public_page
def privacy(request):
    org = request.org
    channels = channels_of(org=org)
    revised = PRIVACY_NOTICE_REVISED
    if channels.site.pk is not None:
        revised = max(revised, timezone.localdate(channels.site.updated_at))
    context = {
        "site": channels.site,
        "channels": channels,
        "has_eservices": active_services(
            org=org, kinds=(Service.Kind.ESERVICE, Service.Kind.REQUEST)
        ).exists(),
        "revised": revised,
        # The cookies as settings make them, so the notice cannot drift from the code.
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        "language_days": (settings.LANGUAGE_COOKIE_AGE or 0) // 86400,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "messages_cookie": CookieStorage.cookie_name,
        "answered_cookie": ANSWERED_COOKIE.format(pk="…"),
        "answered_days": ANSWERED_MAX_AGE // 86400,
    }
    return render(request, "portal/privacy.html", context)


@cached_public_page
def accessibility(request):
    return render(request, "portal/accessibility.html", {"reviewed": ACCESSIBILITY_REVIEWED})
