from django.urls import path

from posts.api import bookmarks, history, pins, reposts, views

urlpatterns = [
    path("posts", views.PostListView.as_view(), name="post-list"),
    path("posts/public", views.PublicPostListView.as_view(), name="post-public"),
    path("posts/<id:post_id>", views.PostDetailView.as_view(), name="post-detail"),
    path("posts/<id:post_id>/thread", views.PostThreadView.as_view(), name="post-thread"),
    path("posts/<id:post_id>/like", views.PostLikeView.as_view(), name="post-like"),
    path("posts/<id:post_id>/repost", reposts.PostRepostView.as_view(), name="post-repost"),
    path("posts/<id:post_id>/reposts", reposts.PostRepostListView.as_view(), name="post-reposts"),
    path("posts/<id:post_id>/quotes", reposts.PostQuoteListView.as_view(), name="post-quotes"),
    path("posts/<id:post_id>/detach", reposts.PostDetachView.as_view(), name="post-detach"),
    path("posts/<id:post_id>/history", history.PostHistoryView.as_view(), name="post-history"),
    path("posts/<id:post_id>/replies", views.PostReplyListView.as_view(), name="post-replies"),
    path("comments/<id:comment_id>", views.MovedCommentView.as_view(), name="moved-comment"),
    path("users/<name:username>/posts", views.UserPostListView.as_view(), name="user-posts"),
    path("posts/<id:post_id>/pin", pins.PostPinView.as_view(), name="post-pin"),
    path("users/<name:username>/pinned", pins.UserPinnedView.as_view(), name="user-pinned"),
    path("bookmarks", bookmarks.BookmarkListView.as_view(), name="bookmark-list"),
    path("posts/<id:post_id>/bookmark", bookmarks.PostBookmarkView.as_view(), name="post-bookmark"),
]
