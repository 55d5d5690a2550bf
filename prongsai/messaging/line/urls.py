"""line URLs under the org prefix, in the `org` namespace."""

urlpatterns: list = []
