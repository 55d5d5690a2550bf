"""The staff page where the org's admins edit what the public site says about the org."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.portal.site_forms import SiteForm, save_site, site_of


@staff_required(Membership.Role.ADMIN)
@require_http_methods(["GET", "POST"])
def site_settings(request):
    org = request.org
    form = SiteForm(request.POST or None, instance=site_of(org=org))
    if request.method == "POST" and form.is_valid():
        save_site(form=form, request=request)
        messages.success(request, _("บันทึกข้อมูลเว็บไซต์แล้ว"))
        return redirect("org:site_settings", org.slug)
    context = {
        "form": form,
        "home_url": absolute_url(reverse("org:home", args=[org.slug])),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/staff/site.html", context, status=status)
