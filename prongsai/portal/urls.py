"""The public site of an org, in the `org` namespace under `/<org_slug>/`."""

from django.urls import include, path

from prongsai.portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("prongsai.portal.urls_news")),
    path("", include("prongsai.portal.urls_oit")),
]
