"""News, pages, their feeds, the org's sitemap and the staff pages that write them."""

from django.urls import path

from prongsai.portal import feeds, news_staff_views, news_views, sitemaps

urlpatterns = [
    path("news/", news_views.news_list, name="news"),
    path("news/<int:pk>/", news_views.news_item, name="news_item"),
    path("news/<int:pk>/image/", news_views.news_image, name="news_image"),
    path("news/rss/", feeds.news_rss, name="news_rss"),
    path("news/atom/", feeds.news_atom, name="news_atom"),
    path("pages/<slug:slug>/", news_views.org_page, name="page"),
    # On the org's own domain this is /sitemap.xml.
    path("sitemap.xml", sitemaps.org_sitemap, name="sitemap"),
    path("staff/news/", news_staff_views.staff_news, name="staff_news"),
    path("staff/news/new/", news_staff_views.news_edit, name="news_new"),
    path("staff/news/<int:pk>/", news_staff_views.news_edit, name="news_edit"),
    path("staff/news/<int:pk>/preview/", news_staff_views.news_preview, name="news_preview"),
    path("staff/news/<int:pk>/image/", news_staff_views.news_staff_image, name="news_staff_image"),
    path("staff/news/<int:pk>/publish/", news_staff_views.news_publish, name="news_publish"),
    path("staff/news/<int:pk>/unpublish/", news_staff_views.news_unpublish, name="news_unpublish"),
    path("staff/news/<int:pk>/delete/", news_staff_views.news_delete, name="news_delete"),
    path("staff/pages/", news_staff_views.staff_pages, name="staff_pages"),
    path("staff/pages/new/", news_staff_views.page_edit, name="page_new"),
    path("staff/pages/<int:pk>/", news_staff_views.page_edit, name="page_edit"),
    path("staff/pages/<int:pk>/preview/", news_staff_views.page_preview, name="page_preview"),
    path("staff/pages/<int:pk>/delete/", news_staff_views.page_delete, name="page_delete"),
]
