from django import template
from django.utils.text import Truncator

from posts.mentions import linked_mentions_of
from posts.text import render_text
from threadly import time_zones

register = template.Library()


@register.filter
def rendered(item):
    """`{{ post|rendered }}` (or a reply): escaped text with links, linked mentions, hashtags and line breaks."""
    return render_text(item.body, linked_mentions=linked_mentions_of(item))


@register.filter
def excerpt(post, length: int = 80) -> str:
    """A post's words in a line about it elsewhere (a notification, a page's title): its content warning
    instead when it has one, so what its author folded is not shown unfolded there."""
    if post.content_warning:
        return f"Content warning: {post.content_warning}"
    return Truncator(post.body).chars(length)


@register.simple_tag(takes_context=True)
def viewer_time(context, moment):
    """`{% viewer_time post.created_at %}`: the time in the viewer's zone, or, in a rendering cached for
    every viewer (`time_slot` set), the marker filled in at read (threadly.time_zones)."""
    if context.get("time_slot"):
        return time_zones.viewer_time_marker(moment)
    return time_zones.viewer_time(moment)
