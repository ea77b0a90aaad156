"""A profile's bio as HTML: escaped, its links, @mentions and #tags linked as in posts (posts.text)."""

from django import template
from django.db.models.functions import Lower
from django.utils.safestring import SafeString

from accounts.models import User
from posts.text import extract_mentions, render_text

register = template.Library()


@register.filter
def rendered_bio(person: User) -> SafeString:
    """`{{ person|rendered_bio }}`: one query when the bio mentions someone (to link only active people),
    none otherwise."""
    names = extract_mentions(person.bio)
    linked = set()
    if names:
        people = User.objects.filter(is_active=True).annotate(lower_name=Lower("username"))
        linked = set(people.filter(lower_name__in=names).values_list("lower_name", flat=True))
    return render_text(person.bio, linked_mentions=linked)
