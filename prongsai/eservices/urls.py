"""E-service URLs under the org prefix, in the `org` namespace."""

from django.urls import path

from prongsai.eservices import views

urlpatterns = [
    path("services/", views.catalog, name="services"),
    path("services/<slug:code>/", views.service_form, name="service"),
]
