"""posters URLs of the surveys app."""

urlpatterns = []
