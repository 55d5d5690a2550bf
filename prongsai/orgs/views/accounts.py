"""Staff sign-in: password, optional TOTP second factor, password change."""

import math
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai import ratelimits
from prongsai.orgs import audit, hosts
from prongsai.orgs.permissions import login_verified


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Axes locks one username after a few failures; this stops one address
        # from trying many usernames. The password is not even checked.
        verdict = ratelimits.peek(request=request, org=None, bucket="login_failure")
        if verdict:
            return super().post(request, *args, **kwargs)
        username = request.POST.get("username", "")[:150]
        context = self.get_context_data(
            form=self.get_form_class()(request, initial={"username": username}),
            refusal=_(
                "เข้าสู่ระบบไม่สำเร็จจากเครือข่ายนี้หลายครั้งเกินไป กรุณารอประมาณ %(minutes)s นาทีแล้วลองใหม่"
            )
            % {"minutes": ratelimits.minutes_left(verdict)},
        )
        return ratelimits.refused(self.render_to_response(context), verdict)

    def form_invalid(self, form):
        ratelimits.hit(request=self.request, org=None, bucket="login_failure")
        return super().form_invalid(form)

    def get_default_redirect_url(self) -> str:
        """Straight into the staff area when the user belongs to one org."""
        orgs = _member_orgs(self.request.user)
        if len(orgs) == 1:
            return hosts.org_url("org:staff", orgs[0].slug)
        return reverse("accounts:home")

    def get_success_url(self) -> str:
        url = super().get_success_url()
        # A password sign-in is never verified yet: users with TOTP go on to the code.
        if user_has_device(self.request.user):
            return f"{reverse('accounts:otp_verify')}?{urlencode({'next': url})}"
        return url


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:home")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            audit.record(action="password_changed", request=self.request)
        messages.success(self.request, _("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว"))
        return response


def _safe_next(request, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


class TokenForm(forms.Form):
    """A code from the user's authenticator app, checked against their device."""

    token = forms.RegexField(
        label=_("รหัส 6 หลักจากแอป"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": _("กรอกรหัส 6 หลักจากแอปยืนยันตัวตน"),
            "invalid": _("กรอกรหัสตัวเลข 6 หลักจากแอปยืนยันตัวตน"),
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def __init__(self, device: TOTPDevice, *args, **kwargs) -> None:
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        # The device slows down guessing by itself; say so instead of a bare "wrong".
        allowed, data = self.device.verify_is_allowed()
        if not allowed:
            wait = max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
            raise forms.ValidationError(
                _("ใส่รหัสผิดติดต่อกัน กรุณารอ %(seconds)s วินาทีแล้วลองใหม่"), params={"seconds": wait}
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("รหัสไม่ถูกต้อง ตรวจสอบเวลาในโทรศัพท์แล้วลองรหัสใหม่"))
        return token


def otp_verify(request):
    """Second step of sign-in for users who have set up TOTP."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    next_url = _safe_next(request, reverse("accounts:home"))
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None or request.user.is_verified():
        return redirect(next_url)
    form = TokenForm(device, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            django_otp.login(request, device)
            audit.record(action="otp_verified", request=request)
            return redirect(next_url)
        audit.record(action="otp_failed", request=request)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@login_verified
def otp_setup(request):
    """Pair an authenticator app: show its key as a QR code, confirm with one code."""
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect("accounts:home")
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="แอปยืนยันตัวตน", confirmed=False)
    form = TokenForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit.record(action="otp_enabled", request=request, target=device)
        django_otp.login(request, device)
        messages.success(request, _("เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้ว"))
        return redirect("accounts:home")
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#111"),
        "secret": b32encode(device.bin_key).decode(),
    }
    return render(request, "accounts/otp_setup.html", context)


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(label=_("รหัสผ่านปัจจุบัน"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("รหัสผ่านไม่ถูกต้อง"))
        return password


@login_verified
def otp_disable(request):
    form = PasswordConfirmForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=request.user).delete()
            audit.record(action="otp_disabled", request=request)
        messages.success(request, _("ปิดการยืนยันตัวตนสองขั้นตอนแล้ว"))
        return redirect("accounts:home")
    return render(request, "accounts/otp_disable.html", {"form": form})


def _member_orgs(user) -> list:
    return [
        m.org
        for m in user.memberships.filter(is_active=True, org__is_active=True).select_related("org")
    ]


@login_verified
def home(request):
    """The user's account: their orgs and sign-in security."""
    context = {
        # From an org's own domain, the other orgs' pages are on the instance's host.
        "orgs": [(o, hosts.org_url("org:staff", o.slug)) for o in _member_orgs(request.user)],
        "admin_url": hosts.instance_url("admin:index") if request.user.is_staff else "",
        "has_otp": user_has_device(request.user),
    }
    return render(request, "accounts/home.html", context)
