"""Case URLs under the org prefix, in the `org` namespace."""

from django.urls import path

from prongsai.inbox.views import public, staff

urlpatterns = [
    path("complain/", public.complain, name="complain"),
    path("track/", public.track_lookup, name="track_lookup"),
    path("track/<str:code>/", public.track, name="track"),
    path("track/<str:code>/files/<int:pk>/", public.public_attachment, name="track_file"),
    path("track/<str:code>/update/", public.track_update, name="track_update"),
    path("track/<str:code>/confirm/", public.track_confirm, name="track_confirm"),
    path("track/<str:code>/reopen/", public.track_reopen, name="track_reopen"),
    path("staff/cases/", staff.case_list, name="cases"),
    path("staff/cases/new/", staff.case_new, name="case_new"),
    path("staff/cases/<str:code>/", staff.case_detail, name="case"),
    path("staff/cases/<str:code>/files/<int:pk>/", staff.staff_attachment, name="case_file"),
    path("staff/cases/<str:code>/<slug:action>/", staff.case_action, name="case_action"),
]
