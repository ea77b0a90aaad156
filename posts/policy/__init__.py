"""Who may see and do what with posts and replies: decided here once, every door asks.

Three modules, one door (`from posts import policy`): visibility (the rule), actions (what a viewer
may do, and the flags of a page), lists (which posts each list shows).

A reply is a post (`in_reply_to`): every rule below applies to it, and it is seen only with its parent
and its conversation's first post.

Items: post_for_viewer (404 when hidden) for every page, API view and report form; may_see_post,
  may_reply / reply_refusal (who may reply, and why not), may_like, may_bookmark (posts.services' and
  posts.bookmarks' writes); may_edit_post, may_delete_post (services and the edit/delete views);
  may_report_post; pin_refusal (posts.pins: one's own posts, not reposts).
Lists: home_posts, explore_posts (home, Explore, posts APIs); profile_posts (profile, users/{u}/posts,
  with or without replies); profile_media_posts (the Media tab, users/{u}/posts?media=true);
  pinned_posts (the profile's pins, users/{u}/pinned);
  conversation_rows (posts.threads: the thread page and posts/{id}/thread);
  tag_posts (tag page, tags/{tag}/posts); searchable_posts (search); counted_posts_q (tag search,
  trending); replies_of (posts/{id}/replies); bookmarked_posts (/bookmarks/, bookmarks); liked_posts
  (Mastodon's favourites).
Notifications: seeable_posts_q (post_visible in notifications.selectors); people_who_may_see
  (mention recipients in notifications.recipients).
Flags: mark_posts sets `liked`, `bookmarked`, `reposted`, `reply_refusal` and `can_*` on a page for
  templates and serializers; marks_apply sets them from facts a page's own query read
  (reply_facts_annotations, posts.hydration).
Reposts and quotes: repost_refusal, quote_refusal (posts.reposts' writes and the `can_*` flags);
  may_detach_quote; seen_post_ids (the quote cards of a page, in one query);
  reposts_of / quotes_of (posts/{id}/reposts and /quotes); likes_of (Mastodon's favourited_by).

A repost is a row of its own (author = the reposter, public, no body) pointing at the original:
it is seen when its reposter is and the original is, so reposting never shows a post to someone
its author did not let see it.
"""

from posts.policy.actions import (
    attached_quote_ids,
    mark_posts,
    marks_apply,
    may_bookmark,
    may_delete_post,
    may_detach_quote,
    may_edit_post,
    may_like,
    may_reply,
    may_report_post,
    original_of,
    pin_refusal,
    quote_refusal,
    reply_facts_annotations,
    reply_refusal,
    repost_refusal,
)
from posts.policy.lists import (
    bookmarked_posts,
    conversation_rows,
    explore_posts,
    home_posts,
    home_posts_among,
    liked_posts,
    likes_of,
    pinned_posts,
    profile_media_posts,
    profile_posts,
    quotes_of,
    replies_of,
    reposts_of,
    searchable_posts,
    tag_posts,
)
from posts.policy.visibility import (
    Viewer,
    counted_posts_q,
    may_see_post,
    people_who_may_see,
    post_for_viewer,
    seeable_posts_q,
    seen_post_ids,
)

__all__ = [
    "Viewer",
    "attached_quote_ids",
    "bookmarked_posts",
    "conversation_rows",
    "counted_posts_q",
    "explore_posts",
    "home_posts",
    "home_posts_among",
    "liked_posts",
    "likes_of",
    "mark_posts",
    "marks_apply",
    "may_bookmark",
    "may_delete_post",
    "may_detach_quote",
    "may_edit_post",
    "may_like",
    "may_reply",
    "may_report_post",
    "may_see_post",
    "original_of",
    "people_who_may_see",
    "pin_refusal",
    "pinned_posts",
    "post_for_viewer",
    "profile_media_posts",
    "profile_posts",
    "quote_refusal",
    "quotes_of",
    "replies_of",
    "reply_facts_annotations",
    "reply_refusal",
    "repost_refusal",
    "reposts_of",
    "searchable_posts",
    "seeable_posts_q",
    "seen_post_ids",
    "tag_posts",
]
