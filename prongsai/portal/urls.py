"""The public site of an org, in the `org` namespace under `/<org_slug>/`."""

from django.urls import include, path

from prongsai.portal import site_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("staff/site/", site_views.site_settings, name="site_settings"),
    path("", include("prongsai.portal.urls_news")),
    path("", include("prongsai.portal.urls_oit")),
]
