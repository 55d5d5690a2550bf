"""Facebook Messenger URLs under `/<org>/messenger/`, in the `org` namespace."""

from django.urls import path

from prongsai.messaging.messenger import views

urlpatterns = [path("webhook/", views.webhook, name="messenger_webhook")]
