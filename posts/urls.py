from django.urls import path

from posts import bookmark_views, pin_views, views

app_name = "posts"

urlpatterns = [
    path("compose/", views.post_create, name="create"),
    path("posts/<id:post_id>/", views.post_detail, name="detail"),
    path("posts/<id:post_id>/history/", views.post_history, name="history"),
    path("posts/<id:post_id>/edit/", views.post_edit, name="edit"),
    path("posts/<id:post_id>/delete/", views.post_delete, name="delete"),
    path("posts/<id:post_id>/like/", views.like, name="like"),
    path("posts/<id:post_id>/unlike/", views.unlike, name="unlike"),
    path("comments/<id:comment_id>/", views.moved_comment, name="moved_comment"),
    path("posts/<id:post_id>/bookmark/", bookmark_views.bookmark, name="bookmark"),
    path("posts/<id:post_id>/unbookmark/", bookmark_views.unbookmark, name="unbookmark"),
    path("bookmarks/", bookmark_views.bookmark_list, name="bookmarks"),
    path("posts/<id:post_id>/repost/", views.repost, name="repost"),
    path("posts/<id:post_id>/unrepost/", views.unrepost, name="unrepost"),
    path("posts/<id:post_id>/quotes/", views.post_quotes, name="quotes"),
    path("posts/<id:post_id>/reposts/", views.post_reposts, name="reposts"),
    path("posts/<id:post_id>/detach/", views.quote_detach, name="quote_detach"),
    path("posts/<id:post_id>/reply/", views.post_reply, name="reply"),
    path("posts/<id:post_id>/pin/", pin_views.pin, name="pin"),
    path("posts/<id:post_id>/unpin/", pin_views.unpin, name="unpin"),
]
