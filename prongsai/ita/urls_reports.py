"""reports URLs of the ita app."""

urlpatterns = []
