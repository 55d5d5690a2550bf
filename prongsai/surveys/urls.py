"""Survey, poster and project URLs under the org prefix, in the `org` namespace."""

from django.urls import include, path

urlpatterns = [
    path("surveys/", include("prongsai.surveys.urls_public")),
    path("staff/surveys/", include("prongsai.surveys.urls_staff")),
    path("", include("prongsai.surveys.urls_posters")),
    path("", include("prongsai.surveys.urls_projects")),
]
