from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.permissions import needs_second_factor


class AdminSite(admin.AdminSite):
    """The Django admin behind the staff sign-in, second factor and lockout included."""

    site_header = _("Prongsai · ผู้ดูแลระบบ")
    site_title = "Prongsai"
    index_title = _("การจัดการข้อมูล")

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and not needs_second_factor(request.user)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and needs_second_factor(request.user):
            return redirect_to_login(request.get_full_path(), "accounts:otp_verify")
        return redirect_to_login(request.GET.get("next", request.get_full_path()))
