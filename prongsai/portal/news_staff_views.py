"""Staff pages that write the org's news and pages, with the Trix editor.

Admins and officers write. The editor pages allow Trix's own <style> elements
through a CSP nonce; no other page of the site gets one.
"""

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.inbox.forms import apply_errors
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org
from prongsai.portal import news
from prongsai.portal.models import NewsItem, Page
from prongsai.portal.news_forms import NewsForm, PageForm, PublishForm
from prongsai.portal.news_views import item_context, page_context, serve_picture

Role = Membership.Role
EDITORS = (Role.ADMIN, Role.OFFICER)
with_editor = csp_update({"style-src": [NONCE]})


def _status(item: NewsItem, now) -> str:
    if item.published_at is None:
        return "draft"
    return "scheduled" if item.published_at > now else "published"


# News.


@require_GET
@staff_required(*EDITORS)
def staff_news(request):
    now = timezone.now()
    # Drafts first, on every database: they are the work still to do.
    items = NewsItem.objects.for_org(request.org).order_by(
        F("published_at").desc(nulls_first=True), "-pk"
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    rows = [(item, _status(item, now)) for item in page.object_list]
    return render(request, "portal/staff/news/list.html", {"page": page, "rows": rows})


@with_editor
@staff_required(*EDITORS)
def news_edit(request, pk: int | None = None):
    org = request.org
    item = get_for_org(NewsItem.objects, org, pk=pk) if pk else NewsItem(org=org)
    stored = {"title": item.title, "has_image": bool(item.image)}
    posted = request.method == "POST"
    form = NewsForm(*((request.POST, request.FILES) if posted else ()), instance=item)
    if posted:
        if form.is_valid():
            try:
                saved = news.save_news(
                    org=org,
                    item=form.save(commit=False),
                    image=form.cleaned_data["image"],
                    remove_image=form.cleaned_data.get("remove_image", False),
                    publish="publish" in request.POST,
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("บันทึก “%(title)s” แล้ว") % {"title": saved.title})
                return redirect("org:news_edit", org.slug, saved.pk)
        messages.error(request, _("ยังไม่ได้บันทึก โปรดแก้ไขตามข้อความสีแดง"))
    context = {
        "form": form,
        "item": item,
        "stored": stored,
        "status": _status(item, timezone.now()) if item.pk else "",
        "publish_form": PublishForm(),
        # A browser cannot be handed a chosen file back: say so, rather than lose it quietly.
        "image_dropped": posted and bool(request.FILES) and "image" not in form.errors,
    }
    return render(request, "portal/staff/news/edit.html", context, status=400 if posted else 200)


@require_POST
@staff_required(*EDITORS)
def news_publish(request, pk: int):
    item = get_for_org(NewsItem.objects, request.org, pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ยังไม่ได้เผยแพร่: วันเวลาไม่ถูกต้อง"))
        return redirect("org:news_edit", request.org.slug, item.pk)
    news.publish_news(
        org=request.org,
        item=item,
        at=form.cleaned_data["at"],
        actor=request.user,
        request=request,
    )
    if item.published_at > timezone.now():
        messages.success(request, _("ตั้งเวลาเผยแพร่ “%(title)s” แล้ว") % {"title": item.title})
    else:
        messages.success(request, _("เผยแพร่ “%(title)s” แล้ว") % {"title": item.title})
    return redirect("org:news_edit", request.org.slug, item.pk)


@require_POST
@staff_required(*EDITORS)
def news_unpublish(request, pk: int):
    item = get_for_org(NewsItem.objects, request.org, pk=pk)
    news.unpublish_news(org=request.org, item=item, actor=request.user, request=request)
    messages.success(request, _("ยกเลิกการเผยแพร่ “%(title)s” แล้ว เป็นฉบับร่าง") % {"title": item.title})
    return redirect("org:news_edit", request.org.slug, item.pk)


@staff_required(*EDITORS)
def news_delete(request, pk: int):
    item = get_for_org(NewsItem.objects, request.org, pk=pk)
    if request.method == "POST":
        news.delete_news(org=request.org, item=item, actor=request.user, request=request)
        messages.success(request, _("ลบ “%(title)s” แล้ว") % {"title": item.title})
        return redirect("org:staff_news", request.org.slug)
    return render(request, "portal/staff/news/delete.html", {"item": item})


@require_GET
@staff_required(*EDITORS)
def news_preview(request, pk: int):
    """The item as the public will see it, whether published yet or not."""
    item = get_for_org(NewsItem.objects.select_related("org"), request.org, pk=pk)
    picture = ""
    if item.image:
        picture = reverse("org:news_staff_image", args=[request.org.slug, item.pk])
    context = {
        **item_context(item, picture=picture),
        "preview": True,
        "status": _status(item, timezone.now()),
    }
    return render(request, "portal/news/item.html", context)


@require_GET
@staff_required(*EDITORS)
def news_staff_image(request, pk: int):
    item = get_for_org(NewsItem.objects, request.org, pk=pk)
    return serve_picture(item, public=False)


# Pages.


@require_GET
@staff_required(*EDITORS)
def staff_pages(request):
    pages = Page.objects.for_org(request.org).prefetch_related("evidence")
    return render(request, "portal/staff/pages/list.html", {"pages": pages})


@with_editor
@staff_required(*EDITORS)
def page_edit(request, pk: int | None = None):
    org = request.org
    page = get_for_org(Page.objects, org, pk=pk) if pk else Page(org=org)
    stored = {"title": page.title, "slug": page.slug, "is_published": page.is_published}
    posted = request.method == "POST"
    form = PageForm(request.POST if posted else None, instance=page)
    if posted:
        if form.is_valid():
            try:
                saved = news.save_page(
                    org=org, page=form.save(commit=False), actor=request.user, request=request
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("บันทึกหน้า “%(title)s” แล้ว") % {"title": saved.title})
                return redirect("org:page_edit", org.slug, saved.pk)
        messages.error(request, _("ยังไม่ได้บันทึก โปรดแก้ไขตามข้อความสีแดง"))
    context = {"form": form, "page": page, "stored": stored}
    return render(request, "portal/staff/pages/edit.html", context, status=400 if posted else 200)


@staff_required(*EDITORS)
def page_delete(request, pk: int):
    page = get_for_org(Page.objects, request.org, pk=pk)
    error = None
    if request.method == "POST":
        try:
            news.delete_page(org=request.org, page=page, actor=request.user, request=request)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("ลบหน้า “%(title)s” แล้ว") % {"title": page.title})
            return redirect("org:staff_pages", request.org.slug)
    context = {"page": page, "error": error, "evidence": page.evidence.all()}
    return render(request, "portal/staff/pages/delete.html", context, status=400 if error else 200)


@require_GET
@staff_required(*EDITORS)
def page_preview(request, pk: int):
    page = get_for_org(Page.objects.select_related("org"), request.org, pk=pk)
    return render(request, "portal/pages/page.html", {**page_context(page), "preview": True})
