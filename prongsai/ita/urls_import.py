"""import URLs of the ita app."""

from django.urls import path

from prongsai.ita import import_views

urlpatterns = [
    path("staff/ita/import/", import_views.import_upload, name="ita_import"),
    path("staff/ita/import/preview/", import_views.import_preview, name="ita_import_preview"),
]
