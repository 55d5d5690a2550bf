"""News, pages, their feeds and the staff pages that write them."""

urlpatterns = []
