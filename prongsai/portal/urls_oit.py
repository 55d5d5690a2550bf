"""The OIT evidence index of a fiscal year and the staff pages that complete it."""

urlpatterns = []
