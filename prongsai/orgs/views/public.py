from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache

from prongsai.orgs import selectors


def org_list(request):
    return render(request, "orgs/org_list.html", {"orgs": selectors.active_orgs()})


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
