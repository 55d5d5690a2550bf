"""URLs under the org prefix `/<org_slug>/`; OrgMiddleware turns the slug into request.org."""

from django.urls import path

from prongsai.orgs.views import public, staff

app_name = "org"

urlpatterns = [
    path("", public.org_home, name="home"),
    path("logo/", public.org_logo, name="logo"),
    path("staff/", staff.dashboard, name="staff"),
    path("staff/members/", staff.members, name="members"),
    path("staff/audit/", staff.audit_log, name="audit_log"),
]
