"""Open311 GeoReport v2 endpoints of one org: they parse, call, and render JSON or XML."""

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from prongsai import ratelimits
from prongsai.eservices.open311 import catalog, keys, service_requests
from prongsai.eservices.open311.formats import Open311Error, render, render_error

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this document last changed: the endpoints and formats, not the catalog.
CHANGESET = "2026-11-25T00:00:00+07:00"
MAX_SPAN = timedelta(days=90)  # the spec's widest date range, and its default
ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\]$")


def endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer an Open311Error in the spec's error format, in the format asked for."""

    @wraps(view)
    def wrapped(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
        try:
            return view(request, fmt, **kwargs)
        except Open311Error as error:
            return render_error(fmt, error)

    return wrapped


def root_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("org:open311_root", args=[request.org.slug]))


@require_GET
@endpoint
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    org = request.org
    contact = " ".join(part for part in (org.name_th, org.phone, org.email) if part)
    data = {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": str(_("ขอคีย์ API ได้จากผู้ดูแลระบบของ %(org)s") % {"org": org.short_name}),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": root_url(request),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, "discovery", data)


@require_GET
@endpoint
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    entries = [catalog.service_entry(s) for s in catalog.published_services(org=request.org)]
    return render(fmt, "services", entries)


@require_GET
@endpoint
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    service = catalog.get_published_service(org=request.org, code=code)
    if service is None:
        raise Open311Error(404, _("ไม่พบบริการ %(code)s") % {"code": code})
    return render(fmt, "service_definition", catalog.service_definition(service))


@csrf_exempt  # a client application sends its api_key, not a browser session
@require_http_methods(["GET", "POST"])
@endpoint
def request_list(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    codes = _list(request, "service_request_id")
    if codes:
        # The spec: service_request_id overrides every other argument.
        cases = service_requests.requests_by_id(org=request.org, codes=codes)
    else:
        start, end = _date_range(request)
        cases = service_requests.find_requests(
            org=request.org,
            service_codes=_list(request, "service_code"),
            statuses=_statuses(request),
            start=start,
            end=end,
        )
    entries = [service_requests.request_entry(case) for case in cases]
    return render(fmt, "service_requests", entries)


@require_GET
@endpoint
def request_detail(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    case = service_requests.get_request(org=request.org, code=code)
    if case is None:
        raise Open311Error(404, _("ไม่พบคำร้อง %(id)s") % {"id": code})
    return render(fmt, "service_requests", [service_requests.request_entry(case)])


@require_GET
@endpoint
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    # Requests are filed at once, so the POST answer already holds the
    # service_request_id (the spec forbids sending a token beside it). A client
    # that asks anyway gets the id back for it: the token is the id itself,
    # which needs no second secret stored per case.
    case = service_requests.get_request(org=request.org, code=token)
    if case is None:
        raise Open311Error(404, _("ไม่พบโทเคน %(token)s") % {"token": token})
    return render(
        fmt,
        "service_requests",
        [{"service_request_id": case.tracking_code, "token": case.tracking_code}],
    )


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    verdict = ratelimits.hit(request=request, org=request.org, bucket="open311")
    if not verdict:
        return _too_many(fmt, verdict)
    key = keys.active_key(org=request.org, raw=data.get("api_key", "").strip())
    if key is None:
        raise Open311Error(403, _("api_key ไม่ถูกต้อง หรือไม่ได้ส่งมา"))
    # A key's client may speak for many people from many addresses: it has a limit of its own.
    verdict = ratelimits.hit(org=request.org, bucket="open311_key", client=f"key:{key.pk}")
    if not verdict:
        return _too_many(fmt, verdict)
    code = data.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("กรุณาระบุ service_code"))
    service = catalog.get_published_service(org=request.org, code=code)
    if service is None:
        raise Open311Error(404, _("ไม่พบบริการ %(code)s") % {"code": code})
    latitude, longitude = _coordinates(data.get("lat", ""), data.get("long", ""))
    attributes = {
        match[1]: value for name, value in data.items() if (match := ATTRIBUTE.match(name))
    }
    try:
        case = service_requests.file_request(
            org=request.org,
            key=key,
            service=service,
            description=data.get("description", ""),
            latitude=latitude,
            longitude=longitude,
            address=data.get("address_string", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            attributes=attributes,
            request=request,
        )
    except ValidationError as error:
        raise Open311Error(400, *error.messages) from None
    notice = _("%(org)s จะดำเนินการภายใน %(days)s วัน ติดตามได้ด้วยรหัส %(code)s") % {
        "org": request.org.short_name,
        "days": service.time_limit_days,
        "code": case.tracking_code,
    }
    entry = {"service_request_id": case.tracking_code, "service_notice": notice, "account_id": None}
    return render(fmt, "service_requests", [entry], status=201)


def _too_many(fmt: str, verdict: ratelimits.Verdict) -> HttpResponse:
    response = render_error(fmt, Open311Error(429, ratelimits.message(verdict)))
    return ratelimits.refused(response, verdict)


def _coordinates(lat: str, long: str) -> tuple[Decimal | None, Decimal | None]:
    if not lat.strip() and not long.strip():
        return None, None
    if not lat.strip() or not long.strip():
        raise Open311Error(400, _("ต้องส่งทั้ง lat และ long"))
    try:
        latitude, longitude = Decimal(lat.strip()), Decimal(long.strip())
    except InvalidOperation:
        raise Open311Error(400, _("lat และ long ต้องเป็นตัวเลข")) from None
    if not (latitude.is_finite() and longitude.is_finite()):
        raise Open311Error(400, _("lat และ long ต้องเป็นตัวเลข"))
    if abs(latitude) > 90 or abs(longitude) > 180:
        raise Open311Error(400, _("พิกัดไม่ถูกต้อง"))
    # The case keeps six decimals, about ten centimetres.
    step = Decimal("0.000001")
    return latitude.quantize(step), longitude.quantize(step)


def _list(request: HttpRequest, name: str) -> list[str]:
    """A parameter that may be comma delimited, declared several times, or both."""
    values = request.GET.getlist(name)
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _statuses(request: HttpRequest) -> list[str]:
    statuses = _list(request, "status")
    unknown = [s for s in statuses if s not in service_requests.STATUSES]
    if unknown:
        raise Open311Error(400, _("status ต้องเป็น open หรือ closed"))
    return statuses


def _date_range(request: HttpRequest) -> tuple[datetime, datetime]:
    """start_date..end_date, never wider than 90 days; by default the last 90 days."""
    start = _w3_param(request, "start_date")
    end = _w3_param(request, "end_date")
    try:
        if start is None and end is None:
            end = timezone.now()
        if start is None:
            start = end - MAX_SPAN
        elif end is None:
            end = start + MAX_SPAN
    except OverflowError:
        raise Open311Error(400, _("วันที่อยู่นอกช่วงที่รองรับ")) from None
    if end < start:
        raise Open311Error(400, _("end_date ต้องไม่ก่อน start_date"))
    if end - start > MAX_SPAN:
        raise Open311Error(400, _("ช่วง start_date ถึง end_date ต้องไม่เกิน 90 วัน"))
    return start, end


def _w3_param(request: HttpRequest, name: str) -> datetime | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Open311Error(
            400,
            _("%(name)s ต้องเป็นวันเวลาแบบ W3C เช่น 2010-01-01T00:00:00Z") % {"name": name},
        ) from None
    # The spec asks for an offset; a value without one is read as local time.
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
