"""The org's admins keep their service catalog and bookable resources here."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from prongsai.eservices import services
from prongsai.eservices.catalog_forms import (
    FieldFormSet,
    ResourceForm,
    ServiceForm,
    StepFormSet,
    field_initial,
    fields_from,
    steps_from,
)
from prongsai.eservices.models import Resource, Service
from prongsai.inbox.forms import apply_errors
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org

ADMIN = Membership.Role.ADMIN


@staff_required(ADMIN)
def service_list(request):
    context = {
        "services": Service.objects.for_org(request.org).select_related("division", "resource"),
        "resources": Resource.objects.for_org(request.org).select_related("division"),
    }
    return render(request, "eservices/staff/catalog.html", context)


@staff_required(ADMIN)
def service_edit(request, code: str | None = None):
    service = get_for_org(Service.objects, request.org, code=code) if code else Service()
    data = request.POST or None
    form = ServiceForm(request.org, data, instance=service)
    questions = FieldFormSet(data, prefix="fields", initial=field_initial(service))
    steps = StepFormSet(data, prefix="steps", initial=service.manual_steps)
    if request.method == "POST" and form.is_valid() and questions.is_valid() and steps.is_valid():
        try:
            saved = services.save_service(
                service=form.save(commit=False),
                form_fields=fields_from(questions),
                manual_steps=steps_from(steps),
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกบริการ “%(name)s” แล้ว") % {"name": saved.name})
            return redirect("org:catalog", request.org.slug)
    context = {"form": form, "questions": questions, "steps": steps, "service": service}
    return render(request, "eservices/staff/service_edit.html", context)


@staff_required(ADMIN)
def resource_edit(request, pk: int | None = None):
    resource = get_for_org(Resource.objects, request.org, pk=pk) if pk else Resource()
    form = ResourceForm(request.org, request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_resource(
                resource=form.save(commit=False), actor=request.user, request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("org:catalog", request.org.slug)
    return render(
        request, "eservices/staff/resource_edit.html", {"form": form, "resource": resource}
    )
