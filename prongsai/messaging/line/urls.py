"""LINE URLs under `/<org>/line/`, in the `org` namespace."""

from django.urls import path

from prongsai.messaging.line import views

urlpatterns = [
    path("webhook/", views.webhook, name="line_webhook"),
    path("settings/", views.settings_page, name="line_settings"),
]
