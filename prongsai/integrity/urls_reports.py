"""reports URLs of the integrity area."""

urlpatterns = []
