"""projects URLs of the surveys app."""

urlpatterns = []
