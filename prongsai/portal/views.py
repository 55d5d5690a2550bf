"""The org's home page and the site-wide statements (contact, privacy, accessibility)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.ita.selectors import published_plans
from prongsai.orgs import selectors
from prongsai.orgs.hosts import absolute_url
from prongsai.portal.caching import cached_public_page
from prongsai.surveys.posters import invitation_path, qr_svg
from prongsai.surveys.selectors import open_invitation, open_surveys
from prongsai.thai import fiscal_year


@cached_public_page
def home(request):
    org = request.org
    context = {
        "divisions": selectors.divisions(org=org),
        "surveys": [s for s in open_surveys(org=org) if s.is_accepting()],
        "current_year": fiscal_year(timezone.localdate()),
        "plans": published_plans(org=org),
    }
    # While the ITAS period is open, the home page invites stakeholders to answer the EIT.
    invitation = open_invitation(org=org, day=timezone.localdate())
    if invitation is not None and invitation.eit_url:
        context["invitation"] = invitation
        context["invitation_qr"] = qr_svg(
            absolute_url(invitation_path(invitation)), title=_("QR Code ไปยังหน้าคำเชิญ")
        )
    return render(request, "portal/home.html", context)
