from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from prongsai.orgs.tenancy import get_org


class OrgMiddleware:
    """Resolve `/<org_slug>/…` once, for every view, into `request.org`.

    Views under the org prefix never see the slug, only the org, so no view
    can look up another org's objects by forgetting a filter on the slug.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.org = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> None:
        if "org_slug" in view_kwargs:
            request.org = get_org(view_kwargs.pop("org_slug"))
