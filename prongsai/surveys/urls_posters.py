"""QR posters, ITAS links and the public ITA invitation, under the org prefix."""

from django.urls import path

from prongsai.surveys import poster_views as views

urlpatterns = [
    path("ita/<int:year>/", views.invitation, name="invitation"),
    path("ita/<int:year>/iit/", views.invitation_iit, name="invitation_iit"),
    path("staff/surveys/<int:pk>/poster/", views.survey_poster, name="survey_poster"),
    path(
        "staff/surveys/<int:pk>/poster.<str:kind>",
        views.survey_poster_file,
        name="survey_poster_file",
    ),
    path("staff/posters/", views.page_poster, name="page_poster"),
    path("staff/posters/poster.<str:kind>", views.page_poster_file, name="page_poster_file"),
    path("staff/itas/", views.itas_links, name="itas_links"),
    path("staff/itas/new/", views.itas_link_edit, name="itas_link_new"),
    path("staff/itas/<int:year>/", views.itas_link_edit, name="itas_link_edit"),
    path("staff/itas/<int:year>/<str:tool>/poster/", views.itas_poster, name="itas_poster"),
    path(
        "staff/itas/<int:year>/<str:tool>/poster.<str:kind>",
        views.itas_poster_file,
        name="itas_poster_file",
    ),
]
