from django import template

from posts.mentions import linked_mentions_of
from posts.text import render_text

register = template.Library()


@register.filter
def rendered(item):
    """`{{ post|rendered }}` (or a reply): escaped text with links, linked mentions, hashtags and line breaks."""
    return render_text(item.body, linked_mentions=linked_mentions_of(item))
