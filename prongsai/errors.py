"""Answers to requests Django refuses before any view runs."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "/open311/" in request.path


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400, or 413 for a body over the size limit; JSON for the APIs, a Thai page otherwise."""
    if isinstance(exception, RequestDataTooBig):
        status, message = 413, _("ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด")
    else:
        status, message = 400, _("คำขอไม่ถูกต้อง")
    if _wants_json(request):
        if "/open311/" in request.path:
            return JsonResponse(
                [{"code": status, "description": message}], safe=False, status=status
            )
        return JsonResponse({"detail": message}, status=status)
    return render(request, "400.html", {"message": message}, status=status)
