"""Staff endpoints on an org's cases, for a personal API token (`Authorization: Bearer …`).

The token's owner must be an active member of the org with an inbox role.
Corruption complaints come masked, as in the staff pages, unless the member may
see them; every look at one through the API is audit-logged.
"""

from datetime import date, datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from prongsai.api.stats import FIRST_YEAR, LAST_YEAR, ErrorOut, bad_request, parse_day
from prongsai.inbox import selectors, services
from prongsai.inbox.models import Case, CaseEvent
from prongsai.orgs import audit, tokens
from prongsai.orgs.models import ApiToken, Membership, Organization
from prongsai.orgs.permissions import membership_for
from prongsai.orgs.tenancy import get_org

PAGE_SIZE = 50


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return tokens.authenticate(token)


router = Router(tags=["cases"], auth=BearerToken())

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class CaseOut(Schema):
    tracking_code: str
    kind: str
    channel: str
    status: str
    priority: int
    subject: str
    service: str | None
    division: str | None
    assignee: str | None
    received_at: datetime
    due_at: datetime | None
    closed_at: datetime | None
    is_overdue: bool
    masked: bool


class CasePageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[CaseOut]


class EventOut(Schema):
    kind: str
    is_public: bool
    text: str
    actor: str | None
    from_status: str
    to_status: str
    created_at: datetime


class CaseDetailOut(CaseOut):
    text: str
    reporter_name: str
    reporter_phone: str
    reporter_email: str
    address: str
    village_no: int | None
    latitude: float | None
    longitude: float | None
    form_data: dict
    resolution: str
    timeline: list[EventOut]


def _access(request: HttpRequest, slug: str) -> tuple[Organization, Membership]:
    """The org of the URL and the token owner's membership in it, or 401/403."""
    org = get_org(slug)
    membership = membership_for(request.auth.user, org)
    if membership is None:
        # The token is a key to other orgs, not to this one.
        raise AuthenticationError(401, str(_("โทเค็นนี้ไม่ใช่ของบุคลากรในหน่วยงานนี้")))
    if membership.role not in selectors.INBOX_ROLES:
        raise HttpError(403, str(_("บทบาทของคุณไม่มีสิทธิ์ดูเรื่องของหน่วยงานผ่าน API")))
    return org, membership


def _choice(value: str, allowed: list[str], message) -> str:
    if value and value not in allowed:
        raise bad_request(message % {"value": value[:20]})
    return value


def _summary(case: Case, *, masked: bool) -> dict:
    return {
        "tracking_code": case.tracking_code,
        "kind": case.kind,
        "channel": case.channel,
        "status": case.status,
        "priority": case.priority,
        "subject": str(_("เรื่องร้องเรียนการทุจริต (ปกปิด)")) if masked else case.subject,
        "service": case.service.code if case.service else None,
        "division": case.division.name if case.division else None,
        "assignee": case.assignee.get_username() if case.assignee else None,
        "received_at": timezone.localtime(case.received_at),
        "due_at": timezone.localtime(case.due_at) if case.due_at else None,
        "closed_at": timezone.localtime(case.closed_at) if case.closed_at else None,
        "is_overdue": case.is_overdue,
        "masked": masked,
    }


def _event(event: CaseEvent, *, masked: bool) -> dict:
    return {
        "kind": event.kind,
        "is_public": event.is_public,
        "text": "" if masked else event.text,
        "actor": event.actor.get_username() if event.actor else None,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "created_at": timezone.localtime(event.created_at),
    }


@router.get("{slug}/cases/", response={200: CasePageOut, **ERRORS}, summary="Cases of an org")
def list_cases(
    request,
    slug: str,
    status: str = "",
    kind: str = "",
    channel: str = "",
    start: str = "",
    end: str = "",
    page: str = "1",
):
    """Newest first, 50 a page. `status` may also be `open`; `start`/`end` are `YYYY-MM-DD`."""
    org, membership = _access(request, slug)
    filters = selectors.CaseFilters(
        status=_choice(status, ["open", *Case.Status.values], _("ไม่รู้จักสถานะ “%(value)s”")),
        kind=_choice(kind, Case.Kind.values, _("ไม่รู้จักประเภทเรื่อง “%(value)s”")),
        channel=_choice(channel, Case.Channel.values, _("ไม่รู้จักช่องทาง “%(value)s”")),
        # Both bounds, even when one is open: filter_cases stretches a missing one to
        # date.min, which overflows when Bangkok's midnight is turned into UTC.
        start=parse_day(start, "start") if start else date(FIRST_YEAR, 1, 1),
        end=parse_day(end, "end") if end else date(LAST_YEAR, 12, 31),
    )
    if filters.start > filters.end:
        raise bad_request(_("วันที่เริ่มต้น (start) ต้องไม่อยู่หลังวันที่สิ้นสุด (end)"))
    if not (page.isascii() and page.isdigit()) or int(page) < 1:
        raise bad_request(_("page ต้องเป็นเลขหน้าตั้งแต่ 1 ขึ้นไป"))
    cases = selectors.filter_cases(org=org, filters=filters)
    paginator = Paginator(cases, PAGE_SIZE)
    number = int(page)
    if number > paginator.num_pages:
        raise Http404(_("ไม่มีหน้าที่ %(page)s") % {"page": number})
    listed = paginator.page(number).object_list
    visible = [c for c in listed if selectors.can_see_confidential(membership=membership, case=c)]
    services.record_list_view(cases=visible, request=request, via="api", actor=membership.user)
    results = [_summary(case, masked=case not in visible) for case in listed]
    return {
        "count": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "page_size": PAGE_SIZE,
        "results": results,
    }


@router.get("{slug}/cases/{code}/", response={200: CaseDetailOut, **ERRORS}, summary="One case")
def case_detail(request, slug: str, code: str):
    """A case with its whole timeline; `is_public` tells what the reporter sees."""
    org, membership = _access(request, slug)
    case = selectors.get_case(org=org, code=code)
    if case is None:
        raise Http404(_("ไม่พบเรื่องที่มีรหัสนี้"))
    masked = not selectors.can_see_confidential(membership=membership, case=case)
    if case.is_confidential:
        audit.record(
            action="case_viewed",
            request=request,
            actor=membership.user,
            org=org,
            target=case,
            detail={"via": "api", "masked": masked},
        )
    hidden = {
        "text": "",
        "reporter_name": "",
        "reporter_phone": "",
        "reporter_email": "",
        "address": "",
        "village_no": None,
        "latitude": None,
        "longitude": None,
        "form_data": {},
        "resolution": "",
    }
    shown = {field: getattr(case, field) for field in hidden}
    return {
        **_summary(case, masked=masked),
        **(hidden if masked else shown),
        "timeline": [_event(event, masked=masked) for event in selectors.staff_events(case=case)],
    }
