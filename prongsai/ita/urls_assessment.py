"""assessment URLs of the ita app."""

urlpatterns = []
