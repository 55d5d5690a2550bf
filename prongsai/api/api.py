"""The JSON API. OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from prongsai.api import orgs

api = NinjaAPI(title="Prongsai API", version="1", urls_namespace="api")


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("ไม่พบข้อมูล")}, status=404)


api.add_router("/orgs/", orgs.router)
