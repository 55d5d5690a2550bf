"""livechat URLs under the org prefix, in the `org` namespace."""

from django.urls import path

from prongsai.messaging.livechat import staff_views, views

urlpatterns = [
    path("chat/", views.chat, name="chat"),
    path("chat/send/", views.send, name="chat_send"),
    path("chat/messages/", views.poll, name="chat_poll"),
    path("chat/new/", views.restart, name="chat_restart"),
    path("staff/chat/", staff_views.console, name="chat_console"),
    path("staff/chat/lists/", staff_views.console_lists, name="chat_console_lists"),
    path("staff/chat/hours/", staff_views.hours, name="chat_hours"),
    path("staff/chat/<int:pk>/", staff_views.detail, name="chat_staff"),
    path("staff/chat/<int:pk>/messages/", staff_views.poll, name="chat_staff_poll"),
    path("staff/chat/<int:pk>/send/", staff_views.send, name="chat_staff_send"),
    path("staff/chat/<int:pk>/take/", staff_views.take, name="chat_take"),
    path("staff/chat/<int:pk>/close/", staff_views.close, name="chat_close"),
    path("staff/chat/<int:pk>/complaint/", staff_views.complaint, name="chat_complaint"),
]
