"""Writing participation projects, their photos and the org's villages; every write is audited.

Reading helpers for the project pages sit at the end.
"""

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.attachments import EXTENSIONS, CleanFile, clean_upload
from prongsai.orgs import audit
from prongsai.orgs.models import Organization, Village
from prongsai.surveys.models import Project, ProjectPhoto

# More than this in one save is a mistake (or an attack), not an activity album.
MAX_PHOTOS_PER_SAVE = 20


@dataclass(frozen=True)
class NewPhoto:
    upload: UploadedFile
    caption: str = ""


@dataclass(frozen=True)
class PhotoChange:
    photo: ProjectPhoto
    caption: str
    order: int


def _check_own(org: Organization, project: Project) -> None:
    if project.pk is not None and project.org_id != org.pk:
        raise ValueError("the project belongs to another org")


def clean_photos(photos: Sequence[NewPhoto]) -> list[tuple[CleanFile, str]]:
    """Check every photo before any is stored; all the problems are reported at once."""
    if len(photos) > MAX_PHOTOS_PER_SAVE:
        raise ValidationError(
            {"photos": _("เพิ่มภาพได้ครั้งละไม่เกิน %(n)s ภาพ") % {"n": MAX_PHOTOS_PER_SAVE}}
        )
    cleaned, problems = [], []
    for photo in photos:
        try:
            clean = clean_upload(photo.upload)
        except ValidationError as error:
            problems.extend(error.messages)
            continue
        if not clean.content_type.startswith("image/"):
            problems.append(
                _("ไฟล์ “%(name)s” ไม่ใช่รูปภาพ ภาพกิจกรรมต้องเป็น JPEG, PNG หรือ WebP")
                % {"name": photo.upload.name}
            )
            continue
        cleaned.append((clean, photo.caption.strip()))
    if problems:
        raise ValidationError({"photos": problems})
    return cleaned


@transaction.atomic
def save_project(
    *,
    org: Organization,
    project: Project,
    villages: Iterable[Village] = (),
    new_photos: Sequence[NewPhoto] = (),
    photo_changes: Sequence[PhotoChange] = (),
    removed_photos: Sequence[ProjectPhoto] = (),
    actor,
    request=None,
) -> Project:
    """Create or change a project with its villages and photos, all or nothing.

    Villages and division must be the org's; the photos are checked (images only,
    EXIF removed) before anything is written.
    """
    _check_own(org, project)
    project.org = org
    villages = list(villages)
    errors: dict[str, list] = {}
    if any(village.org_id != org.pk for village in villages):
        errors["villages"] = [_("เลือกได้เฉพาะหมู่บ้านในพื้นที่ของหน่วยงาน")]
    if project.division_id and project.division.org_id != org.pk:
        errors["division"] = [_("เลือกได้เฉพาะสำนัก/กองของหน่วยงาน")]
    if project.budget is not None and project.budget < 0:
        errors["budget"] = [_("งบประมาณต้องไม่ติดลบ")]
    try:
        project.full_clean(exclude=["org", "fiscal_year"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    photos: list[tuple[CleanFile, str]] = []
    try:
        photos = clean_photos(new_photos)
    except ValidationError as error:
        errors.setdefault("photos", []).extend(error.message_dict["photos"])
    if errors:
        raise ValidationError(errors)

    created = project.pk is None
    project.save()
    project.villages.set(villages)
    audit.record(
        action="project_created" if created else "project_changed",
        request=request,
        actor=actor,
        org=org,
        target=project,
        detail={"villages": [village.number for village in villages]},
    )
    change_photos(
        org=org,
        project=project,
        changes=photo_changes,
        removed=removed_photos,
        actor=actor,
        request=request,
    )
    _store_photos(org, project, photos, actor=actor, request=request)
    return project


@transaction.atomic
def add_photos(
    *, org: Organization, project: Project, photos: Sequence[NewPhoto], actor, request=None
) -> list[ProjectPhoto]:
    """Add activity photos to a project, after the following ones in order; all or none."""
    _check_own(org, project)
    return _store_photos(org, project, clean_photos(photos), actor=actor, request=request)


def _store_photos(
    org: Organization, project: Project, photos: list[tuple[CleanFile, str]], *, actor, request
) -> list[ProjectPhoto]:
    if not photos:
        return []
    last = project.photos.order_by("-order").values_list("order", flat=True).first()
    order = 0 if last is None else last + 1
    stored: list[ProjectPhoto] = []
    try:
        for clean, caption in photos:
            photo = ProjectPhoto(project=project, caption=caption[:300], order=order)
            name = secrets.token_hex(16) + EXTENSIONS[clean.content_type]
            photo.image.save(name, ContentFile(clean.data), save=False)
            stored.append(photo)
            photo.save()
            order += 1
    except Exception:
        # The rows roll back; the files written so far must not stay behind.
        for photo in stored:
            photo.image.storage.delete(photo.image.name)
        raise
    audit.record(
        action="project_photos_added",
        request=request,
        actor=actor,
        org=org,
        target=project,
        detail={"photos": [photo.pk for photo in stored]},
    )
    return stored


@transaction.atomic
def change_photos(
    *,
    org: Organization,
    project: Project,
    changes: Sequence[PhotoChange] = (),
    removed: Sequence[ProjectPhoto] = (),
    actor,
    request=None,
) -> None:
    """Change captions and order of a project's photos, and remove some of them.

    Removed files leave the storage only once the removal is committed.
    """
    _check_own(org, project)
    for photo in [change.photo for change in changes] + list(removed):
        if photo.project_id != project.pk:
            raise ValueError("the photo belongs to another project")
    removed_pks = {photo.pk for photo in removed}
    changed = []
    for change in changes:
        photo = change.photo
        if photo.pk in removed_pks:
            continue
        photo.caption, photo.order = change.caption.strip()[:300], max(change.order, 0)
        photo.save(update_fields=["caption", "order"])
        changed.append(photo.pk)
    if changed:
        audit.record(
            action="project_photos_changed",
            request=request,
            actor=actor,
            org=org,
            target=project,
            detail={"photos": changed},
        )
    for photo in removed:
        storage, name = photo.image.storage, photo.image.name
        photo.delete()
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        audit.record(
            action="project_photo_removed",
            request=request,
            actor=actor,
            org=org,
            target=project,
            detail={"photo": name.rsplit("/", 1)[-1], "caption": photo.caption},
        )


@transaction.atomic
def save_village(*, org: Organization, village: Village, actor, request=None) -> Village:
    """Add or rename a หมู่บ้าน of the org; a หมู่ที่ is used once per org."""
    if village.pk is not None and village.org_id != org.pk:
        raise ValueError("the village belongs to another org")
    village.org = org
    village.name = village.name.strip()
    village.full_clean(exclude=["org"], validate_unique=False, validate_constraints=False)
    if village.number < 1 or village.number > 99:
        raise ValidationError({"number": _("หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 99")})
    taken = (
        Village.objects.for_org(org).filter(number=village.number).exclude(pk=village.pk).first()
    )
    duplicate = ValidationError(
        {
            "number": _("หมู่ที่ %(n)s มีอยู่แล้ว (%(name)s) แก้ไขรายการเดิมแทนการเพิ่มใหม่")
            % {"n": village.number, "name": taken.name if taken else village.name}
        }
    )
    if taken is not None:
        raise duplicate
    created = village.pk is None
    try:
        # A savepoint: a number taken at the same moment by another admin must
        # not break the outer transaction.
        with transaction.atomic():
            village.save()
    except IntegrityError:
        raise duplicate from None
    audit.record(
        action="village_created" if created else "village_changed",
        request=request,
        actor=actor,
        org=org,
        target=village,
        detail={"number": village.number, "name": village.name},
    )
    return village
