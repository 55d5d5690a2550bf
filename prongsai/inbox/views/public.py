"""What citizens see: the complaint form and the tracking page, where they follow,
add to and judge their matter."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai import ratelimits
from prongsai.eservices.selectors import get_service
from prongsai.inbox import follow_through, selectors, services
from prongsai.inbox.forms import (
    ComplaintForm,
    ReopenForm,
    ReporterUpdateForm,
    TrackLookupForm,
    apply_errors,
)
from prongsai.inbox.models import Attachment, Case


@require_http_methods(["GET", "POST"])
def complain(request):
    org = request.org
    initial = {}
    if code := request.GET.get("service"):
        initial["service"] = get_service(org=org, code=code)
    form = ComplaintForm(org, request.POST or None, request.FILES or None, initial=initial)
    refusal = None
    if (
        request.method == "POST"
        and form.is_valid()
        and (refusal := ratelimits.limit_form(request, form, "complaint")) is None
    ):
        data = form.cleaned_data
        try:
            case = services.submit_case(
                org=org,
                channel=Case.Channel.WEB,
                service=data["service"],
                subject=data["subject"],
                text=data["text"],
                files=data["photos"],
                idempotency_key=data["idempotency_key"],
                **form.location_data(),
                **form.contact_data(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(f"{case_url(case)}?new=1")
    return ratelimits.refused(render(request, "inbox/complain.html", {"form": form}), refusal)


def case_url(case: Case) -> str:
    return reverse("org:track", args=[case.org.slug, case.tracking_code])


def _public_case(request, code: str) -> Case | None:
    """The case a tracking code names, unless the public may not know it exists.

    A staff-only case (a budget question of the org's own staff) answers exactly
    as an unknown code does, so its code tells an outsider nothing.
    """
    case = selectors.get_case(org=request.org, code=code)
    if case is None or case.is_staff_only:
        return None
    return case


# Tracking codes are random: many codes that name no case are guesses. Past the
# limit of misses, no code is looked up, so a guess that would hit tells nothing.


def _guessing(request) -> ratelimits.Verdict:
    return ratelimits.peek(request=request, org=request.org, bucket="track_miss")


def _missed(request) -> None:
    ratelimits.hit(request=request, org=request.org, bucket="track_miss")


def _refused_lookup(request, code: str, refusal: ratelimits.Verdict):
    form = TrackLookupForm({"code": code})
    form.full_clean()
    form.add_error(None, ratelimits.message(refusal))
    response = render(request, "inbox/track_lookup.html", {"form": form})
    return ratelimits.refused(response, refusal)


def track_lookup(request):
    form = TrackLookupForm(request.GET or None)
    if form.is_valid():
        if not (verdict := _guessing(request)):
            return _refused_lookup(request, form.cleaned_data["code"], verdict)
        case = _public_case(request, form.cleaned_data["code"])
        if case is not None:
            return redirect(case_url(case))
        _missed(request)
        form.add_error("code", _("ไม่พบเรื่องที่มีรหัสนี้ ตรวจสอบรหัสอีกครั้ง"))
    return render(request, "inbox/track_lookup.html", {"form": form})


def _tracked(view):
    """Resolve the code of a tracking URL to its case, guarded against guessed codes.

    Every page and form under a tracking code counts a wrong code as a miss, so
    posting to codes is no better a way to guess than opening them.
    """

    @wraps(view)
    def wrapper(request, code: str):
        if not (verdict := _guessing(request)):
            return _refused_lookup(request, code, verdict)
        case = _public_case(request, code)
        if case is None:
            _missed(request)
            raise Http404(_("ไม่พบเรื่องที่มีรหัสนี้"))
        if case.tracking_code != code:
            return redirect(case_url(case))
        return view(request, case)

    return wrapper


@_tracked
def track(request, case: Case):
    return _track_page(request, case)


def _track_page(
    request,
    case: Case,
    *,
    update_form: ReporterUpdateForm | None = None,
    reopen_form: ReopenForm | None = None,
    refusal: ratelimits.Verdict | None = None,
) -> HttpResponse:
    context = {
        "case": case,
        "events": selectors.public_events(case=case),
        "is_new": request.GET.get("new") == "1",
    }
    if case.is_open:
        context["update_form"] = update_form or ReporterUpdateForm()
    elif case.status == Case.Status.RESOLVED:
        policy = follow_through.policy_for(case.org)
        context["proof"] = follow_through.proof_photos(case)
        context["deadline"] = follow_through.decision_deadline(case, policy)
        if follow_through.can_decide(case, policy):
            context["reopen_form"] = reopen_form or ReopenForm()
    if not case.is_open and not case.is_confidential:
        # Satisfaction after service; imported here so inbox never imports surveys at load.
        from prongsai.surveys import offers

        context["rating"] = offers.response_for(case)
        if context["rating"] is None:
            context["survey_offer"] = offers.offer_for(case)
    response = render(request, "inbox/track.html", context)
    return ratelimits.refused(response, refusal)


@require_POST
@_tracked
def track_update(request, case: Case):
    """More words or photos from the reporter while the matter is open."""
    if not case.is_open:
        messages.error(request, _("เรื่องนี้ปิดแล้ว ถ้ายังไม่ได้รับการแก้ไข ขอเปิดเรื่องใหม่ได้"))
        return redirect(case_url(case))
    form = ReporterUpdateForm(request.POST, request.FILES)
    refusal = None
    if form.is_valid() and (refusal := ratelimits.limit_form(request, form, "complaint")) is None:
        try:
            services.add_reporter_update(
                case=case, text=form.cleaned_data["text"], files=form.cleaned_data["photos"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("ส่งข้อมูลเพิ่มเติมแล้ว เจ้าหน้าที่ผู้รับผิดชอบจะได้รับแจ้ง"))
            return redirect(case_url(case))
    return _track_page(request, case, update_form=form, refusal=refusal)


def _too_late(request, case: Case) -> HttpResponse | None:
    """The answer to a decision no longer allowed: the time passed, or it was made."""
    if follow_through.can_decide(case, follow_through.policy_for(case.org)):
        return None
    messages.error(request, follow_through.TOO_LATE)
    return redirect(case_url(case))


@require_POST
@_tracked
def track_confirm(request, case: Case):
    """The reporter agrees the matter is fixed."""
    if late := _too_late(request, case):
        return late
    try:
        follow_through.confirm_fix(case=case, via=Case.Channel.WEB)
    except ValidationError as error:
        # Decided a moment ago in another tab or by another request.
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("ขอบคุณที่ยืนยันผลการแก้ไข"))
    return redirect(case_url(case))


@require_POST
@_tracked
def track_reopen(request, case: Case):
    """The reporter says the matter is not fixed: it goes back to its division."""
    if late := _too_late(request, case):
        return late
    form = ReopenForm(request.POST, request.FILES)
    refusal = None
    if form.is_valid() and (refusal := ratelimits.limit_form(request, form, "complaint")) is None:
        try:
            follow_through.reopen_case(
                case=case,
                reason=form.cleaned_data["reason"],
                via=Case.Channel.WEB,
                files=form.cleaned_data["photos"],
            )
        except ValidationError as error:
            case.refresh_from_db()
            if late := _too_late(request, case):
                return late
            apply_errors(form, error)
        else:
            messages.success(request, _("เปิดเรื่องใหม่แล้ว เรื่องกลับไปยังหน่วยงานที่รับผิดชอบ"))
            return redirect(case_url(case))
    return _track_page(request, case, reopen_form=form, refusal=refusal)


def public_attachment(request, code: str, pk: int):
    """Files staff chose to show the reporter; anything else is as good as absent."""
    case = _public_case(request, code)
    if case is None:
        raise Http404
    attachment = get_object_or_404(Attachment, pk=pk, case=case, is_public=True)
    return serve_attachment(attachment)


def serve_attachment(attachment: Attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.original_name,
    )
    # Even a file that slipped through must not run as a page of this site.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
