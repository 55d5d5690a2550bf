"""ITA URLs under the org prefix, in the `org` namespace."""

from django.urls import include, path

urlpatterns = [
    path("", include("prongsai.ita.urls_assessment")),
    path("", include("prongsai.ita.urls_plans")),
    path("", include("prongsai.ita.urls_reports")),
    path("", include("prongsai.ita.urls_import")),
]
