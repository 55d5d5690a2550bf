"""property URLs of the integrity area."""

urlpatterns = []
