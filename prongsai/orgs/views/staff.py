from django.core.paginator import Paginator
from django.shortcuts import render

from prongsai.orgs import selectors
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required

Role = Membership.Role


@staff_required()
def dashboard(request):
    context = {
        "membership": request.membership,
        "itas": selectors.current_itas_link(org=request.org),
    }
    return render(request, "staff/dashboard.html", context)


@staff_required(Role.ADMIN)
def members(request):
    return render(request, "staff/members.html", {"members": selectors.members(org=request.org)})


@staff_required(Role.ADMIN, Role.EXECUTIVE)
def audit_log(request):
    action = request.GET.get("action", "")
    actor = request.GET.get("actor", "").strip()
    events = selectors.audit_events(org=request.org, action=action, actor=actor)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "actions": selectors.audit_actions(org=request.org),
        "action": action,
        "actor": actor,
    }
    return render(request, "staff/audit_log.html", context)
