"""QR codes and printable A4 posters that lead citizens (and staff) to the org's pages.

A poster always points at a page of Prongsai itself, even for the ITAS
questionnaires: the invitation page counts the opens and then links to ITAS.
"""

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

import segno
from django.conf import settings
from django.db.models import Sum
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.models import ItasLink, Organization
from prongsai.surveys.models import OpenCount, Survey
from prongsai.typesetting import render_pdf

POSTER_TEMPLATE = Path(__file__).resolve().parent / "typst" / "poster.typ"
# M keeps the code small enough to scan from across a counter; Q survives a torn corner.
QR_ERROR = "q"
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules
LOGO_MAX_PX = 600
TITLE_MAX = 150
# OpenCount.key is 100 characters.
_KEY_MAX = 100


def _qr(url: str) -> segno.QRCode:
    return segno.make(url, error=QR_ERROR, micro=False)


def qr_svg(url: str, *, title: str = "") -> str:
    """An inline SVG of the QR code, sized by CSS (it has a viewBox and no width)."""
    return _qr(url).svg_inline(
        scale=4, border=QR_BORDER, omitsize=True, title=title or None, svgclass="qr-code"
    )


def qr_png(url: str, *, scale: int = 12) -> bytes:
    """A PNG of the QR code, black on white, large enough to print or put in a chat."""
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=scale, border=QR_BORDER)
    return buffer.getvalue()


def _qr_svg_file(url: str) -> bytes:
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="svg", border=QR_BORDER, xmldecl=False, omitsize=True)
    return buffer.getvalue()


def _logo_png(org: Organization) -> bytes | None:
    """The org's emblem as a modest PNG, or None if it has none or it cannot be read."""
    if not org.logo:
        return None
    try:
        with org.logo.open("rb") as handle, Image.open(handle) as image:
            image.thumbnail((LOGO_MAX_PX, LOGO_MAX_PX))
            converted = image.convert("RGBA")
            buffer = io.BytesIO()
            converted.save(buffer, format="PNG")
            return buffer.getvalue()
    except (OSError, UnidentifiedImageError, ValueError):
        # A broken emblem must not stop the poster; it is printed without it.
        return None


def poster_pdf(*, org: Organization, title: str, call_to_action: str, url: str) -> bytes:
    """An A4 portrait poster: emblem and name, a big title, the QR code of `url` and `url`."""
    logo = _logo_png(org)
    files = {"qr.svg": _qr_svg_file(url)}
    if logo:
        files["logo.png"] = logo
    contact = []
    if org.phone:
        contact.append(_("โทรศัพท์ %(phone)s") % {"phone": org.phone})
    if org.email:
        contact.append(_("อีเมล %(email)s") % {"email": org.email})
    data = {
        "org_name": org.name_th,
        "org_place": " ".join(
            part
            for part in (
                _("อำเภอ%(district)s") % {"district": org.district} if org.district else "",
                _("จังหวัด%(province)s") % {"province": org.province} if org.province else "",
            )
            if part
        ),
        "title": title,
        "call_to_action": call_to_action,
        "scan_hint": _("เปิดกล้องโทรศัพท์ แล้วส่องที่ QR Code"),
        "url_label": _("หรือพิมพ์ที่อยู่"),
        "url": url,
        "contact": " · ".join(contact),
        "footer": _("สอบถามเพิ่มเติม ติดต่อ %(org)s") % {"org": org.short_name},
        "has_logo": bool(logo),
    }
    return render_pdf(POSTER_TEMPLATE, data, files=files)


# Poster targets -------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a poster leads to: its title, a line telling people what to do, and the URL."""

    key: str  # for OpenCount: "poster:<key>"
    title: str
    call_to_action: str
    url: str

    @property
    def count_key(self) -> str:
        return f"poster:{self.key}"[:_KEY_MAX]


def survey_target(survey: Survey) -> Target:
    path = reverse("org:survey", args=[survey.org.slug, survey.pk])
    return Target(
        key=f"survey:{survey.pk}",
        title=survey.title,
        call_to_action=_(
            "ขอเชิญตอบแบบสำรวจ ใช้เวลาเพียงไม่กี่นาที ไม่ต้องลงชื่อ ความเห็นของท่านช่วยให้เราปรับปรุงงาน"
        ),
        url=absolute_url(path),
    )


ITAS_TOOLS = ("eit", "iit")


def invitation_path(link: ItasLink, tool: str = "eit") -> str:
    name = "org:invitation_iit" if tool == "iit" else "org:invitation"
    return reverse(name, args=[link.org.slug, link.fiscal_year])


def itas_target(link: ItasLink, tool: str) -> Target:
    if tool == "iit":
        title = _("ขอเชิญบุคลากรตอบแบบวัด IIT ปีงบประมาณ %(year)s") % {"year": link.fiscal_year}
        action = _(
            "การประเมินคุณธรรมและความโปร่งใส (ITA) ของสำนักงาน ป.ป.ช. "
            "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน ใช้เวลาประมาณ 5 นาที"
        )
    else:
        title = _("ร่วมประเมินคุณธรรมและความโปร่งใส (ITA) ปี %(year)s") % {"year": link.fiscal_year}
        action = _(
            "ท่านเคยติดต่อหรือรับบริการจากเรา? ขอเชิญตอบแบบวัด EIT ของสำนักงาน ป.ป.ช. ใช้เวลาประมาณ 5 นาที"
        )
    return Target(
        key=f"itas:{link.fiscal_year}:{tool}",
        title=title,
        call_to_action=action,
        url=absolute_url(invitation_path(link, tool)),
    )


# Public pages of the org a poster may lead to. Their first path segment after the slug
# may not be one of these: staff pages and machine endpoints are not for posters.
_NOT_PAGES = ("staff", "line", "messenger", "open311", "logo")
# Pages of one citizen's own case: a poster would print someone's tracking code.
_PRIVATE_NAMES = {"track", "track_file", "case_survey"}


class PathRefused(ValueError):
    """The path is not a public page of this org; the message says why, in Thai."""


def page_path(org: Organization, raw: str) -> str:
    """Check that `raw` is a public page of `org` and return it as path (+ query).

    Accepts "/<slug>/…" or an absolute URL on this instance's own SITE_URL.
    Raises PathRefused for anything else: other orgs, staff pages, other hosts.
    """
    raw = (raw or "").strip()
    if not raw:
        raise PathRefused(_("กรุณาระบุหน้าเว็บที่ต้องการทำโปสเตอร์"))
    if len(raw) > 500:
        raise PathRefused(_("ที่อยู่หน้าเว็บยาวเกินไป"))
    if any(unicodedata.category(c)[0] in "CZ" for c in raw) or "\\" in raw:
        raise PathRefused(_("ที่อยู่หน้าเว็บมีอักขระที่ใช้ไม่ได้"))
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc:
        site = urlsplit(settings.SITE_URL)
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            raise PathRefused(_("ทำโปสเตอร์ได้เฉพาะหน้าเว็บของหน่วยงานบนระบบนี้ ไม่รับที่อยู่ของเว็บไซต์อื่น"))
        path = parts.path
    else:
        # "//evil.example/…" parses as a host; anything not starting with one "/" is refused.
        if not raw.startswith("/") or raw.startswith("//"):
            raise PathRefused(_("กรุณาระบุที่อยู่ที่ขึ้นต้นด้วย /%(slug)s/") % {"slug": org.slug})
        path = parts.path
    segments = path.split("/")
    if any(s in (".", "..") or s.lower().startswith("%2e") for s in segments) or "%2f" in (
        path.lower()
    ):
        raise PathRefused(_("ที่อยู่หน้าเว็บมีอักขระที่ใช้ไม่ได้"))
    try:
        match = resolve(path)
    except Resolver404:
        raise PathRefused(_("ไม่พบหน้านี้ในระบบ กรุณาตรวจสอบที่อยู่")) from None
    if "org" not in match.namespaces or match.kwargs.get("org_slug") != org.slug:
        raise PathRefused(_("ทำโปสเตอร์ได้เฉพาะหน้าเว็บสาธารณะของ%(org)s") % {"org": org.short_name})
    rest = path[len(f"/{org.slug}/") :]
    if rest.split("/", 1)[0] in _NOT_PAGES or match.url_name in _PRIVATE_NAMES:
        raise PathRefused(_("หน้านี้ไม่ใช่หน้าเว็บสาธารณะสำหรับประชาชน จึงทำโปสเตอร์ไม่ได้"))
    return path + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class CommonPage:
    name: str  # URL name in the org namespace
    query: str
    label: str
    title: str
    call_to_action: str

    def path(self, org: Organization) -> str:
        path = reverse(f"org:{self.name}", args=[org.slug])
        return f"{path}?{self.query}" if self.query else path


COMMON_PAGES = (
    CommonPage(
        "home",
        "",
        gettext_lazy("หน้าแรกของหน่วยงาน"),
        gettext_lazy("ติดต่อเราออนไลน์ได้ทุกวัน"),
        gettext_lazy("ร้องเรียน ขอรับบริการ ติดตามเรื่อง และถาม-ตอบ ได้จากโทรศัพท์ของท่าน"),
    ),
    CommonPage(
        "complain",
        "",
        gettext_lazy("แบบฟอร์มร้องเรียน/ร้องทุกข์"),
        gettext_lazy("ร้องเรียน/ร้องทุกข์ออนไลน์"),
        gettext_lazy("แจ้งปัญหาได้ทันที ได้รับรหัสติดตามเรื่อง และรู้ผลการดำเนินการ"),
    ),
    CommonPage(
        "complain",
        "service=corruption",
        gettext_lazy("แจ้งเบาะแสการทุจริต"),
        gettext_lazy("แจ้งเบาะแสการทุจริตและประพฤติมิชอบ"),
        gettext_lazy("ข้อมูลผู้แจ้งได้รับการคุ้มครอง เห็นได้เฉพาะเจ้าหน้าที่ผู้รับผิดชอบ"),
    ),
    CommonPage(
        "services",
        "",
        gettext_lazy("บริการออนไลน์ (E-Service)"),
        gettext_lazy("บริการออนไลน์ (E-Service)"),
        gettext_lazy("ยื่นคำร้องและขอรับบริการได้โดยไม่ต้องเดินทางมาที่สำนักงาน"),
    ),
    CommonPage(
        "track_lookup",
        "",
        gettext_lazy("ติดตามเรื่อง"),
        gettext_lazy("ติดตามเรื่องที่แจ้งไว้"),
        gettext_lazy("กรอกรหัสติดตามเรื่อง เพื่อดูความคืบหน้าและคำตอบจากเจ้าหน้าที่"),
    ),
    CommonPage(
        "qa_list",
        "",
        gettext_lazy("กระดานถาม-ตอบ (Q&A)"),
        gettext_lazy("ถาม-ตอบกับหน่วยงาน"),
        gettext_lazy("มีข้อสงสัย ถามได้เลย เจ้าหน้าที่ตอบบนกระดานถาม-ตอบ"),
    ),
)


def page_target(org: Organization, path: str, title: str = "") -> Target:
    """The poster of a checked page path; the common pages come with their own wording."""
    common = next((page for page in COMMON_PAGES if page.path(org) == path), None)
    if common is not None:
        default_title, action = str(common.title), str(common.call_to_action)
    else:
        default_title = _("สแกนเพื่อเปิดหน้าเว็บของ%(org)s") % {"org": org.short_name}
        action = _("เปิดกล้องโทรศัพท์แล้วส่องที่ QR Code เพื่อเข้าสู่หน้าเว็บ")
    key = f"page:{path}"
    if len(f"poster:{key}") > _KEY_MAX:
        key = f"page:{hashlib.sha256(path.encode()).hexdigest()[:16]}"
    return Target(
        key=key,
        title=title.strip()[:TITLE_MAX] or default_title,
        call_to_action=action,
        url=absolute_url(quote(path, safe="/?=&%:+-_.~@!$'()*,;")),
    )


# How often they were opened ----------------------------------------------------------


def open_totals(*, org: Organization, keys: list[str]) -> dict[str, int]:
    """All-time opens of each key (a page or poster), zero for keys never opened."""
    rows = (
        OpenCount.objects.for_org(org)
        .filter(key__in=keys)
        .values("key")
        .annotate(n=Sum("count"))
        .order_by()
    )
    totals = dict.fromkeys(keys, 0)
    totals.update({row["key"]: row["n"] for row in rows})
    return totals


def opens_by_day(
    *, org: Organization, keys: list[str], days: int = 30, today: date | None = None
) -> list[tuple[date, list[int]]]:
    """Per day of the last `days` days (newest first) with any opens, the count of each key."""
    today = today or timezone.localdate()
    since = today - timedelta(days=days - 1)
    counts: dict[date, dict[str, int]] = {}
    for row in OpenCount.objects.for_org(org).filter(key__in=keys, day__gte=since, day__lte=today):
        counts.setdefault(row.day, {})[row.key] = row.count
    return [
        (day, [counts[day].get(key, 0) for key in keys]) for day in sorted(counts, reverse=True)
    ]
