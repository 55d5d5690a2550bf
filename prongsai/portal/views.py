"""The org's home page and the site-wide statements (contact, privacy, accessibility)."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.eservices.models import Service
from prongsai.eservices.selectors import active_services, corruption_service, popular_services
from prongsai.ita.selectors import published_plans
from prongsai.orgs import selectors
from prongsai.orgs.hosts import absolute_url
from prongsai.portal.caching import cached_public_page
from prongsai.portal.channels import channels_of
from prongsai.portal.news import latest_news, menu_pages
from prongsai.surveys.posters import invitation_path, qr_svg
from prongsai.surveys.public_views import ANSWERED_COOKIE, ANSWERED_MAX_AGE
from prongsai.surveys.selectors import open_invitation, open_surveys
from prongsai.thai import fiscal_year

HOME_SERVICES = 8
# The statements describe Prongsai's behaviour: change these dates when their text changes.
PRIVACY_NOTICE_REVISED = date(2026, 11, 26)
ACCESSIBILITY_REVIEWED = date(2026, 11, 26)


@cached_public_page
def home(request):
    org = request.org
    today = timezone.localdate()
    channels = channels_of(org=org)
    context = {
        "site": channels.site,
        "channels": channels,
        # Most used over the last year first; the rest are one tap away.
        "services": popular_services(
            org=org, since=timezone.now() - timedelta(days=365), limit=HOME_SERVICES
        ),
        "corruption_service": corruption_service(org=org),
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
        "corruption_service": corruption_service(org=org),
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
