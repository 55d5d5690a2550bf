"""The OIT evidence index of a fiscal year and the staff pages that complete it.

Besides the index, the generated evidence pages that no other app publishes:
the No Gift report, the complaint handling guide and the service statistics.
"""

from django.urls import path

from prongsai.portal import oit_views as views

urlpatterns = [
    path("oit/", views.oit_current, name="oit_current"),
    path("oit/<int:year>/", views.index, name="oit"),
    path("oit/<int:year>/files/<int:pk>/", views.evidence_file, name="oit_file"),
    path("nogift/<int:year>/", views.no_gift, name="no_gift"),
    path("complaints/guide/", views.complaint_guide, name="complaint_guide"),
    path("stats/services/<int:year>/", views.service_stats, name="service_stats"),
    path("staff/oit/", views.staff_current, name="oit_staff_current"),
    path("staff/oit/<int:year>/", views.staff_index, name="oit_staff"),
    path("staff/oit/<int:year>/items/<str:code>/", views.staff_item, name="oit_staff_item"),
    path(
        "staff/oit/<int:year>/evidence/<int:pk>/move/",
        views.evidence_move,
        name="oit_evidence_move",
    ),
    path(
        "staff/oit/<int:year>/evidence/<int:pk>/delete/",
        views.evidence_delete,
        name="oit_evidence_delete",
    ),
]
