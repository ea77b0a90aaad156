from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.selectors import user_by_username
from posts import policy
from posts.forms import ImagesForm, PostForm
from posts.hydration import hydrate, hydrator
from posts.listing import hydrated_page, render_hydrated_list, render_marked_page
from posts.pins import PIN_LIMIT, pinned_post_ids
from social import selectors, services
from social.profile_tabs import profile_tabs
from threadly.pagination import CursorPage, cursor_from, paginate_by_id
from threadly.ratelimit import rate_limit
from threadly.redirects import redirect_back
from timelines.reads import home_page

# How many people each place suggests: the "Who to follow" page, an empty home, the side column.
SUGGESTIONS_ON_PAGE = 20
SUGGESTIONS_ON_EMPTY_HOME = 5
SUGGESTIONS_BESIDE = 3
# How many recent public posts the landing page shows a visitor.
LANDING_POSTS = 5


def landing(request):
    """A visitor's `/`: what Threadly is, the doors in, and a taste of Explore (read-only: no viewer)."""
    page = hydrated_page(request, policy.explore_posts(request.user), before=None, size=LANDING_POSTS)
    return render(request, "social/landing.html", {"posts": page.items})


def home(request):
    if not request.user.is_authenticated:
        return landing(request)
    hydrate = hydrator(request, api=False)
    before = cursor_from(request)
    page = home_page(request.user, before=before, size=settings.PAGE_SIZE, hydrate=hydrate)
    context = {"form": PostForm(), "images_form": ImagesForm()}
    if not page.items and before is None:
        # An empty home (a new account's) suggests people to follow instead of just saying so.
        context["suggestions"] = selectors.who_to_follow(request.user, limit=SUGGESTIONS_ON_EMPTY_HOME)
    return render_marked_page(request, "social/home.html", CursorPage(page.items, page.next_cursor), context)


@login_required
def suggestions(request):
    """Who to follow: friends of friends, then popular accounts, each with a follow button."""
    people = selectors.who_to_follow(request.user, limit=SUGGESTIONS_ON_PAGE)
    return render(request, "social/suggestions.html", {"people": people})


def suggestions_beside(request):
    """The side column's few suggestions, loaded by htmx on home and Explore (nothing for a visitor)."""
    people = selectors.who_to_follow(request.user, limit=SUGGESTIONS_BESIDE) if request.user.is_authenticated else []
    return render(request, "social/_who_to_follow.html", {"people": people})


def explore(request):
    return render_hydrated_list(request, "social/explore.html", policy.explore_posts(request.user))


def _pinned_first(request, user, posts):
    """The Posts tab's pinned posts (hydrated, marked `pinned`) and the tab's list without them, so that
    no post shows twice; pinned posts come on the first page only."""
    pinned_rows = policy.pinned_posts(viewer=request.user, author=user)
    pinned = []
    if not request.htmx and cursor_from(request) is None:
        pinned = hydrate(request, pinned_rows, limit=PIN_LIMIT, api=False)
    for post in pinned:
        post.pinned = True
    return pinned, posts.exclude(pins__user=user)


def _mark_pinnable(viewer, posts, pinned_ids: set[int]) -> None:
    """The owner's own posts (not their reposts of others') get a pin or unpin button."""
    for post in posts:
        if post.repost_of_id is None and post.author_id == viewer.pk:
            post.pin_state = "pinned" if post.pk in pinned_ids else "unpinned"


def profile(request, username: str):
    user, relationship, follow = selectors.profile_for_viewer(username=username, viewer=request.user)
    if relationship.blocked_by_them:
        raise Http404("No such user.")
    if user.username != username:
        return redirect(user, permanent=True)
    # The "Posts and replies" and "Media" tabs; any other value is the "Posts" tab, as a link could only carry "1".
    with_replies = request.GET.get("with_replies") == "1"
    media = not with_replies and request.GET.get("media") == "1"
    pinned = []
    if media:
        posts = policy.profile_media_posts(viewer=request.user, author=user)
    else:
        posts = policy.profile_posts(viewer=request.user, author=user, with_replies=with_replies)
        if not with_replies:
            pinned, posts = _pinned_first(request, user, posts)
    context = {
        "profile_user": user,
        "is_following": follow is not None,
        "follow": follow,
        "relationship": relationship,
        "with_replies": with_replies,
        "media": media,
        "tabs": profile_tabs(user, current="media" if media else "replies" if with_replies else "posts"),
        "pinned": pinned,
    }
    page = hydrated_page(request, posts, before=cursor_from(request), size=settings.PAGE_SIZE)
    if request.user.pk == user.pk:
        pinned_ids = {post.pk for post in pinned} if not (with_replies or media) else pinned_post_ids(user)
        _mark_pinnable(request.user, [*pinned, *page.items], pinned_ids)
    return render_marked_page(request, "social/profile.html", page, context)


def _render_people(request, username: str, *, followers: bool):
    user = selectors.person_for_viewer(username=username, viewer=request.user)
    follows = selectors.followers_of(user) if followers else selectors.following_of(user)
    page = paginate_by_id(follows, cursor=cursor_from(request), size=settings.PAGE_SIZE)
    people = [follow.follower if followers else follow.followee for follow in page.items]
    followed, blocked = selectors.buttons_among(viewer=request.user, user_ids=[person.pk for person in people])
    for person in people:
        person.is_followed = person.pk in followed
        person.is_blocked = person.pk in blocked
    context = {"profile_user": user, "people": people, "page": page, "showing_followers": followers}
    if request.htmx:
        return render(request, "social/_people_list.html#people_page", context)
    return render(request, "social/people.html", context)


def followers(request, username: str):
    return _render_people(request, username, followers=True)


def following(request, username: str):
    return _render_people(request, username, followers=False)


def _follow_response(request, followee, following: bool):
    if request.htmx:
        # On a profile page the button also brings the header's new follower count and bell.
        context = {
            "person": followee,
            "is_following": following,
            "show_count": request.POST.get("show_count") == "1",
            "follow": selectors.follow_of(follower=request.user, followee=followee),
        }
        return render(request, "social/_follow_button.html#follow_button", context)
    return redirect_back(request, followee)


@login_required
@require_POST
@rate_limit("follow")
def follow(request, username: str):
    followee = user_by_username(username)
    try:
        services.follow_create(follower=request.user, followee=followee)
    except ValidationError as error:
        return render(request, "400.html", {"message": error.messages[0]}, status=400)
    return _follow_response(request, followee, following=True)


@login_required
@require_POST
def notify_posts(request, username: str):
    """Turn notifications of someone's new posts on or off (`notify` is "on" or "off")."""
    followee = user_by_username(username)
    notify = request.POST.get("notify") == "on"
    if not services.follow_set_notify_posts(follower=request.user, followee=followee, notify=notify):
        return render(request, "400.html", {"message": "Follow them first."}, status=400)
    if request.htmx:
        context = {"person": followee, "notify_posts": notify}
        return render(request, "social/_notify_posts_button.html", context)
    return redirect_back(request, followee)


@login_required
@require_POST
def unfollow(request, username: str):
    followee = user_by_username(username)
    services.follow_delete(follower=request.user, followee=followee)
    return _follow_response(request, followee, following=False)


RELATIONSHIP_ACTIONS = {
    "block": (services.block_create, "blocker", "blocked", "You blocked @{}. Neither of you sees the other now."),
    "unblock": (services.block_delete, "blocker", "blocked", "You unblocked @{}."),
    "mute": (services.mute_create, "muter", "muted", "You muted @{}. They are not told."),
    "unmute": (services.mute_delete, "muter", "muted", "You unmuted @{}."),
}


@login_required
@require_POST
def relationship(request, username: str, action: str):
    """Block, unblock, mute or unmute someone, then go back where the form was."""
    service, me, them, done = RELATIONSHIP_ACTIONS[action]
    person = user_by_username(username)
    try:
        service(**{me: request.user, them: person})
    except ValidationError as error:
        return render(request, "400.html", {"message": error.messages[0]}, status=400)
    messages.success(request, done.format(person.username))
    return redirect_back(request, person)


@login_required
def blocked_and_muted(request):
    """Settings: the people you blocked and muted, each with its undo button."""
    sections = [
        ("Blocked", [block.blocked for block in selectors.blocks_of(request.user)], "unblock", "Unblock"),
        ("Muted", [mute.muted for mute in selectors.mutes_of(request.user)], "unmute", "Unmute"),
    ]
    return render(request, "social/blocked_and_muted.html", {"sections": sections})
