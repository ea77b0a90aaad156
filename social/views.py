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
from posts.hydration import hydrator
from posts.listing import render_hydrated_list, render_marked_page
from social import selectors, services
from threadly.pagination import CursorPage, cursor_from, paginate_by_id
from threadly.ratelimit import rate_limit
from threadly.redirects import redirect_back
from timelines.reads import home_page


def home(request):
    if not request.user.is_authenticated:
        return redirect("social:explore")
    hydrate = hydrator(request, api=False)
    page = home_page(request.user, before=cursor_from(request), size=settings.PAGE_SIZE, hydrate=hydrate)
    return render_marked_page(
        request,
        "social/home.html",
        CursorPage(page.items, page.next_cursor),
        {"form": PostForm(), "images_form": ImagesForm()},
    )


def explore(request):
    return render_hydrated_list(request, "social/explore.html", policy.explore_posts(request.user))


def profile(request, username: str):
    user, relationship, follow = selectors.profile_for_viewer(username=username, viewer=request.user)
    if relationship.blocked_by_them:
        raise Http404("No such user.")
    if user.username != username:
        return redirect(user, permanent=True)
    # The "Posts and replies" and "Media" tabs; any other value is the "Posts" tab, as a link could only carry "1".
    with_replies = request.GET.get("with_replies") == "1"
    media = not with_replies and request.GET.get("media") == "1"
    if media:
        posts = policy.profile_media_posts(viewer=request.user, author=user)
    else:
        posts = policy.profile_posts(viewer=request.user, author=user, with_replies=with_replies)
    context = {
        "profile_user": user,
        "is_following": follow is not None,
        "follow": follow,
        "relationship": relationship,
        "with_replies": with_replies,
        "media": media,
    }
    return render_hydrated_list(request, "social/profile.html", posts, context)


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
