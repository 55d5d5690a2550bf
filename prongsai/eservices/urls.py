"""E-service URLs under the org prefix, in the `org` namespace."""

from django.urls import path

from prongsai.eservices import staff_views, views

urlpatterns = [
    path("services/", views.catalog, name="services"),
    path("services/<slug:code>/", views.service_form, name="service"),
    path("staff/catalog/", staff_views.service_list, name="catalog"),
    path("staff/catalog/services/new/", staff_views.service_edit, name="service_new"),
    path("staff/catalog/services/<slug:code>/", staff_views.service_edit, name="service_edit"),
    path("staff/catalog/resources/new/", staff_views.resource_edit, name="resource_new"),
    path("staff/catalog/resources/<int:pk>/", staff_views.resource_edit, name="resource_edit"),
]
