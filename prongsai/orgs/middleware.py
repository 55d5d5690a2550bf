from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from prongsai.orgs import hosts
from prongsai.orgs.tenancy import get_org


class OrgMiddleware:
    """Resolve the org of a request once, for every view, into `request.org`.

    On the instance's host the org comes from `/<org_slug>/…`; on an org's own
    host name it comes from the host, and the URLs are those of `domain_urls`.
    Views under the org prefix never see the slug, only the org, so no view
    can look up another org's objects by forgetting a filter on the slug.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.org = None
        slug = hosts.slug_for_host(request.get_host())
        if slug is None:
            return self.get_response(request)
        request.urlconf = hosts.DOMAIN_URLCONF
        tokens = hosts.enter(slug, f"{request.scheme}://{request.get_host()}")
        try:
            # Set before resolving, so that even a 404 page shows the org it belongs to.
            request.org = get_org(slug)
            return self.get_response(request)
        finally:
            hosts.leave(tokens)

    def process_view(self, request, view_func, view_args, view_kwargs) -> None:
        if "org_slug" in view_kwargs:
            slug = view_kwargs.pop("org_slug")
            if request.org is None or request.org.slug != slug:
                request.org = get_org(slug)
