"""Public case statistics under `/<org>/stats/`, in the `org` namespace."""

from django.urls import path

from prongsai.inbox import statistics_views

urlpatterns = [
    path("", statistics_views.statistics_page, name="stats"),
    path("cases.xlsx", statistics_views.statistics_xlsx, name="stats_xlsx"),
]
