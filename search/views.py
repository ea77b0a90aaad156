from posts.listing import render_post_list
from posts.selectors import posts_with_hashtag


def tag(request, tag: str):
    """Posts carrying #tag that the viewer may see, newest first."""
    tag = tag.lower()
    return render_post_list(request, "search/tag.html", posts_with_hashtag(tag=tag, viewer=request.user), {"tag": tag})
