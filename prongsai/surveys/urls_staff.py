"""staff URLs of the surveys app."""

urlpatterns = []
