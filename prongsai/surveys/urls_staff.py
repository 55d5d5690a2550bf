"""The staff's survey pages, under `/<org>/staff/surveys/`."""

from django.urls import path

from prongsai.surveys import staff_views

urlpatterns = [
    path("", staff_views.survey_list, name="survey_list"),
    path("new/", staff_views.survey_edit, name="survey_new"),
    path("satisfaction/", staff_views.satisfaction, name="satisfaction"),
    path("satisfaction/report/", staff_views.satisfaction_report, name="satisfaction_report"),
    path("<int:pk>/edit/", staff_views.survey_edit, name="survey_edit"),
    path("<int:pk>/questions/", staff_views.survey_questions, name="survey_questions"),
    path("<int:pk>/questions/<int:qpk>/", staff_views.survey_question, name="survey_question"),
    path("<int:pk>/status/", staff_views.survey_status, name="survey_status"),
    path("<int:pk>/results/", staff_views.survey_results, name="survey_results"),
    path(
        "<int:pk>/results/questions/<int:qpk>/",
        staff_views.survey_text_answers,
        name="survey_text_answers",
    ),
    path("<int:pk>/export.<str:fmt>", staff_views.survey_export, name="survey_export"),
]
