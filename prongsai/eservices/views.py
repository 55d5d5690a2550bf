"""The e-service catalog and the form of each service."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from prongsai import ratelimits
from prongsai.eservices import selectors, services
from prongsai.eservices.forms import ServiceRequestForm
from prongsai.eservices.models import Service
from prongsai.inbox.forms import apply_errors
from prongsai.inbox.views.public import case_url

COMPLAINT_KINDS = (Service.Kind.COMPLAINT, Service.Kind.CORRUPTION)


def catalog(request):
    org = request.org
    context = {
        "services": selectors.active_services(
            org=org, kinds=(Service.Kind.ESERVICE, Service.Kind.REQUEST)
        ),
        "complaint_services": selectors.active_services(org=org, kinds=COMPLAINT_KINDS),
    }
    return render(request, "eservices/catalog.html", context)


@require_http_methods(["GET", "POST"])
def service_form(request, code: str):
    service = selectors.get_service(org=request.org, code=code)
    if service is None:
        raise Http404
    if service.kind in COMPLAINT_KINDS:
        return redirect(f"{reverse('org:complain', args=[request.org.slug])}?service={code}")
    form = ServiceRequestForm(service, request.POST or None, request.FILES or None)
    refusal = None
    if (
        request.method == "POST"
        and form.is_valid()
        and (refusal := ratelimits.limit_form(request, form, "eservice")) is None
    ):
        data = form.cleaned_data
        try:
            case = services.submit_request(
                service=service,
                subject=service.name,
                form_data=form.answers(),
                files=form.uploads(),
                start_date=data.get("start_date"),
                end_date=data.get("end_date"),
                idempotency_key=data["idempotency_key"],
                village_no=data.get("village_no"),
                address=data.get("address", ""),
                latitude=data.get("latitude"),
                longitude=data.get("longitude"),
                **form.contact_data(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(f"{case_url(case)}?new=1")
    context = {
        "service": service,
        "form": form,
        "bookings": selectors.upcoming_bookings(
            resource=service.resource, today=timezone.localdate()
        )
        if service.resource
        else [],
    }
    return ratelimits.refused(render(request, "eservices/service.html", context), refusal)
