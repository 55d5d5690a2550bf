"""reports URLs of the ita app: the O42/O43 staff buttons and the published reports."""

from django.urls import path

from prongsai.ita import report_views

urlpatterns = [
    path(
        "staff/ita/plans/<int:year>/report/<slug:kind>.<slug:fmt>",
        report_views.staff_report,
        name="ita_report",
    ),
    path("ita/plans/<int:year>/<slug:kind>/", report_views.public_report, name="public_report"),
    path(
        "ita/plans/<int:year>/<slug:kind>.<slug:fmt>",
        report_views.public_report_file,
        name="public_report_file",
    ),
]
