"""import URLs of the ita app."""

urlpatterns = []
