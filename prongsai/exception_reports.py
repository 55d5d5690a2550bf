"""Error reports (e-mailed to ADMINS, logged) that carry no secret, even where a view forgot one.

Django hides settings and headers whose names look secret, and POST fields only
in views marked with sensitive_post_parameters. Here every name that looks
secret is hidden wherever it appears: POST and GET fields (an Open311 api_key,
a Messenger verify token), the query string, local variables, and credentials
written into URLs (REDIS_URL, a broker URL).
"""

import re
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict
from django.views import debug

# user:password@ in a URL
CREDENTIALS_IN_URL = re.compile(r"(?<=://)[^/@\s]*:[^/@\s]*@")


class ExceptionReporterFilter(debug.SafeExceptionReporterFilter):
    def is_secret(self, name) -> bool:
        return isinstance(name, str) and bool(self.hidden_settings.search(name))

    def cleanse_setting(self, key, value):
        cleansed = super().cleanse_setting(key, value)
        if type(cleansed) is str:  # not a lazy object that only looks like one
            return CREDENTIALS_IN_URL.sub(f"{self.cleansed_substitute}@", cleansed)
        return cleansed

    def cleansed_fields(self, fields: MultiValueDict) -> MultiValueDict:
        cleansed = fields.copy()
        for name in cleansed:
            if self.is_secret(name):
                cleansed.setlist(name, [self.cleansed_substitute])
        return cleansed

    def get_post_parameters(self, request):
        posted = super().get_post_parameters(request)
        if request is None or not self.is_active(request):
            return posted
        return self.cleansed_fields(posted)

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        if self.is_active(request) and meta.get("QUERY_STRING"):
            query = self.cleansed_fields(QueryDict(meta["QUERY_STRING"]))
            meta["QUERY_STRING"] = urlencode(list(query.lists()), doseq=True)
        return meta

    def cleanse_special_types(self, request, value):
        value = super().cleanse_special_types(request, value)
        if isinstance(value, MultiValueDict) and self.is_active(request):
            return self.cleansed_fields(value)
        return value

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):
            return variables
        return [
            (name, self.cleansed_substitute if self.is_secret(name) else value)
            for name, value in variables
        ]


class ExceptionReporter(debug.ExceptionReporter):
    """Django's report, with the GET fields and the address cleansed like the POST fields."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        request: HttpRequest | None = self.request
        if request is not None and self.filter.is_active(request):
            query = self.filter.cleansed_fields(request.GET)
            data["request_GET_items"] = query.items()
            encoded = urlencode(list(query.lists()), doseq=True)
            address = f"{request.scheme}://{request._get_raw_host()}{request.path}"
            data["request_insecure_uri"] = f"{address}?{encoded}" if encoded else address
        return data
