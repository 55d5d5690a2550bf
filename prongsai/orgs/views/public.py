from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from prongsai.orgs import selectors
from prongsai.orgs.models import Organization


def org_list(request):
    orgs = Organization.objects.filter(is_active=True)
    return render(request, "orgs/org_list.html", {"orgs": orgs})


def org_home(request):
    org = request.org
    context = {
        "divisions": selectors.divisions(org=org),
        "itas": selectors.current_itas_link(org=org),
    }
    return render(request, "orgs/org_home.html", context)


@never_cache
def healthz(request):
    """For load balancers and process supervisors: 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
