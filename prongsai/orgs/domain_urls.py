"""URLs of a request that came in on an org's own host name (see `hosts`).

The org's pages sit at the root; the account and API pages are there too, so
that signing in and the open data work on that host. The Django admin and the
list of orgs stay on the instance's own host.
"""

from django.urls import include, path, register_converter

from prongsai.api.api import api
from prongsai.orgs.hosts import OwnHostConverter
from prongsai.orgs.views import public
from prongsai.portal import sitemaps

register_converter(OwnHostConverter, "ownhost")

urlpatterns = [
    path("healthz", public.healthz),
    path("accounts/", include("prongsai.orgs.urls_accounts")),
    path("i18n/", include("prongsai.language")),
    path("api/v1/", api.urls),
    # The org's own: its /sitemap.xml comes with its pages below.
    path("robots.txt", sitemaps.robots_txt),
    path("<ownhost:org_slug>", include("prongsai.orgs.urls")),
]

handler400 = "prongsai.errors.bad_request"
