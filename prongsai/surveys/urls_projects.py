"""Participation projects: public pages at `/<org>/projects/`, staff pages under `/staff/`."""

from django.urls import path

from prongsai.surveys import project_views

urlpatterns = [
    path("projects/", project_views.public_list, name="projects"),
    path("projects/<int:pk>/", project_views.public_detail, name="project"),
    path(
        "projects/<int:pk>/photos/<int:photo_pk>/",
        project_views.public_photo,
        name="project_photo",
    ),
    path("staff/projects/", project_views.staff_list, name="project_staff_list"),
    path("staff/projects/new/", project_views.project_edit, name="project_new"),
    path("staff/projects/<int:pk>/", project_views.project_edit, name="project_edit"),
    path(
        "staff/projects/<int:pk>/photos/<int:photo_pk>/",
        project_views.staff_photo,
        name="project_staff_photo",
    ),
    path("staff/villages/", project_views.villages, name="villages"),
]
