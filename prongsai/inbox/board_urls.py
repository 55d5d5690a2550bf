"""The public board of matters and the org's follow-through policy, under the org prefix."""

urlpatterns: list = []
