"""plans URLs of the ita app."""

urlpatterns = []
