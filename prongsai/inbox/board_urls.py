"""The public board of matters and the org's follow-through policy, under the org prefix.

The board lives at `matters/`: `board/` is the webboard's.
"""

from django.urls import path

from prongsai.inbox.views import board

urlpatterns = [
    path("matters/", board.board_list, name="board"),
    path("matters/<int:pk>/", board.board_case, name="board_case"),
    path("matters/<int:pk>/me-too/", board.me_too, name="board_me_too"),
    path("matters/<int:pk>/photos/<int:photo_pk>/", board.board_photo, name="board_photo"),
    path("staff/follow-through/", board.case_policy, name="case_policy"),
]
