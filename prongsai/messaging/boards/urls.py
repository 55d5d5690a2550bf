"""Board URLs under the org prefix, in the `org` namespace."""

from django.urls import path

from prongsai.messaging.boards import staff_views, views

urlpatterns = [
    path("board/", views.board_list, name="board_list"),
    path("board/new/", views.board_new, name="board_new"),
    path("board/<int:pk>/", views.board_topic, name="board_topic"),
    path("board/<int:pk>/report/", views.board_report, name="board_report"),
    path("board/replies/<int:pk>/report/", views.board_reply_report, name="board_reply_report"),
    path("qa/", views.qa_list, name="qa_list"),
    path("qa/ask/", views.qa_ask, name="qa_ask"),
    path("qa/faq/", views.qa_faq, name="qa_faq"),
    path("qa/<int:pk>/", views.qa_question, name="qa_question"),
    path("qa/<int:pk>/report/", views.qa_report, name="qa_report"),
    path("staff/board/", staff_views.board_queue, name="board_queue"),
    path("staff/board/settings/", staff_views.board_settings, name="board_settings"),
    path("staff/board/<int:pk>/", staff_views.board_staff_topic, name="board_staff_topic"),
    path(
        "staff/board/<int:pk>/<slug:action>/",
        staff_views.board_topic_action,
        name="board_topic_action",
    ),
    path(
        "staff/board/replies/<int:pk>/<slug:action>/",
        staff_views.board_reply_action,
        name="board_reply_action",
    ),
    path("staff/qa/", staff_views.qa_queue, name="qa_queue"),
    path("staff/qa/<int:pk>/", staff_views.qa_staff_question, name="qa_staff_question"),
    path(
        "staff/qa/<int:pk>/<slug:action>/",
        staff_views.qa_question_action,
        name="qa_question_action",
    ),
]
