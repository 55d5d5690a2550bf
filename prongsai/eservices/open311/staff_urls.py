"""The staff page of Open311 keys, meant for `/<org>/staff/open311/` in the `org` namespace."""

from django.urls import path

from prongsai.eservices.open311 import staff

urlpatterns = [
    path("", staff.key_list, name="open311_keys"),
    path("<int:pk>/revoke/", staff.revoke, name="open311_key_revoke"),
]
