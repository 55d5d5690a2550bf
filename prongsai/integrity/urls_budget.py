"""budget URLs of the integrity area."""

urlpatterns = []
