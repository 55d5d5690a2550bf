from django.contrib import admin
from django.urls import include, path

from prongsai.api.api import api
from prongsai.orgs.views import public
from prongsai.portal import sitemaps

urlpatterns = [
    path("", public.org_list, name="home"),
    path("healthz", public.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("prongsai.orgs.urls_accounts")),
    path("i18n/", include("prongsai.language")),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    # Last: every other first segment is an org's slug.
    path("<slug:org_slug>/", include("prongsai.orgs.urls")),
]

handler400 = "prongsai.errors.bad_request"
