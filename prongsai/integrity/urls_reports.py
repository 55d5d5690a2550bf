"""reports URLs of the integrity area: the quarterly executive reports."""

from django.urls import path

from prongsai.integrity import report_views

urlpatterns = [
    path("reports/", report_views.quarterly_reports, name="quarterly_reports"),
    path("reports/make/", report_views.quarterly_report_make, name="quarterly_report_make"),
    path(
        "reports/<int:year>/q<int:quarter>.pdf",
        report_views.quarterly_report_file,
        name="quarterly_report_file",
    ),
    path(
        "reports/<int:year>/q<int:quarter>/",
        report_views.quarterly_report_preview,
        name="quarterly_report_preview",
    ),
]
