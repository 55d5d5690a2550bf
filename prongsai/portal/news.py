"""Reading and writing the org's news and pages; every write is audited, all or nothing."""

import re
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.attachments import EXTENSIONS
from prongsai.orgs import audit
from prongsai.orgs.models import Organization
from prongsai.portal.images import clean_news_image
from prongsai.portal.models import NewsItem, Page
from prongsai.portal.richtext import sanitize

# What a page's address may end with: /pages/history/, /pages/laws-and-rules/.
SLUG_RULE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_RULE_TEXT = _(
    "ใช้ได้เฉพาะตัวอักษรภาษาอังกฤษตัวเล็ก (a–z) ตัวเลข (0–9) และขีดกลาง (-) คั่นระหว่างคำ "
    "ไม่เว้นวรรค เช่น history หรือ laws-and-rules"
)


# Reading.


def published_news(*, org: Organization) -> QuerySet[NewsItem]:
    """News the public may read: published, and not scheduled for later; newest first."""
    return (
        NewsItem.objects.for_org(org)
        .filter(published_at__lte=timezone.now())
        .select_related("org")  # their links and picture addresses name the org
    )


def latest_news(*, org: Organization, limit: int = 4) -> list[NewsItem]:
    return list(published_news(org=org)[:limit])


def menu_pages(*, org: Organization) -> QuerySet[Page]:
    """The published pages listed under "about the org", in the staff's order."""
    return Page.objects.for_org(org).filter(is_published=True, in_menu=True)


def published_pages(*, org: Organization) -> QuerySet[Page]:
    """Every page the public may read, in or out of the menu."""
    return Page.objects.for_org(org).filter(is_published=True)


def image_path(item: NewsItem) -> str:
    """Where the public loads the item's picture; the file's random name makes it a new
    address whenever the picture changes, so browsers may keep it for long."""
    version = item.image.name.rsplit("/", 1)[-1].split(".", 1)[0]
    return f"{reverse('org:news_image', args=[item.org.slug, item.pk])}?v={version}"


# Writing news.


def _check_own(org: Organization, obj: NewsItem | Page) -> None:
    if obj.pk is not None and obj.org_id != org.pk:
        raise ValueError("the object belongs to another org")


def _record(action: str, *, org, target, actor, request, **detail) -> None:
    audit.record(action=action, request=request, actor=actor, org=org, target=target, detail=detail)


@transaction.atomic
def save_news(
    *,
    org: Organization,
    item: NewsItem,
    image: UploadedFile | None = None,
    remove_image: bool = False,
    publish: bool = False,
    actor,
    request=None,
) -> NewsItem:
    """Create or change a news item, with its picture; `publish` also puts a draft online now.

    The body is sanitised; a picture is checked, stripped of EXIF and resized, and
    needs its alt text. Nothing is stored when anything is wrong.
    """
    _check_own(org, item)
    item.org = org
    item.title = item.title.strip()
    item.summary = item.summary.strip()
    item.image_alt = item.image_alt.strip()
    item.body = sanitize(item.body)
    errors: dict[str, list] = {}
    try:
        item.full_clean(exclude=["org", "image", "created_by"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if not item.title:
        errors["title"] = [_("กรอกหัวข้อข่าว")]
    picture = None
    if image is not None:
        try:
            picture = clean_news_image(image)
        except ValidationError as error:
            errors["image"] = error.messages
    keeps_picture = image is not None or (bool(item.image) and not remove_image)
    if keeps_picture and not item.image_alt:
        errors["image_alt"] = [
            _("บรรยายสิ่งที่อยู่ในภาพ สำหรับผู้ที่มองไม่เห็นภาพ เช่น “ชาวบ้านร่วมคัดแยกขยะที่ศาลาหมู่ 6”")
        ]
    if errors:
        raise ValidationError(errors)

    created = item.pk is None
    if created:
        item.created_by = actor if getattr(actor, "pk", None) else None
    old_file = item.image.name if item.image and (picture or remove_image) else ""
    if remove_image and picture is None:
        item.image = ""
        item.image_alt = ""
    published = publish and item.published_at is None
    if published:
        item.published_at = timezone.now()
    stored = ""
    try:
        if picture is not None:
            name = secrets.token_hex(8) + EXTENSIONS[picture.content_type]
            item.image.save(name, ContentFile(picture.data), save=False)
            stored = item.image.name
        item.save()
        _record(
            "news_created" if created else "news_changed",
            org=org,
            target=item,
            actor=actor,
            request=request,
            kind=item.kind,
            image="new" if picture else ("removed" if old_file else ""),
        )
        if published:
            _record("news_published", org=org, target=item, actor=actor, request=request)
    except Exception:
        # The row rolls back; the file written for it must not stay behind.
        if stored:
            item.image.storage.delete(stored)
        raise
    if old_file:
        storage = item.image.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return item


@transaction.atomic
def publish_news(
    *, org: Organization, item: NewsItem, at: datetime | None = None, actor, request=None
) -> NewsItem:
    """Put an item online now, or from `at` (a past `at` dates an old announcement)."""
    _check_own(org, item)
    now = timezone.now()
    item.published_at = at or now
    item.save(update_fields=["published_at", "updated_at"])
    scheduled = item.published_at > now
    _record(
        "news_scheduled" if scheduled else "news_published",
        org=org,
        target=item,
        actor=actor,
        request=request,
        at=item.published_at.isoformat(),
    )
    return item


@transaction.atomic
def unpublish_news(*, org: Organization, item: NewsItem, actor, request=None) -> NewsItem:
    """Take an item offline (or cancel its schedule): it is a draft again."""
    _check_own(org, item)
    item.published_at = None
    item.save(update_fields=["published_at", "updated_at"])
    _record("news_unpublished", org=org, target=item, actor=actor, request=request)
    return item


@transaction.atomic
def delete_news(*, org: Organization, item: NewsItem, actor, request=None) -> None:
    """Delete an item; its picture leaves the storage once the deletion is committed."""
    _check_own(org, item)
    _record("news_deleted", org=org, target=item, actor=actor, request=request, title=item.title)
    if item.image:
        storage, name = item.image.storage, item.image.name
        transaction.on_commit(lambda: storage.delete(name))
    item.delete()


# Writing pages.


@transaction.atomic
def save_page(*, org: Organization, page: Page, actor, request=None) -> Page:
    """Create or change a page; its slug follows SLUG_RULE and is used once per org."""
    _check_own(org, page)
    page.org = org
    page.slug = page.slug.strip().lower()
    page.title = page.title.strip()
    page.body = sanitize(page.body)
    errors: dict[str, list] = {}
    try:
        page.full_clean(exclude=["org", "slug"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not page.title:
        errors["title"] = [_("กรอกชื่อหน้า")]
    if not page.slug:
        errors["slug"] = [_("กรอกชื่อในที่อยู่เว็บ") + " " + str(SLUG_RULE_TEXT)]
    elif not SLUG_RULE.match(page.slug) or len(page.slug) > 60:
        errors["slug"] = [_("ชื่อในที่อยู่เว็บไม่ถูกต้อง") + " " + str(SLUG_RULE_TEXT)]
    duplicate = ValidationError(
        {"slug": [_("หน่วยงานมีหน้าที่ใช้ชื่อ “%(slug)s” แล้ว โปรดใช้ชื่ออื่น") % {"slug": page.slug}]}
    )
    if "slug" not in errors:
        taken = Page.objects.for_org(org).filter(slug=page.slug).exclude(pk=page.pk).exists()
        if taken:
            errors.update(duplicate.message_dict)
    if errors:
        raise ValidationError(errors)
    created = page.pk is None
    try:
        # A savepoint: the same slug taken at this moment by another editor must
        # not break the outer transaction.
        with transaction.atomic():
            page.save()
    except IntegrityError:
        raise duplicate from None
    _record(
        "page_created" if created else "page_changed",
        org=org,
        target=page,
        actor=actor,
        request=request,
        slug=page.slug,
        published=page.is_published,
    )
    return page


@transaction.atomic
def delete_page(*, org: Organization, page: Page, actor, request=None) -> None:
    """Delete a page, unless it proves an OIT item: then the evidence must go first."""
    _check_own(org, page)
    if page.evidence.exists():
        raise ValidationError(
            _(
                "หน้านี้ใช้เป็นหลักฐาน OIT อยู่ ลบไม่ได้ หากไม่ต้องการแสดงหน้านี้ "
                "ให้ยกเลิกการเผยแพร่แทน หรือนำออกจากหลักฐาน OIT ก่อน"
            ),
            code="evidence",
        )
    _record("page_deleted", org=org, target=page, actor=actor, request=request, slug=page.slug)
    page.delete()
