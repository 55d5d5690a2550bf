"""Staff pages of the measure plans (O42/O43) and the figure picker, in the `org` namespace."""

from django.urls import path

from prongsai.ita import plan_views as views

PLAN = "staff/ita/plans/<int:year>/"

urlpatterns = [
    path("staff/ita/plans/", views.plan_list, name="ita_plans"),
    path("staff/ita/plans/new/", views.plan_create, name="ita_plan_create"),
    path(PLAN, views.plan_detail, name="ita_plan"),
    path(PLAN + "copy/", views.plan_copy, name="ita_plan_copy"),
    path(PLAN + "intro/", views.plan_intro, name="ita_plan_intro"),
    path(PLAN + "publish/", views.plan_publish, name="ita_plan_publish"),
    path(PLAN + "measures/new/", views.measure_edit, name="ita_measure_new"),
    path(PLAN + "measures/<int:pk>/", views.measure_edit, name="ita_measure"),
    path(PLAN + "measures/<int:measure_pk>/steps/new/", views.step_edit, name="ita_step_new"),
    path(PLAN + "steps/<int:pk>/", views.step_edit, name="ita_step"),
    path(PLAN + "steps/<int:pk>/evidence/", views.evidence_add, name="ita_evidence_add"),
    path(PLAN + "evidence/<int:pk>/", views.evidence_file, name="ita_evidence"),
    path(PLAN + "evidence/<int:pk>/delete/", views.evidence_delete, name="ita_evidence_delete"),
    path("staff/ita/figures/form/", views.figure_form, name="ita_figure_form"),
    path("staff/ita/figures/preview/", views.figure_preview, name="ita_figure_preview"),
    path("staff/ita/figures/result/", views.result_preview, name="ita_result_preview"),
]
