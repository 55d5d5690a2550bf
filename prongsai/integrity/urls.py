"""The staff integrity area under `/<org>/staff/integrity/`, in the `org` namespace."""

from django.urls import include, path

from prongsai.integrity import views

urlpatterns = [
    path("", views.home, name="integrity"),
    path("", include("prongsai.integrity.urls_budget")),
    path("", include("prongsai.integrity.urls_circulars")),
    path("", include("prongsai.integrity.urls_property")),
    path("", include("prongsai.integrity.urls_reports")),
]
