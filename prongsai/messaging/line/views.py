from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from prongsai.messaging.line import services
from prongsai.messaging.line.models import LineAccount
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required


@csrf_exempt
@require_POST
def webhook(request):
    account = LineAccount.objects.filter(org=request.org, is_active=True).first()
    if account is None:
        raise Http404
    signature = request.headers.get("X-Line-Signature", "")
    try:
        body = request.body.decode("utf-8")
        services.receive_webhook(account=account, body=body, signature=signature)
    except (services.BadSignature, UnicodeDecodeError):
        return HttpResponseBadRequest("invalid signature\n", content_type="text/plain")
    return HttpResponse("OK\n", content_type="text/plain")


class LineSettingsForm(forms.Form):
    basic_id = forms.CharField(
        label=_("LINE ID ของบัญชี (เช่น @prtong)"), max_length=50, required=False
    )
    channel_secret = forms.CharField(
        label=_("Channel secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("เว้นว่างไว้เพื่อใช้ค่าเดิม"),
    )
    access_token = forms.CharField(
        label=_("Channel access token"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("เว้นว่างไว้เพื่อใช้ค่าเดิม"),
    )


@staff_required(Membership.Role.ADMIN)
def settings_page(request):
    account = LineAccount.objects.filter(org=request.org).first()
    form = LineSettingsForm(
        request.POST or None, initial={"basic_id": account.basic_id if account else ""}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if account is None and not (data["channel_secret"] and data["access_token"]):
            form.add_error(None, _("ครั้งแรกต้องกรอกทั้ง channel secret และ access token"))
        else:
            services.configure_account(org=request.org, actor=request.user, request=request, **data)
            messages.success(request, _("บันทึกการตั้งค่า LINE แล้ว"))
            return redirect("org:line_settings", request.org.slug)
    context = {
        "form": form,
        "account": account,
        "webhook_url": request.build_absolute_uri(
            reverse("org:line_webhook", args=[request.org.slug])
        ),
    }
    return render(request, "line/settings.html", context)
