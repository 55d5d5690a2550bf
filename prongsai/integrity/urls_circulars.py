"""circulars URLs of the integrity area."""

urlpatterns = []
