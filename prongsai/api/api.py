"""The JSON API. OpenAPI schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from prongsai.api import cases, orgs, plans, stats, surveys

api = NinjaAPI(title="Prongsai API", version="1", urls_namespace="api")


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("ไม่พบข้อมูล")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    # Ninja's own message is the bare English "Unauthorized"; ours says what to send.
    message = str(exc) if str(exc) != "Unauthorized" else ""
    response = api.create_response(
        request,
        {"detail": message or _("กรุณาส่งโทเค็น API ที่ใช้งานได้ในส่วนหัว Authorization: Bearer")},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(ValidationError)
def invalid_parameter(request, exc):
    # Pydantic's messages are English and list internals; say which parameter is wrong.
    names = [str(error["loc"][-1]) for error in exc.errors if error.get("loc")]
    return api.create_response(
        request,
        {"detail": _("ค่าของ %(names)s ไม่ถูกต้อง") % {"names": ", ".join(names) or "?"}},
        status=422,
    )


api.add_router("/orgs/", orgs.router)
api.add_router("/orgs/", stats.router)
api.add_router("/orgs/", cases.router)
api.add_router("/orgs/", surveys.router)
api.add_router("/orgs/", plans.router)
