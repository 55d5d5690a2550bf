"""Writing the org's own OIT evidence: adding, ordering and removing; atomic and audited."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from prongsai.ita.models import OitItem
from prongsai.orgs import audit
from prongsai.orgs.models import Organization
from prongsai.portal import documents
from prongsai.portal.models import OitEvidence, Page
from prongsai.portal.oit import evidence_of, framework_for


def _check_year_item(fiscal_year: int, item_code: str) -> None:
    framework = framework_for(fiscal_year=fiscal_year)
    if framework is None:
        raise ValidationError(
            _("ยังไม่มีกรอบการประเมิน ITA ของปีงบประมาณ %(year)s"), params={"year": fiscal_year}
        )
    if not OitItem.objects.filter(year=framework, code=item_code).exists():
        raise ValidationError(
            {
                "item_code": _("ไม่มีข้อ %(code)s ในกรอบการประเมินปีงบประมาณ %(year)s")
                % {"code": item_code, "year": fiscal_year}
            }
        )


@transaction.atomic
def add_evidence(
    *,
    org: Organization,
    fiscal_year: int,
    item_code: str,
    title: str = "",
    upload: UploadedFile | None = None,
    url: str = "",
    page: Page | None = None,
    actor=None,
    request=None,
) -> OitEvidence:
    """Add one piece of evidence to an item of the year: a file, a link or one of the org's pages.

    Exactly one source. A page's title is the default title; files and links need one.
    A file is checked by content (`clean_evidence_file`); nothing is stored when anything fails.
    """
    _check_year_item(fiscal_year, item_code)
    url = (url or "").strip()
    sources = [upload is not None, bool(url), page is not None]
    if sum(sources) != 1:
        raise ValidationError(_("หลักฐานหนึ่งรายการต้องเป็นไฟล์ ลิงก์ หรือหน้าเว็บ อย่างใดอย่างหนึ่ง"))
    if page is not None and page.org_id != org.pk:
        raise ValidationError({"page": _("หน้าเว็บนี้ไม่ได้อยู่ในหน่วยงานเดียวกัน")})
    title = (title or "").strip() or (page.title if page is not None else "")
    if not title:
        raise ValidationError({"title": _("กรุณาตั้งชื่อหลักฐาน เช่น ชื่อเอกสารหรือชื่อหน้า")})
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError(
                {"url": _("ลิงก์ไม่ถูกต้อง ต้องขึ้นต้นด้วย https:// หรือ http://")}
            ) from None
    clean = None
    if upload is not None:
        try:
            clean = documents.clean(upload)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None

    last = evidence_of(org=org, fiscal_year=fiscal_year, item_code=item_code).aggregate(
        last=Max("order")
    )["last"]
    evidence = OitEvidence(
        org=org,
        fiscal_year=fiscal_year,
        item_code=item_code,
        title=title[:300],
        url=url,
        page=page,
        order=0 if last is None else last + 1,
        created_by=_user(actor, request),
    )
    stored = ""
    if clean is not None:
        evidence.file.save(
            f"evidence{documents.FILE_EXTENSIONS[clean.content_type]}",
            ContentFile(clean.data),
            save=False,
        )
        stored = evidence.file.name
    try:
        evidence.full_clean()
        evidence.save()
        audit.record(
            action="oit_evidence_added",
            request=request,
            actor=actor,
            org=org,
            target=evidence,
            detail={"fiscal_year": fiscal_year, "item": item_code, "source": _source(evidence)},
        )
    except BaseException:
        # The file was written before the row; a row that is not saved leaves no file behind.
        if stored:
            evidence.file.storage.delete(stored)
        raise
    return evidence


@transaction.atomic
def move_evidence(
    *, org: Organization, evidence: OitEvidence, up: bool, actor=None, request=None
) -> None:
    """Swap a piece of evidence with its neighbour above (`up`) or below, within its item."""
    _check_own(org, evidence)
    siblings = list(
        evidence_of(org=org, fiscal_year=evidence.fiscal_year, item_code=evidence.item_code)
        .select_for_update()
        .order_by("order", "pk")
    )
    index = next(i for i, row in enumerate(siblings) if row.pk == evidence.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for order, row in enumerate(siblings):
        if row.order != order:
            row.order = order
            row.save(update_fields=["order"])
    audit.record(
        action="oit_evidence_moved",
        request=request,
        actor=actor,
        org=org,
        target=evidence,
        detail={"item": evidence.item_code, "up": up},
    )


@transaction.atomic
def remove_evidence(*, org: Organization, evidence: OitEvidence, actor=None, request=None) -> None:
    """Remove one piece of evidence and, once that is committed, its file."""
    _check_own(org, evidence)
    detail = {
        "fiscal_year": evidence.fiscal_year,
        "item": evidence.item_code,
        "title": evidence.title[:100],
        "source": _source(evidence),
    }
    name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    audit.record(
        action="oit_evidence_removed",
        request=request,
        actor=actor,
        org=org,
        target=evidence,
        detail=detail,
    )
    evidence.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _check_own(org: Organization, evidence: OitEvidence) -> None:
    # Views fetch with get_for_org; this guards callers that do not (commands, demos).
    if evidence.org_id != org.pk:
        raise ValueError("the evidence belongs to another org")


def _source(evidence: OitEvidence) -> str:
    return "file" if evidence.file else "url" if evidence.url else "page"


def _user(actor, request):
    if getattr(actor, "pk", None):
        return actor
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
