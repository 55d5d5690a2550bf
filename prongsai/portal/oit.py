"""The OIT evidence index of a fiscal year: what proves each item of that year's framework.

An item is proven by Prongsai's own pages, chosen by the framework's `evidence`
key (`prongsai.ita.framework.EVIDENCE_KEYS`) and resolved here for the org and
the year, and by what the org adds itself (`OitEvidence`: a file, a link or one
of its pages, written by `portal.evidence`). A generated link counts only when
its page really holds something for that year: O42 once the plan is published,
the No Gift report once the year's policy is announced.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai import thai
from prongsai.eservices.models import Service
from prongsai.eservices.selectors import corruption_service
from prongsai.inbox import statistics
from prongsai.inbox.models import Case
from prongsai.inbox.selectors import day_range
from prongsai.integrity import gifts
from prongsai.integrity.models import GiftPolicy
from prongsai.ita.models import FrameworkYear, OitItem, Plan
from prongsai.messaging.line.models import LineAccount
from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.models import ItasLink, Organization, Position
from prongsai.portal import documents
from prongsai.portal.models import OitEvidence, Site
from prongsai.portal.news import published_news
from prongsai.surveys.models import Project, Response, Survey

MIN_YEAR, MAX_YEAR = 2500, 2700

# Reading the index -----------------------------------------------------------------------------


def is_fiscal_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def framework_years() -> list[int]:
    """Fiscal years that have an ITA framework, newest first."""
    return list(
        FrameworkYear.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True)
    )


def framework_for(*, fiscal_year: int) -> FrameworkYear | None:
    if not is_fiscal_year(fiscal_year):
        return None
    return FrameworkYear.objects.filter(fiscal_year=fiscal_year).first()


def current_year(*, today: date | None = None) -> int | None:
    """The current fiscal year if it has a framework, else the latest year that has one."""
    years = framework_years()
    current = thai.fiscal_year(today or timezone.localdate())
    if current in years:
        return current
    return next((year for year in years if year <= current), years[0] if years else None)


@dataclass(frozen=True)
class Link:
    """One piece of evidence as a link: `url` for the page, `address` in full for paper."""

    label: str
    url: str
    address: str
    file_kind: str = ""  # "PDF", "DOCX" … for files
    external: bool = False


@dataclass(frozen=True)
class Generated:
    """A page of Prongsai's that proves an item; `link` is None when it holds nothing yet."""

    label: str
    link: Link | None
    hint: str = ""  # for staff: why it holds nothing, and what to do

    @property
    def available(self) -> bool:
        return self.link is not None


@dataclass(frozen=True)
class Uploaded:
    evidence: OitEvidence
    link: Link | None  # None while it cannot be opened by the public (an unpublished page)
    hint: str = ""

    @property
    def available(self) -> bool:
        return self.link is not None


@dataclass
class Item:
    code: str
    title: str
    generated: list[Generated] = field(default_factory=list)
    uploaded: list[Uploaded] = field(default_factory=list)

    @property
    def links(self) -> list[Link]:
        """What the public sees: every piece of evidence that can be opened, generated first."""
        return [e.link for e in [*self.generated, *self.uploaded] if e.link is not None]

    @property
    def status(self) -> str:
        if any(g.available for g in self.generated):
            return "generated"
        if any(u.available for u in self.uploaded):
            return "uploaded"
        return "missing"

    @property
    def is_missing(self) -> bool:
        return self.status == "missing"


@dataclass
class Group:
    number: int | None
    name: str
    items: list[Item]


@dataclass
class OitIndex:
    fiscal_year: int
    groups: list[Group]

    @property
    def items(self) -> list[Item]:
        return [item for group in self.groups for item in group.items]

    @property
    def missing_count(self) -> int:
        return sum(item.is_missing for item in self.items)

    @property
    def proven_count(self) -> int:
        return len(self.items) - self.missing_count


def oit_index(
    *, org: Organization, framework: FrameworkYear, today: date | None = None
) -> OitIndex:
    """Every OIT item of the framework's year, grouped by indicator, with the org's evidence."""
    context = _Context(org=org, year=framework.fiscal_year, today=today or timezone.localdate())
    uploaded = _uploaded_by_item(org, framework.fiscal_year)
    groups: dict[int | None, Group] = {}
    rows = OitItem.objects.filter(year=framework).select_related("indicator").order_by("number")
    for row in rows:
        number = row.indicator.number if row.indicator else None
        if number not in groups:
            name = row.indicator.name if row.indicator else str(_("ข้ออื่น ๆ"))
            groups[number] = Group(number, name, [])
        groups[number].items.append(_item(row, context, uploaded.get(row.code, [])))
    ordered = sorted(groups.values(), key=lambda g: (g.number is None, g.number or 0))
    return OitIndex(framework.fiscal_year, ordered)


def oit_item(
    *, org: Organization, framework: FrameworkYear, code: str, today: date | None = None
) -> Item | None:
    """One item of the framework's year with the org's evidence, or None if the year has no such."""
    row = OitItem.objects.filter(year=framework, code=code).first()
    if row is None:
        return None
    context = _Context(org=org, year=framework.fiscal_year, today=today or timezone.localdate())
    uploaded = _uploaded_by_item(org, framework.fiscal_year, code)
    return _item(row, context, uploaded.get(code, []))


def _item(row: OitItem, context: "_Context", uploaded: list[Uploaded]) -> Item:
    resolve = _RESOLVERS.get(row.evidence)
    return Item(
        code=row.code,
        title=row.title,
        generated=resolve(context) if resolve else [],
        uploaded=uploaded,
    )


def _uploaded_by_item(
    org: Organization, fiscal_year: int, item_code: str | None = None
) -> dict[str, list[Uploaded]]:
    rows = evidence_of(org=org, fiscal_year=fiscal_year, item_code=item_code)
    uploaded: dict[str, list[Uploaded]] = {}
    for evidence in rows.select_related("page"):
        uploaded.setdefault(evidence.item_code, []).append(_uploaded(org, evidence))
    return uploaded


def evidence_of(*, org: Organization, fiscal_year: int, item_code: str | None = None):
    rows = OitEvidence.objects.for_org(org).filter(fiscal_year=fiscal_year)
    return rows.filter(item_code=item_code) if item_code is not None else rows


def _org_path(org: Organization, name: str, *args) -> str:
    return reverse(f"org:{name}", args=[org.slug, *args])


def _link(label, path: str, *, file_kind: str = "") -> Link:
    return Link(str(label), path, absolute_url(path), file_kind=file_kind)


def _uploaded(org: Organization, evidence: OitEvidence) -> Uploaded:
    if evidence.file:
        path = reverse("org:oit_file", args=[org.slug, evidence.fiscal_year, evidence.pk])
        kind = documents.KINDS.get(documents.content_type(evidence), "")
        return Uploaded(evidence, _link(evidence.title, path, file_kind=str(kind)))
    if evidence.url:
        external = not evidence.url.startswith(absolute_url("/"))
        link = Link(evidence.title, evidence.url, evidence.url, external=external)
        return Uploaded(evidence, link)
    page = evidence.page
    if not page.is_published:
        return Uploaded(evidence, None, str(_("หน้านี้ยังไม่เผยแพร่ ประชาชนจึงยังเปิดไม่ได้")))
    return Uploaded(evidence, _link(evidence.title, _org_path(org, "page", page.slug)))


# Generated evidence: one resolver per key of EVIDENCE_KEYS -----------------------------------


@dataclass
class _Context:
    """What the resolvers of one index share; each fact is read once, when first asked."""

    org: Organization
    year: int
    today: date

    @cached_property
    def year_range(self) -> tuple[date, date]:
        return thai.fiscal_year_range(self.year)

    @cached_property
    def plan(self) -> Plan | None:
        return Plan.objects.for_org(self.org).filter(fiscal_year=self.year).first()

    @cached_property
    def gift_policy(self) -> GiftPolicy | None:
        return announced_policy(org=self.org, fiscal_year=self.year, today=self.today)

    def generated(self, label, name: str, *args, query: str = "", hint="", when=True) -> Generated:
        path = _org_path(self.org, name, *args)
        if not when:
            return Generated(str(label), None, str(hint))
        return Generated(str(label), _link(label, path + query))


_RESOLVERS: dict[str, Callable[[_Context], list[Generated]]] = {}


def _resolves(*keys: str):
    def register(function: Callable[[_Context], list[Generated]]):
        for key in keys:
            _RESOLVERS[key] = function
        return function

    return register


@_resolves("service_stats")
def _service_stats(c: _Context) -> list[Generated]:
    low, high = day_range(*c.year_range)
    has_requests = (
        Case.objects.for_org(c.org)
        .filter(received_at__gte=low, received_at__lt=high, service__isnull=False)
        .filter(kind__in=statistics.SERVICE_KINDS)
        .exists()
    )
    return [
        c.generated(
            _("สถิติการให้บริการ ปีงบประมาณ %(year)s (จำแนกตามบริการและไตรมาส)") % {"year": c.year},
            "service_stats",
            c.year,
            when=has_requests,
            hint=_("ยังไม่มีคำขอรับบริการในปีงบประมาณนี้"),
        )
    ]


@_resolves("complaint_stats")
def _complaint_stats(c: _Context) -> list[Generated]:
    return [
        c.generated(
            _("สถิติเรื่องร้องเรียน ปีงบประมาณ %(year)s (จำแนกตามช่องทางและประเภท รวมเรื่องร้องเรียนการทุจริต)")
            % {"year": c.year},
            "stats",
            query=f"?year={c.year}&period=quarter",
            when=c.year in statistics.fiscal_years(org=c.org),
            hint=_("หน้าสถิติยังไม่มีข้อมูลของปีงบประมาณนี้"),
        )
    ]


@_resolves("satisfaction_report")
def _satisfaction_report(c: _Context) -> list[Generated]:
    low, high = day_range(*c.year_range)
    answered = (
        Response.objects.filter(survey__org=c.org, submitted_at__gte=low, submitted_at__lt=high)
        .exclude(survey__status=Survey.Status.DRAFT)
        .exists()
    )
    return [
        c.generated(
            _("รายงานผลการสำรวจความพึงพอใจการให้บริการ ปีงบประมาณ %(year)s") % {"year": c.year},
            "public_satisfaction_report",
            c.year,
            when=answered,
            hint=_("ยังไม่มีผู้ตอบแบบสำรวจความพึงพอใจในปีงบประมาณนี้"),
        )
    ]


@_resolves("eservices")
def _eservices(c: _Context) -> list[Generated]:
    offered = (
        Service.objects.for_org(c.org)
        .filter(is_active=True, kind__in=[Service.Kind.ESERVICE, Service.Kind.REQUEST])
        .exists()
    )
    return [
        c.generated(
            _("บริการออนไลน์ (E-Service)"),
            "services",
            when=offered,
            hint=_("ยังไม่มีบริการออนไลน์ที่เปิดให้บริการ"),
        )
    ]


def _guide(c: _Context) -> Generated:
    return c.generated(_("แนวปฏิบัติการจัดการเรื่องร้องเรียนและการร้องเรียนการทุจริต"), "complaint_guide")


def _corruption_channel(c: _Context) -> Generated:
    service = corruption_service(org=c.org)
    query = f"?service={service.code}" if service else ""
    return c.generated(
        _("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ (แบบฟอร์มออนไลน์)"), "complain", query=query
    )


@_resolves("complaint_manual")
def _complaint_manual(c: _Context) -> list[Generated]:
    return [_guide(c)]


@_resolves("complaint_channel")
def _complaint_channel(c: _Context) -> list[Generated]:
    return [_corruption_channel(c)]


@_resolves("complaint_handling")
def _complaint_handling(c: _Context) -> list[Generated]:
    return [_guide(c), _corruption_channel(c)]


@_resolves("participation")
def _participation(c: _Context) -> list[Generated]:
    held = Project.objects.for_org(c.org).filter(fiscal_year=c.year, is_published=True).exists()
    return [
        c.generated(
            _("โครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม ปีงบประมาณ %(year)s") % {"year": c.year},
            "projects",
            query=f"?year={c.year}",
            when=held,
            hint=_("ยังไม่มีโครงการที่เผยแพร่ของปีงบประมาณนี้"),
        )
    ]


@_resolves("contact_channels")
def _contact_channels(c: _Context) -> list[Generated]:
    return [c.generated(_("ข้อมูลการติดต่อและช่องทางติดต่อหน่วยงาน"), "contact")]


@_resolves("qa_channel")
def _qa_channel(c: _Context) -> list[Generated]:
    return [
        c.generated(_("กระดานถาม-ตอบ (Q&A)"), "qa_list"),
        c.generated(_("เว็บบอร์ด"), "board_list"),
        c.generated(_("แชทสดกับเจ้าหน้าที่ (Live chat)"), "chat"),
    ]


@_resolves("measures_plan")
def _measures_plan(c: _Context) -> list[Generated]:
    return [
        c.generated(
            _("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ %(year)s") % {"year": c.year},
            "public_report",
            c.year,
            "o42",
            when=c.plan is not None and c.plan.o42_published,
            hint=_("ยังไม่ได้เผยแพร่แผนมาตรการ (O42) ของปีงบประมาณนี้"),
        )
    ]


@_resolves("measures_results")
def _measures_results(c: _Context) -> list[Generated]:
    return [
        c.generated(
            _("รายงานผลการดำเนินการตามมาตรการ ปีงบประมาณ %(year)s") % {"year": c.year},
            "public_report",
            c.year,
            "o43",
            when=c.plan is not None and c.plan.o43_published,
            hint=_("ยังไม่ได้เผยแพร่ผลการดำเนินการตามมาตรการ (O43) ของปีงบประมาณนี้"),
        )
    ]


@_resolves("privacy_policy")
def _privacy_policy(c: _Context) -> list[Generated]:
    return [c.generated(_("นโยบายคุ้มครองข้อมูลส่วนบุคคล"), "privacy")]


@_resolves("no_gift")
def _no_gift(c: _Context) -> list[Generated]:
    return [
        c.generated(
            _("รายงานผลตามนโยบายไม่รับของขวัญ (No Gift Policy) ปีงบประมาณ %(year)s") % {"year": c.year},
            "no_gift",
            c.year,
            when=c.gift_policy is not None,
            hint=_("ยังไม่ได้ประกาศนโยบายไม่รับของขวัญของปีงบประมาณนี้"),
        )
    ]


@_resolves("no_gift_policy")
def _no_gift_policy(c: _Context) -> list[Generated]:
    return [
        c.generated(
            _("ประกาศนโยบายไม่รับของขวัญ (No Gift Policy) ปีงบประมาณ %(year)s") % {"year": c.year},
            "no_gift",
            c.year,
            query="#policy",
            when=c.gift_policy is not None,
            hint=_("ยังไม่ได้ประกาศนโยบายไม่รับของขวัญของปีงบประมาณนี้"),
        )
    ]


@_resolves("news")
def _news(c: _Context) -> list[Generated]:
    return [
        c.generated(
            _("ข่าวประชาสัมพันธ์"),
            "news",
            when=published_news(org=c.org).exists(),
            hint=_("ยังไม่มีข่าวที่เผยแพร่"),
        )
    ]


@_resolves("ita_invitation")
def _ita_invitation(c: _Context) -> list[Generated]:
    invited = (
        ItasLink.objects.for_org(c.org).filter(fiscal_year=c.year).exclude(eit_url="").exists()
    )
    return [
        c.generated(
            _("คำเชิญตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT) ปี %(year)s") % {"year": c.year},
            "invitation",
            c.year,
            when=invited,
            hint=_("ยังไม่ได้บันทึกลิงก์แบบวัด EIT ของปีนี้"),
        )
    ]


# Facts the generated pages share with the index -------------------------------------------


def announced_policy(
    *, org: Organization, fiscal_year: int, today: date | None = None
) -> GiftPolicy | None:
    """The year's No Gift policy once its announcement day has come; the public sees no draft."""
    policy = gifts.policy_for(org=org, fiscal_year=fiscal_year)
    if policy is None or policy.announced_on > (today or timezone.localdate()):
        return None
    return policy


@dataclass(frozen=True)
class ComplaintGuide:
    """The org's complaint handling as its data sets it: what the guide page prints."""

    default_days: int
    services: list[Service]  # complaint categories, corruption included, each with its limit
    corruption: Service | None
    handlers: list[Position]  # who sees corruption complaints
    office_hours: str
    line_id: str


def complaint_guide(*, org: Organization) -> ComplaintGuide:
    services = list(
        Service.objects.for_org(org)
        .filter(is_active=True, kind__in=[Service.Kind.COMPLAINT, Service.Kind.CORRUPTION])
        .select_related("division")
    )
    handlers = Position.objects.for_org(org).filter(handles_corruption=True)
    site = Site.objects.filter(org=org).first()
    line = LineAccount.objects.filter(org=org, is_active=True).exclude(basic_id="").first()
    return ComplaintGuide(
        default_days=settings.CASE_DEFAULT_TIME_LIMIT_DAYS,
        services=services,
        corruption=next((s for s in services if s.kind == Service.Kind.CORRUPTION), None),
        handlers=list(handlers.select_related("division")),
        office_hours=site.office_hours if site else "",
        line_id=line.basic_id if line else "",
    )
