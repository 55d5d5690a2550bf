"""Staff pages for circulars (with acknowledgements), staff meetings, trainings and KM articles.

Everyone on the org's staff reads; admins, officers and executives send circulars
and keep meetings and trainings; any staff member writes KM articles.
"""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.inbox.forms import apply_errors
from prongsai.integrity import circulars as service
from prongsai.integrity.circular_forms import (
    CircularForm,
    KmArticleForm,
    KmSearchForm,
    MeetingForm,
    TrainingForm,
    person_labeller,
)
from prongsai.integrity.models import Circular, CircularFile, KmArticle, Meeting, Training
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org
from prongsai.surveys.selectors import satisfaction
from prongsai.thai import format_date_range

NOT_SAVED = _("ยังไม่ได้บันทึก โปรดแก้ไขตามข้อความสีแดง")


def date_range_text(start: date, end: date) -> str:
    """The period as Thai pages write it (Arabic digits on the web), or in the page's language."""
    if get_language() == "th":
        return format_date_range(start, end, thai_digits=False)
    first, last = (formats.date_format(d, "DATE_FORMAT") for d in (start, end))
    return first if start == end else f"{first} – {last}"


def number_text(value: Decimal | None) -> str:
    """6.0 → "6", 7.50 → "7.5"."""
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _can_send(request) -> bool:
    return request.membership.role in service.SENDERS


# Circulars.


@require_GET
@staff_required()
def circular_list(request):
    org, membership = request.org, request.membership
    mine = list(service.circulars_for(org=org, user=request.user)[:200])
    sent = Circular.objects.none()
    if membership.role in service.OVERSEERS:
        sent = Circular.objects.for_org(org)
    elif membership.role in service.SENDERS:
        sent = Circular.objects.for_org(org).filter(sent_by=request.user)
    page = Paginator(sent.select_related("sent_by").prefetch_related("divisions"), 20).get_page(
        request.GET.get("page")
    )
    sent_rows = []
    for circular in page:
        done, total = service.acknowledgement_rate(circular)
        sent_rows.append(
            {
                "circular": circular,
                "done": done,
                "total": total,
                "percent": service.rate_percent(done, total),
            }
        )
    context = {
        "mine": mine,
        "unread": sum(1 for c in mine if not c.is_read),
        "sent_rows": sent_rows,
        "page": page,
        "shows_sent": membership.role in service.SENDERS,
        "sees_all": membership.role in service.OVERSEERS,
        "can_send": _can_send(request),
    }
    return render(request, "integrity/circulars/list.html", context)


@staff_required(*service.SENDERS)
def circular_new(request):
    org = request.org
    posted = request.method == "POST"
    form = CircularForm(org, request.POST or None, request.FILES or None)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            circular = service.send_circular(
                org=org,
                number=data["number"],
                title=data["title"],
                text=data["text"],
                divisions=data["divisions"],
                files=data["files"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("ส่งหนังสือเวียน “%(title)s” ถึงบุคลากร %(n)s คนแล้ว")
                % {"title": circular.title, "n": service.recipients(circular).count()},
            )
            return redirect("org:circular", org.slug, circular.pk)
    if posted:
        messages.error(request, NOT_SAVED)
    context = {"form": form, "files_dropped": posted and bool(request.FILES)}
    return render(request, "integrity/circulars/new.html", context, status=400 if posted else 200)


def _readable_circular(request, pk: int) -> Circular:
    """The circular if this member may read it; to anyone else it does not exist."""
    circular = get_for_org(
        Circular.objects.select_related("sent_by").prefetch_related("divisions", "files"),
        request.org,
        pk=pk,
    )
    if not service.can_read(circular, request.membership):
        raise Http404(_("ไม่พบข้อมูลนี้ในหน่วยงาน"))
    return circular


@require_GET
@staff_required()
def circular_detail(request, pk: int):
    circular = _readable_circular(request, pk)
    membership = request.membership
    own_ack = circular.acknowledgements.filter(user=request.user).first()
    context = {
        "circular": circular,
        "files": circular.files.all(),
        "divisions": circular.divisions.all(),
        "is_recipient": service.is_recipient(circular, request.user),
        "own_ack": own_ack,
        "meetings": circular.meetings.order_by("-held_on"),
        "status": None,
    }
    if service.can_see_status(circular, membership):
        context["status"] = service.acknowledgement_status(circular)
    return render(request, "integrity/circulars/detail.html", context)


@require_POST
@staff_required()
def circular_acknowledge(request, pk: int):
    circular = _readable_circular(request, pk)
    already = circular.acknowledgements.filter(user=request.user).exists()
    service.acknowledge(circular=circular, user=request.user, request=request)
    if not already:
        messages.success(request, _("บันทึกการรับทราบหนังสือเวียนแล้ว ขอบคุณครับ/ค่ะ"))
    return redirect("org:circular", request.org.slug, circular.pk)


@require_GET
@staff_required()
def circular_file(request, pk: int, file_pk: int):
    circular = _readable_circular(request, pk)
    item = CircularFile.objects.filter(circular=circular, pk=file_pk).first()
    if item is None:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=item.content_type,
        as_attachment=item.content_type == "application/pdf",
        filename=item.original_name,
    )
    # Stored files were checked; still, a file must never run as a page of this site.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Meetings.


@require_GET
@staff_required()
def meeting_list(request):
    meetings = Meeting.objects.for_org(request.org).prefetch_related("attendees", "circulars")
    page = Paginator(meetings, 30).get_page(request.GET.get("page"))
    context = {"page": page, "can_edit": _can_send(request)}
    return render(request, "integrity/meetings/list.html", context)


@require_GET
@staff_required()
def meeting_detail(request, pk: int):
    meeting = get_for_org(Meeting.objects, request.org, pk=pk)
    label = person_labeller(request.org)
    context = {
        "meeting": meeting,
        "attendees": sorted(label(user) for user in meeting.attendees.all()),
        "circulars": meeting.circulars.all(),
        "can_edit": _can_send(request),
    }
    return render(request, "integrity/meetings/detail.html", context)


@staff_required(*service.SENDERS)
def meeting_edit(request, pk: int | None = None):
    org = request.org
    meeting = get_for_org(Meeting.objects, org, pk=pk) if pk else Meeting(org=org)
    heading = meeting.title
    posted = request.method == "POST"
    form = MeetingForm(org, request.POST or None, instance=meeting)
    if posted and form.is_valid():
        try:
            saved = service.save_meeting(
                org=org,
                meeting=form.save(commit=False),
                attendees=form.cleaned_data["attendees"],
                circulars=form.cleaned_data["circulars"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกการประชุม “%(title)s” แล้ว") % {"title": saved.title})
            return redirect("org:meeting", org.slug, saved.pk)
    if posted:
        messages.error(request, NOT_SAVED)
    context = {"form": form, "meeting": meeting, "heading": heading}
    return render(request, "integrity/meetings/edit.html", context, status=400 if posted else 200)


# Trainings.


@require_GET
@staff_required()
def training_list(request):
    trainings = Training.objects.for_org(request.org).prefetch_related("attendees")
    page = Paginator(trainings, 30).get_page(request.GET.get("page"))
    rows = [
        {
            "training": training,
            "dates": date_range_text(training.starts_on, training.ends_on),
            "hours": number_text(training.hours),
            "topics": _topic_labels(training),
        }
        for training in page
    ]
    context = {"page": page, "rows": rows, "can_edit": _can_send(request)}
    return render(request, "integrity/trainings/list.html", context)


def _topic_labels(training: Training) -> list[str]:
    labels = dict(Training.Topic.choices)
    return [labels[topic] for topic in training.topics or () if topic in labels]


@require_GET
@staff_required()
def training_detail(request, pk: int):
    training = get_for_org(Training.objects.select_related("survey"), request.org, pk=pk)
    label = person_labeller(request.org)
    evaluation = None
    if training.survey is not None:
        result = satisfaction(survey=training.survey)
        evaluation = {
            "survey": training.survey,
            "responses": result.responses,
            "percent": number_text(result.percent),
        }
    context = {
        "training": training,
        "dates": date_range_text(training.starts_on, training.ends_on),
        "hours": number_text(training.hours),
        "topics": _topic_labels(training),
        "attendees": sorted(label(user) for user in training.attendees.all()),
        "evaluation": evaluation,
        "can_edit": _can_send(request),
    }
    return render(request, "integrity/trainings/detail.html", context)


@staff_required(*service.SENDERS)
def training_edit(request, pk: int | None = None):
    org = request.org
    training = get_for_org(Training.objects, org, pk=pk) if pk else Training(org=org)
    heading = training.title
    posted = request.method == "POST"
    form = TrainingForm(org, request.POST or None, instance=training)
    if posted and form.is_valid():
        try:
            saved = service.save_training(
                org=org,
                training=form.save(commit=False),
                attendees=form.cleaned_data["attendees"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกการอบรม “%(title)s” แล้ว") % {"title": saved.title})
            return redirect("org:training", org.slug, saved.pk)
    if posted:
        messages.error(request, NOT_SAVED)
    context = {"form": form, "training": training, "heading": heading}
    return render(request, "integrity/trainings/edit.html", context, status=400 if posted else 200)


# KM articles.


@require_GET
@staff_required()
def km_list(request):
    org = request.org
    search = KmSearchForm(org, request.GET or None)
    query, division = "", None
    if search.is_valid():
        query = search.cleaned_data["q"].strip()
        division = search.cleaned_data["division"]
    articles = service.search_articles(org=org, query=query, division=division)
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "search": search,
        "query": query,
        "division": division,
        "page": page,
        "params": params.urlencode(),
        "filtered": bool(query or division),
    }
    return render(request, "integrity/km/list.html", context)


@require_GET
@staff_required()
def km_article(request, pk: int):
    articles = KmArticle.objects.select_related("division", "author")
    article = get_for_org(articles, request.org, pk=pk)
    context = {
        "article": article,
        "can_edit": service.can_edit_article(article, request.membership),
    }
    return render(request, "integrity/km/detail.html", context)


@staff_required()
def km_edit(request, pk: int | None = None):
    org, membership = request.org, request.membership
    if pk:
        article = get_for_org(KmArticle.objects, org, pk=pk)
        if not service.can_edit_article(article, membership):
            raise PermissionDenied(_("แก้ไขได้เฉพาะผู้เขียนบทความและผู้ดูแลระบบของหน่วยงาน"))
    else:
        article = KmArticle(org=org, author=request.user, division=membership.division)
    heading = article.title
    posted = request.method == "POST"
    form = KmArticleForm(org, request.POST or None, instance=article)
    if posted and form.is_valid():
        try:
            saved = service.save_article(
                org=org, article=form.save(commit=False), actor=request.user, request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกบทความ “%(title)s” แล้ว") % {"title": saved.title})
            return redirect("org:km_article", org.slug, saved.pk)
    if posted:
        messages.error(request, NOT_SAVED)
    context = {"form": form, "article": article, "heading": heading}
    return render(request, "integrity/km/edit.html", context, status=400 if posted else 200)
