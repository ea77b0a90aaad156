from django.urls import path

from posts.api import views

urlpatterns = [
    path("posts", views.PostListView.as_view(), name="post-list"),
    path("posts/public", views.PublicPostListView.as_view(), name="post-public"),
    path("posts/<id:post_id>", views.PostDetailView.as_view(), name="post-detail"),
    path("posts/<id:post_id>/thread", views.PostThreadView.as_view(), name="post-thread"),
    path("posts/<id:post_id>/like", views.PostLikeView.as_view(), name="post-like"),
    path("posts/<id:post_id>/comments", views.PostCommentListView.as_view(), name="post-comments"),
    path("comments/<id:comment_id>", views.CommentDetailView.as_view(), name="comment-detail"),
    path("users/<name:username>/posts", views.UserPostListView.as_view(), name="user-posts"),
]
