from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from prongsai.inbox import escalation
from prongsai.inbox.forms import apply_errors
from prongsai.orgs import selectors, services
from prongsai.orgs.member_forms import MemberForm, NewMemberForm
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org

Role = Membership.Role


@staff_required()
def dashboard(request):
    context = {
        "membership": request.membership,
        "itas": selectors.current_itas_link(org=request.org),
        "case_load": _case_load(request.membership),
    }
    return render(request, "staff/dashboard.html", context)


def _case_load(membership: Membership) -> dict | None:
    """Open and late matters per division, with their total: every division for
    admins and executives, their own for an officer who belongs to one."""
    if membership.role in (Role.ADMIN, Role.EXECUTIVE):
        rows = escalation.late_by_division(membership.org)
        return {"rows": rows, "total": escalation.total_load(rows)}
    if membership.role == Role.OFFICER and membership.division_id:
        rows = escalation.late_by_division(membership.org, divisions=[membership.division_id])
        return {"rows": rows, "total": None}
    return None


@staff_required(Role.ADMIN)
def members(request):
    return render(request, "staff/members.html", {"members": selectors.members(org=request.org)})


@never_cache
@staff_required(Role.ADMIN)
def member_new(request):
    form = NewMemberForm(request.org, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, password = services.add_member(
                org=request.org, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # The temporary password is shown on this one page and stored nowhere.
            context = {"membership": membership, "password": password}
            return render(request, "staff/member_added.html", context)
    return render(request, "staff/member_form.html", {"form": form, "membership": None})


@staff_required(Role.ADMIN)
def member_edit(request, pk: int):
    membership = get_for_org(Membership.objects.select_related("user"), request.org, pk=pk)
    initial = {
        "role": membership.role,
        "division": membership.division_id,
        "position": membership.position_id,
        "is_active": membership.is_active,
    }
    form = MemberForm(request.org, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_member(
                membership=membership, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("org:members", request.org.slug)
    return render(request, "staff/member_form.html", {"form": form, "membership": membership})


@never_cache
@require_POST
@staff_required(Role.ADMIN)
def member_reset_password(request, pk: int):
    membership = get_for_org(Membership.objects.select_related("user"), request.org, pk=pk)
    password = services.reset_password(membership=membership, actor=request.user, request=request)
    context = {"membership": membership, "password": password, "reset": True}
    return render(request, "staff/member_added.html", context)


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
