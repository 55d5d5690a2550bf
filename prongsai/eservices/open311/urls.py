"""Open311 GeoReport v2 under `/<org>/open311/v2/`, each resource as .json or .xml."""

from django.urls import path, re_path

from prongsai.eservices.open311 import views

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    path("", views.discovery, {"fmt": "xml"}, name="open311_root"),
    re_path(r"^discovery" + FMT, views.discovery, name="open311_discovery"),
    re_path(r"^services" + FMT, views.services, name="open311_services"),
    re_path(
        r"^services/(?P<code>[-\w]+)" + FMT,
        views.service_definition,
        name="open311_service_definition",
    ),
    re_path(r"^requests" + FMT, views.request_list, name="open311_requests"),
    re_path(r"^requests/(?P<code>[-\w]+)" + FMT, views.request_detail, name="open311_request"),
    re_path(r"^tokens/(?P<token>[-\w]+)" + FMT, views.token, name="open311_token"),
]
