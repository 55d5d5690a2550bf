"""Circulars, staff meetings, trainings and KM articles of the integrity area."""

from django.urls import path

from prongsai.integrity import circular_views as views

urlpatterns = [
    path("circulars/", views.circular_list, name="circulars"),
    path("circulars/new/", views.circular_new, name="circular_new"),
    path("circulars/<int:pk>/", views.circular_detail, name="circular"),
    path(
        "circulars/<int:pk>/acknowledge/",
        views.circular_acknowledge,
        name="circular_acknowledge",
    ),
    path(
        "circulars/<int:pk>/files/<int:file_pk>/",
        views.circular_file,
        name="circular_file",
    ),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_edit, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("trainings/", views.training_list, name="trainings"),
    path("trainings/new/", views.training_edit, name="training_new"),
    path("trainings/<int:pk>/", views.training_detail, name="training"),
    path("trainings/<int:pk>/edit/", views.training_edit, name="training_edit"),
    path("km/", views.km_list, name="km"),
    path("km/new/", views.km_edit, name="km_new"),
    path("km/<int:pk>/", views.km_article, name="km_article"),
    path("km/<int:pk>/edit/", views.km_edit, name="km_edit"),
]
