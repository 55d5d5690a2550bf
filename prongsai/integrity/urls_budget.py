"""budget URLs of the integrity area: staff budget questions and budget proposals."""

from django.urls import path

from prongsai.integrity import budget_views

urlpatterns = [
    path("budget/", budget_views.question_list, name="budget_questions"),
    path("budget/new/", budget_views.question_new, name="budget_question_new"),
    path("budget/proposals/", budget_views.proposal_list, name="budget_proposals"),
    path("budget/proposals/new/", budget_views.proposal_new, name="budget_proposal_new"),
    path(
        "budget/proposals/<int:pk>/decide/",
        budget_views.proposal_decide,
        name="budget_proposal_decide",
    ),
    path("budget/q/<str:code>/", budget_views.question_detail, name="budget_question"),
]
