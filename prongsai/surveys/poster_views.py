"""QR codes and A4 posters for the org's pages, the ITAS links, and the public ITA invitation."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from prongsai import ratelimits
from prongsai.inbox.forms import apply_errors
from prongsai.orgs.models import ItasLink, Membership
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org
from prongsai.surveys import posters, services
from prongsai.surveys.itas_forms import ItasLinkForm, save_itas_link
from prongsai.surveys.models import Survey
from prongsai.typesetting import TypesettingError

Role = Membership.Role
STATS_DAYS = 30
FILE_KINDS = ("png", "pdf")


# Serving one target as a page, a PNG and a PDF ------------------------------------------


def _poster_page(
    request,
    target: posters.Target,
    *,
    file_url: str,
    file_args: list,
    query: dict[str, str] | None = None,
    **context,
) -> HttpResponse:
    """The QR code on screen, with links to download its PNG and its A4 poster."""
    suffix = f"?{urlencode(query)}" if query else ""
    slug = request.org.slug
    context |= {
        "target": target,
        "qr": posters.qr_svg(target.url, title=_("QR Code ไปยัง %(url)s") % {"url": target.url}),
        "png_url": reverse(file_url, args=[slug, *file_args, "png"]) + suffix,
        "pdf_url": reverse(file_url, args=[slug, *file_args, "pdf"]) + suffix,
    }
    return render(request, "surveys/posters/poster.html", context)


def _download(request, target: posters.Target, kind: str, filename: str) -> HttpResponse:
    """The PNG or the PDF of a target, counted as one poster made."""
    if kind not in FILE_KINDS:
        raise Http404
    if kind == "png":
        content, content_type = posters.qr_png(target.url), "image/png"
    else:
        try:
            content = posters.poster_pdf(
                org=request.org,
                title=target.title,
                call_to_action=target.call_to_action,
                url=target.url,
            )
        except TypesettingError:
            return render(
                request,
                "surveys/posters/failed.html",
                {"target": target},
                status=500,
            )
        content_type = "application/pdf"
    services.count_open(org=request.org, key=target.count_key)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


# Surveys --------------------------------------------------------------------------------


def _survey(request, pk: int) -> Survey:
    return get_for_org(Survey.objects.select_related("org"), request.org, pk=pk)


@require_GET
@staff_required()
def survey_poster(request, pk: int):
    survey = _survey(request, pk)
    return _poster_page(
        request,
        posters.survey_target(survey),
        file_url="org:survey_poster_file",
        file_args=[survey.pk],
        heading=_("โปสเตอร์ QR Code ของแบบสำรวจ"),
        survey=survey,
    )


@require_GET
@staff_required()
def survey_poster_file(request, pk: int, kind: str):
    survey = _survey(request, pk)
    return _download(request, posters.survey_target(survey), kind, f"survey-{survey.pk}-qr")


# Any public page of the org -------------------------------------------------------------


@require_GET
@staff_required()
def page_poster(request):
    raw = request.GET.get("path", "")
    title = request.GET.get("title", "")[: posters.TITLE_MAX]
    common = [(page, page.path(request.org)) for page in posters.COMMON_PAGES]
    context = {"common": common, "path": raw, "title": title}
    if not raw:
        return render(request, "surveys/posters/page_choose.html", context)
    try:
        path = posters.page_path(request.org, raw)
    except posters.PathRefused as refused:
        context["error"] = str(refused)
        return render(request, "surveys/posters/page_choose.html", context, status=400)
    target = posters.page_target(request.org, path, title)
    query = {"path": path, "title": title} if title else {"path": path}
    return _poster_page(
        request,
        target,
        file_url="org:page_poster_file",
        file_args=[],
        query=query,
        heading=_("โปสเตอร์ QR Code ของหน้าเว็บ"),
        back=reverse("org:page_poster", args=[request.org.slug]),
    )


@require_GET
@staff_required()
def page_poster_file(request, kind: str):
    try:
        path = posters.page_path(request.org, request.GET.get("path", ""))
    except posters.PathRefused as refused:
        return HttpResponse(str(refused), status=400, content_type="text/plain; charset=utf-8")
    target = posters.page_target(request.org, path, request.GET.get("title", ""))
    return _download(request, target, kind, "page-qr")


# ITAS links -----------------------------------------------------------------------------


def _stat_keys(year: int) -> list[str]:
    return [
        f"invitation:{year}",
        f"poster:itas:{year}:eit",
        f"invitation:{year}:iit",
        f"poster:itas:{year}:iit",
    ]


@require_GET
@staff_required(Role.ADMIN, Role.EXECUTIVE)
def itas_links(request):
    today = timezone.localdate()
    years = []
    for link in ItasLink.objects.for_org(request.org):
        keys = _stat_keys(link.fiscal_year)
        totals = posters.open_totals(org=request.org, keys=keys)
        years.append(
            {
                "link": link,
                "is_open": link.is_open_on(today),
                "totals": [totals[key] for key in keys],
                "days": posters.opens_by_day(
                    org=request.org, keys=keys, days=STATS_DAYS, today=today
                ),
            }
        )
    context = {
        "years": years,
        "can_edit": request.membership.role == Role.ADMIN,
        "stats_days": STATS_DAYS,
        "since": today - timedelta(days=STATS_DAYS - 1),
    }
    return render(request, "surveys/invitation/itas_links.html", context)


@never_cache
@staff_required(Role.ADMIN)
def itas_link_edit(request, year: int | None = None):
    link = get_for_org(ItasLink.objects, request.org, fiscal_year=year) if year else ItasLink()
    form = ItasLinkForm(request.org, request.POST or None, instance=link)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_itas_link(form=form, actor=request.user, request=request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("บันทึกลิงก์ ITAS ปีงบประมาณ %(year)s แล้ว") % {"year": saved.fiscal_year},
            )
            return redirect("org:itas_links", request.org.slug)
    return render(request, "surveys/invitation/itas_link_form.html", {"form": form, "link": link})


def _itas(request, year: int, tool: str) -> ItasLink:
    link = get_for_org(ItasLink.objects.select_related("org"), request.org, fiscal_year=year)
    if tool not in posters.ITAS_TOOLS or not getattr(link, f"{tool}_url"):
        raise Http404(_("ปีนี้ยังไม่มีลิงก์แบบวัดนี้"))
    return link


@require_GET
@staff_required()
def itas_poster(request, year: int, tool: str):
    link = _itas(request, year, tool)
    return _poster_page(
        request,
        posters.itas_target(link, tool),
        file_url="org:itas_poster_file",
        file_args=[year, tool],
        heading=_("โปสเตอร์เชิญตอบแบบวัด %(tool)s") % {"tool": tool.upper()},
        back=reverse("org:itas_links", args=[request.org.slug]),
        itas_link=link,
        tool=tool,
    )


@require_GET
@staff_required()
def itas_poster_file(request, year: int, tool: str, kind: str):
    link = _itas(request, year, tool)
    target = posters.itas_target(link, tool)
    return _download(request, target, kind, f"ita-{year}-{tool}-qr")


# The public invitation ------------------------------------------------------------------


def _invitation(request, year: int, tool: str) -> HttpResponse:
    link = ItasLink.objects.for_org(request.org).filter(fiscal_year=year).first()
    url = getattr(link, f"{tool}_url", "") if link else ""
    if not url:
        raise Http404(_("ไม่พบคำเชิญของปีนี้"))
    today = timezone.localdate()
    closed = link.closes_on is not None and today > link.closes_on
    not_yet = link.opens_on is not None and today < link.opens_on
    # Only a count for the day: no cookie, no address, nothing about who opened it; a
    # client that keeps reloading is shown the page without being counted again.
    key = f"invitation:{year}" if tool == "eit" else f"invitation:{year}:iit"
    if ratelimits.hit(request=request, org=request.org, bucket="invitation_open"):
        services.count_open(org=request.org, key=key)
    context = {
        "link": link,
        "tool": tool,
        "url": url,
        "closed": closed,
        "not_yet": not_yet,
        "qr": None if closed else posters.qr_svg(url, title=_("QR Code ไปยังแบบวัด")),
    }
    return render(request, "surveys/invitation/invitation.html", context)


@never_cache
@require_GET
def invitation(request, year: int):
    return _invitation(request, year, "eit")


@never_cache
@require_GET
def invitation_iit(request, year: int):
    return _invitation(request, year, "iit")
