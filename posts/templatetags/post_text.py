from django import template

from posts.text import render_text

register = template.Library()


@register.filter
def rendered(text: str):
    """`{{ post.body|rendered }}`: escaped text with links, mentions, hashtags and line breaks."""
    return render_text(text)
