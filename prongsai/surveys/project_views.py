"""Participation projects: staff keep them, with photos and villages; citizens read them."""

import mimetypes
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from prongsai.inbox.attachments import stored_file_response
from prongsai.inbox.forms import apply_errors
from prongsai.orgs.models import Membership, Village
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org
from prongsai.surveys import projects, selectors
from prongsai.surveys.models import Project, ProjectPhoto
from prongsai.surveys.project_forms import (
    NewPhotoFormSet,
    PhotoFormSet,
    ProjectForm,
    VillageForm,
    new_photos_from,
    photo_edits_from,
)
from prongsai.thai import format_date_range
from prongsai.thai.calendar import fiscal_year

Role = Membership.Role
EDITORS = (Role.ADMIN, Role.OFFICER)
READERS = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)


# Showing figures and dates.


def date_range_text(start: date, end: date) -> str:
    """The period as Thai pages write it, or in the page's language otherwise.

    Web pages use Arabic digits, as the `thaidate` filter does.
    """
    if get_language() == "th":
        return format_date_range(start, end, thai_digits=False)
    first, last = (formats.date_format(d, "DATE_FORMAT") for d in (start, end))
    return first if start == end else f"{first} – {last}"


def baht(amount: Decimal | None) -> str:
    """120000 → "120,000"; satang only when there are some."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _year_param(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return fiscal_year(timezone.localdate())
    return year if 2400 <= year <= 2999 else fiscal_year(timezone.localdate())


def _serve_photo(photo: ProjectPhoto, *, public: bool) -> FileResponse:
    content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        raise Http404
    return stored_file_response(
        photo.image,
        content_type=content_type,
        cache_control="public, max-age=600" if public else "private, no-store",
    )


# Staff pages.


@staff_required(*READERS)
def staff_list(request):
    org = request.org
    year = _year_param(request)
    all_projects = Project.objects.for_org(org)
    years = sorted(set(all_projects.values_list("fiscal_year", flat=True)) | {year}, reverse=True)
    rows = (
        all_projects.filter(fiscal_year=year)
        .select_related("division")
        .prefetch_related("villages", "photos", "surveys")
    )
    context = {
        "year": year,
        "years": years,
        "projects": [
            {"project": p, "dates": date_range_text(p.starts_on, p.ends_on)} for p in rows
        ],
        "can_edit": request.membership.role in EDITORS,
        "is_admin": request.membership.role == Role.ADMIN,
    }
    return render(request, "surveys/projects/staff_list.html", context)


@staff_required(*READERS)
def project_edit(request, pk: int | None = None):
    org = request.org
    can_edit = request.membership.role in EDITORS
    if pk is None and not can_edit:
        raise PermissionDenied(_("บทบาทของคุณดูโครงการได้ แต่เพิ่มหรือแก้ไขไม่ได้"))
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("บทบาทของคุณดูโครงการได้ แต่เพิ่มหรือแก้ไขไม่ได้"))
    project = get_for_org(Project.objects, org, pk=pk) if pk else Project(org=org)
    # As stored: the bound form writes what was typed onto the instance, even when invalid.
    heading = {"title": project.title, "dates": ""}
    if project.pk:
        heading["dates"] = date_range_text(project.starts_on, project.ends_on)
    posted = request.method == "POST"
    data, files = (request.POST, request.FILES) if posted else (None, None)
    form = ProjectForm(org, data, instance=project)
    photos = PhotoFormSet(
        data,
        prefix="photos",
        queryset=project.photos.all() if project.pk else ProjectPhoto.objects.none(),
    )
    new_photos = NewPhotoFormSet(data, files, prefix="new")
    photo_errors: list = []
    if posted and form.is_valid() and photos.is_valid() and new_photos.is_valid():
        changes, removed = photo_edits_from(photos)
        try:
            saved = projects.save_project(
                org=org,
                project=form.save(commit=False),
                villages=form.cleaned_data["villages"],
                new_photos=new_photos_from(new_photos),
                photo_changes=changes,
                removed_photos=removed,
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            # Bad photos are shown beside the photo inputs, not at the top of the form.
            photo_errors = errors.pop("photos", [])
            for field, field_errors in errors.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(request, _("บันทึกโครงการ “%(title)s” แล้ว") % {"title": saved.title})
            return redirect("org:project_edit", org.slug, saved.pk)
    if not can_edit:
        form.read_only()
    if posted:
        messages.error(request, _("ยังไม่ได้บันทึก โปรดแก้ไขตามข้อความสีแดง"))
    context = {
        "form": form,
        "project": project,
        "photos": photos,
        "new_photos": new_photos,
        "photo_errors": photo_errors,
        # A browser cannot be handed chosen files back: say so, rather than lose them quietly.
        "photos_dropped": posted and bool(request.FILES) and not photo_errors,
        "can_edit": can_edit,
        "has_villages": Village.objects.for_org(org).exists(),
        "is_admin": request.membership.role == Role.ADMIN,
        "heading": heading,
    }
    return render(request, "surveys/projects/edit.html", context, status=400 if posted else 200)


@require_GET
@staff_required(*READERS)
def staff_photo(request, pk: int, photo_pk: int):
    project = get_for_org(Project.objects, request.org, pk=pk)
    photo = project.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise Http404
    return _serve_photo(photo, public=False)


@staff_required(Role.ADMIN)
def villages(request):
    org = request.org
    editing = None
    form = VillageForm(org, prefix="new")
    if request.method == "POST":
        pk = request.POST.get("pk")
        village = get_for_org(Village.objects, org, pk=pk) if pk else Village(org=org)
        bound = VillageForm(org, request.POST, instance=village, prefix=f"v{pk}" if pk else "new")
        if bound.is_valid():
            try:
                saved = projects.save_village(
                    org=org, village=bound.save(commit=False), actor=request.user, request=request
                )
            except ValidationError as error:
                apply_errors(bound, error)
            else:
                messages.success(
                    request,
                    _("บันทึกหมู่ที่ %(n)s %(name)s แล้ว") % {"n": saved.number, "name": saved.name},
                )
                return redirect("org:villages", org.slug)
        if pk:
            editing = (int(pk), bound)
        else:
            form = bound
    rows = []
    for village in Village.objects.for_org(org):
        if editing and editing[0] == village.pk:
            rows.append((village, editing[1]))
        else:
            rows.append((village, VillageForm(org, instance=village, prefix=f"v{village.pk}")))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "surveys/projects/villages.html", {"form": form, "rows": rows}, status=status
    )


# Public pages.


def _results(project: Project) -> dict:
    results = selectors.project_satisfaction(project=project)
    overall = selectors.combine([result for _, result in results]) if results else None
    return {
        "surveys": [
            {
                "survey": survey,
                "percent": percent(result.percent),
                "responses": result.responses,
                "accepting": survey.is_accepting(),
            }
            for survey, result in results
        ],
        "percent": percent(overall.percent if overall else None),
        "responses": overall.responses if overall else 0,
    }


@require_GET
def public_list(request):
    org = request.org
    year = _year_param(request)
    years = sorted(
        set(selectors.published_projects(org=org).values_list("fiscal_year", flat=True)),
        reverse=True,
    )
    rows = selectors.published_projects(org=org, fiscal_year=year).prefetch_related(
        "surveys", "photos"
    )
    context = {
        "year": year,
        "years": years,
        "projects": [
            {"project": p, "dates": date_range_text(p.starts_on, p.ends_on), **_results(p)}
            for p in rows
        ],
    }
    context["total_participants"] = sum(row["project"].participants for row in context["projects"])
    return render(request, "surveys/projects/list.html", context)


def _published(request, pk: int) -> Project:
    return get_for_org(
        Project.objects.filter(is_published=True).select_related("division"), request.org, pk=pk
    )


@require_GET
def public_detail(request, pk: int):
    project = _published(request, pk)
    context = {
        "project": project,
        "dates": date_range_text(project.starts_on, project.ends_on),
        "budget": baht(project.budget),
        "villages": project.villages.all(),
        "photos": project.photos.all(),
        **_results(project),
    }
    return render(request, "surveys/projects/detail.html", context)


@require_GET
def public_photo(request, pk: int, photo_pk: int):
    project = _published(request, pk)
    photo = project.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise Http404
    return _serve_photo(photo, public=True)
