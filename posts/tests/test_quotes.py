"""Quote posts through the services and the policy: who may quote, the card's state per viewer, detaching."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from accounts.factories import UserFactory
from notifications.models import Event, Notification
from posts import policy, reposts, services
from posts.models import Post
from social import services as social

pytestmark = pytest.mark.django_db
QUOTE = Post.QuotePolicy


def _quote_count(post: Post) -> int:
    post.refresh_from_db()
    return post.quote_count


def _state_for(viewer, quote: Post) -> str | None:
    """The quote's card as its page shows it to `viewer` (the state computed in the post's own query)."""
    rows = [policy.post_for_viewer(post_id=quote.pk, viewer=viewer)]
    return policy.mark_posts(viewer=viewer, posts=rows)[0].quote_state


def test_a_quote_points_at_the_post_and_counts(post, bob):
    quote = services.post_create(author=bob, body="So true", quoted_post=post)

    assert quote.quoted_post == post
    assert _quote_count(post) == 1
    assert _state_for(bob, quote) == "ok"


def test_quoting_a_repost_quotes_its_original(post, bob, carol):
    reposts.repost_create(user=bob, post=post)

    quote = services.post_create(author=carol, body="Look", quoted_post=Post.objects.get(author=bob))

    assert quote.quoted_post == post


def test_new_posts_take_the_authors_default_quote_policy_unless_told(alice):
    alice.default_quote_policy = QUOTE.FOLLOWERS
    alice.save()

    assert services.post_create(author=alice, body="a").quote_policy == QUOTE.FOLLOWERS
    assert services.post_create(author=alice, body="b", quote_policy=QUOTE.NOBODY).quote_policy == QUOTE.NOBODY


@pytest.mark.parametrize(
    ("quote_policy", "follows", "refusal"),
    [
        (QUOTE.EVERYONE, False, None),
        (QUOTE.FOLLOWERS, True, None),
        (QUOTE.FOLLOWERS, False, "Only the author's followers may quote this post."),
        (QUOTE.NOBODY, True, "The author does not let anyone quote this post."),
    ],
)
def test_the_quoted_posts_policy_decides_who_may_quote(quote_policy, follows, refusal, alice, bob):
    post = services.post_create(author=alice, body="Mine", quote_policy=quote_policy)
    if follows:
        social.follow_create(follower=bob, followee=alice)

    assert policy.quote_refusal(bob, post) == refusal
    assert policy.mark_posts(viewer=bob, posts=[post])[0].can_quote is (refusal is None)
    if refusal:
        with pytest.raises(PermissionDenied, match=refusal):
            services.post_create(author=bob, body="Quoting", quoted_post=post)
        assert _quote_count(post) == 0


def test_the_author_may_always_quote_their_own_post(alice):
    post = services.post_create(author=alice, body="Mine", quote_policy=QUOTE.NOBODY)

    assert services.post_create(author=alice, body="Still right", quoted_post=post).quoted_post == post


def test_a_post_the_quoter_cannot_see_cannot_be_quoted(alice, bob):
    secret = services.post_create(author=alice, body="Friends", visibility=Post.Visibility.FOLLOWERS)

    with pytest.raises(PermissionDenied, match="You cannot see this post"):
        services.post_create(author=bob, body="Quoting", quoted_post=secret)


def test_a_quote_of_a_followers_only_post_shows_it_only_to_who_may_see_it(alice, bob, carol):
    social.follow_create(follower=bob, followee=alice)
    secret = services.post_create(author=alice, body="Friends", visibility=Post.Visibility.FOLLOWERS)

    quote = services.post_create(author=bob, body="Quoting a friend", quoted_post=secret)

    assert _state_for(bob, quote) == "ok"
    assert _state_for(alice, quote) == "ok"
    assert _state_for(carol, quote) == "unavailable"


@pytest.mark.parametrize("hidden_by", ["block", "removal", "suspension", "deletion"])
def test_a_quote_of_a_post_gone_from_the_viewer_says_it_is_unavailable(hidden_by, post, alice, bob, carol):
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
    if hidden_by == "block":
        social.block_create(blocker=alice, blocked=carol)
    elif hidden_by == "removal":
        services.post_remove(post=post)
    elif hidden_by == "suspension":
        alice.__class__.objects.filter(pk=alice.pk).update(is_active=False)
    else:
        services.post_delete(post=post, actor=alice)

    assert _state_for(carol, quote) == "unavailable"
    # The block is between alice and carol only: the quoter still sees the card.
    assert _state_for(bob, quote) == ("ok" if hidden_by == "block" else "unavailable")


def test_the_quoted_author_may_detach_their_post(post, alice, bob, carol):
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
    assert policy.mark_posts(viewer=alice, posts=[quote])[0].can_detach is True
    assert policy.mark_posts(viewer=carol, posts=[quote])[0].can_detach is False

    assert reposts.quote_detach(user=alice, quote=quote) is True
    assert reposts.quote_detach(user=alice, quote=quote) is False

    assert _quote_count(post) == 0
    assert _state_for(carol, quote) == "detached"
    assert policy.mark_posts(viewer=alice, posts=[quote])[0].can_detach is False


def test_only_the_quoted_author_may_detach(post, bob, carol):
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)

    for person in (bob, carol):
        with pytest.raises(PermissionDenied):
            reposts.quote_detach(user=person, quote=quote)
    assert _quote_count(post) == 1


def test_quote_count_follows_removal_restore_deletion_and_the_quoters_departure(post, bob, carol):
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
    services.post_create(author=carol, body="Me too", quoted_post=post)
    assert _quote_count(post) == 2

    services.post_remove(post=quote)
    assert _quote_count(post) == 1
    services.post_restore(post=quote)
    assert _quote_count(post) == 2
    services.post_delete(post=quote, actor=bob)
    assert _quote_count(post) == 1
    services.posts_remove_all_of(carol)
    assert _quote_count(post) == 0


def test_removing_a_detached_quote_does_not_count_it_out_again(post, alice, bob):
    quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
    reposts.quote_detach(user=alice, quote=quote)

    services.post_remove(post=quote)
    services.post_restore(post=quote)

    assert _quote_count(post) == 0


def test_recount_counts_shown_attached_quotes(post, alice, bob, carol):
    services.post_create(author=bob, body="Quoting", quoted_post=post)
    detached = services.post_create(author=carol, body="Me too", quoted_post=post)
    reposts.quote_detach(user=alice, quote=detached)
    Post.objects.update(quote_count=7)

    call_command("recount", stdout=io.StringIO())

    assert _quote_count(post) == 1


def test_the_quoted_author_is_notified_unless_they_may_not_see_the_quote(
    post, alice, bob, carol, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        quote = services.post_create(author=bob, body="Quoting", quoted_post=post)
        services.post_create(author=carol, body="Friends", quoted_post=post, visibility=Post.Visibility.FOLLOWERS)
        services.post_create(author=alice, body="Myself", quoted_post=post)

    told = Notification.objects.filter(recipient=alice, kind=Event.Kind.QUOTE)
    assert list(told.values_list("actor__username", "post_id")) == [("bob", quote.pk)]


def test_a_muted_quoter_does_not_notify(post, alice, bob, django_capture_on_commit_callbacks):
    social.mute_create(muter=alice, muted=bob)

    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(author=bob, body="Quoting", quoted_post=post)

    assert not Notification.objects.filter(recipient=alice).exists()


def test_editing_the_quote_policy_alone_does_not_mark_the_post_edited(post, alice):
    services.post_update(post=post, editor=alice, body=post.body, visibility=post.visibility, quote_policy=QUOTE.NOBODY)

    post.refresh_from_db()
    assert (post.quote_policy, post.edited_at) == (QUOTE.NOBODY, None)
    assert policy.quote_refusal(UserFactory(), post) == "The author does not let anyone quote this post."
