"""Answering surveys, under `/<org>/surveys/`."""

from django.urls import path

from prongsai.surveys import public_views

urlpatterns = [
    path("<int:pk>/", public_views.answer, name="survey"),
    path("<int:pk>/thanks/", public_views.thanks, name="survey_thanks"),
    path("case/<str:code>/", public_views.answer_for_case, name="case_survey"),
    path("report/<int:year>/", public_views.satisfaction_report, name="public_satisfaction_report"),
]
