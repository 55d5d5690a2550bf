"""URLs under the org prefix `/<org_slug>/`; OrgMiddleware turns the slug into request.org.

The apps' URL modules join the `org` namespace, so every name reads `org:<name>`.
"""

from django.urls import include, path

from prongsai.orgs.views import public, staff

app_name = "org"

urlpatterns = [
    path("", include("prongsai.portal.urls")),
    path("logo/", public.org_logo, name="logo"),
    path("", include("prongsai.inbox.urls")),
    path("", include("prongsai.inbox.board_urls")),
    path("", include("prongsai.eservices.urls")),
    path("stats/", include("prongsai.inbox.statistics_urls")),
    path("line/", include("prongsai.messaging.line.urls")),
    path("messenger/", include("prongsai.messaging.messenger.urls")),
    path("", include("prongsai.messaging.livechat.urls")),
    path("", include("prongsai.messaging.boards.urls")),
    path("", include("prongsai.surveys.urls")),
    path("", include("prongsai.ita.urls")),
    path("staff/integrity/", include("prongsai.integrity.urls")),
    path("open311/v2/", include("prongsai.eservices.open311.urls")),
    path("staff/open311/", include("prongsai.eservices.open311.staff_urls")),
    path("staff/", staff.dashboard, name="staff"),
    path("staff/members/", staff.members, name="members"),
    path("staff/members/new/", staff.member_new, name="member_new"),
    path("staff/members/<int:pk>/", staff.member_edit, name="member_edit"),
    path("staff/members/<int:pk>/password/", staff.member_reset_password, name="member_password"),
    path("staff/audit/", staff.audit_log, name="audit_log"),
]
