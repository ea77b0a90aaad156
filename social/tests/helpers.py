"""Helpers the social tests share: the social API's addresses."""

from django.urls import reverse

from social.factories import FollowFactory


def follow_url(username: str) -> str:
    return reverse("api:user-follow", kwargs={"username": username})


def user_url(username: str) -> str:
    return reverse("api:user-detail", kwargs={"username": username})


def people_adder(*, person, viewer, followers: bool):
    """`add(count)` for a query budget: `count` new followers of `person` (or, with `followers=False`,
    people `person` follows); the viewer follows every other one, so the follow buttons differ."""

    def add(count: int) -> None:
        side = {"followee": person} if followers else {"follower": person}
        for number, follow in enumerate(FollowFactory.create_batch(count, **side)):
            if number % 2 == 0:
                FollowFactory(follower=viewer, followee=follow.follower if followers else follow.followee)

    return add
