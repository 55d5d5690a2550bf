"""public URLs of the surveys app."""

urlpatterns = []
