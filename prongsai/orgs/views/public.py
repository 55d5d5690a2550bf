from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache

from prongsai.ita.selectors import published_plans
from prongsai.orgs import selectors
from prongsai.surveys.posters import absolute_url, invitation_path, qr_svg
from prongsai.surveys.selectors import open_invitation, open_surveys
from prongsai.thai import fiscal_year


def org_list(request):
    return render(request, "orgs/org_list.html", {"orgs": selectors.active_orgs()})


def org_home(request):
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
    return render(request, "orgs/org_home.html", context)


@cache_control(public=True, max_age=3600)
def org_logo(request):
    """The org's emblem: public, unlike the other uploads, which need a permission check."""
    if not request.org.logo:
        raise Http404
    return FileResponse(request.org.logo.open("rb"))


@never_cache
def healthz(request):
    """For load balancers and process supervisors: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
