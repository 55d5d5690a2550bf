"""Prongsai's URLs and, first, `/hello`: the least a request through the same middleware costs."""

from django.http import HttpResponse
from django.urls import path

from prongsai import urls


def hello(request):
    return HttpResponse(b"hello\n", content_type="text/plain")


urlpatterns = [path("hello", hello), *urls.urlpatterns]
handler400 = urls.handler400
