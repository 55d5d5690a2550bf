"""assessment URLs of the ita app: the org's ITA scores and their analysis (staff)."""

from django.urls import path

from prongsai.ita import assessment_views as views

urlpatterns = [
    path("staff/ita/", views.assessment_list, name="ita_assessments"),
    path("staff/ita/<int:year>/", views.assessment_edit, name="ita_assessment"),
    path("staff/ita/<int:year>/analysis/", views.analysis, name="ita_analysis"),
    path("staff/ita/<int:year>/analysis/adopt/", views.adopt, name="ita_adopt"),
]
