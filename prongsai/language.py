"""The language switch: plain links, so that no page needs a form (and its CSRF cookie) for it.

Django's `set_language` takes POST only; a POST form in every page's footer
would set a CSRF cookie on every visitor. Choosing a language is the visitor's
own act and changes nothing but their cookie, so a GET link is enough.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


@never_cache
def set_language(request):
    language = request.GET.get("language", "")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


urlpatterns = [path("setlang/", set_language, name="set_language")]
