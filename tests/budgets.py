"""What a page's query budget counts before the page's own queries."""

from django.conf import settings

# The session's row: read from Redis when it is configured (sessions are cached_db there), from the
# database otherwise.
SESSION_QUERIES = 0 if settings.REDIS_URL else 1

# The images of a page's posts (posts.selectors.post_rows' prefetch): one query for each level of posts
# the page has (its posts; their quoted posts; a repost's original; its quoted post), whatever its length.
IMAGES = 1
