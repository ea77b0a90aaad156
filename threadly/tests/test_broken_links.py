"""A damaged page link answers alike on every list: the broken-link page, or the API's 400 envelope.

Also under DEBUG (`make run`), where Django would otherwise show its technical page for a BadRequest.
"""

import pytest

from posts.factories import PostFactory

pytestmark = pytest.mark.django_db

# Every list page, with the cursor its "older"/"more" link carries.
LIST_PAGES = [
    ("/", "before"),
    ("/explore/", "before"),
    ("/@alice", "before"),
    ("/@alice/followers/", "before"),
    ("/@alice/following/", "before"),
    ("/tags/coffee/", "before"),
    ("/notifications/", "before"),
    ("/posts/{post}/", "after"),
    ("/search/?q=coffee&type=posts", "cursor"),
    ("/search/?q=coffee&type=people", "cursor"),
    ("/search/?q=coffee&type=tags", "cursor"),
]
# Every API list: they all page by `cursor`.
API_LISTS = [
    "/api/threadly/v1/posts",
    "/api/threadly/v1/posts/public",
    "/api/threadly/v1/users/alice/posts",
    "/api/threadly/v1/users/alice/followers",
    "/api/threadly/v1/users/alice/following",
    "/api/threadly/v1/posts/{post}/replies",
    "/api/threadly/v1/notifications",
    "/api/threadly/v1/blocks",
    "/api/threadly/v1/mutes",
    "/api/threadly/v1/search?q=coffee",
]
BROKEN = ["abc", "-1", "0", "12abc", "9" * 40]


@pytest.fixture
def post(alice):
    return PostFactory(author=alice, body="Coffee #coffee")


def with_query(path: str, name: str, value: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{name}={value}"


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize("value", BROKEN)
@pytest.mark.parametrize(("path", "name"), LIST_PAGES)
def test_every_list_page_answers_a_broken_cursor_with_the_broken_link_page(
    client, settings, alice, post, path, name, value, debug
):
    settings.DEBUG = debug
    client.force_login(alice)
    path = path.format(post=post.pk)

    response = client.get(with_query(path, name, value))

    assert response.status_code == 400
    content = response.content.decode()
    assert "This link is broken" in content
    assert f'<a href="{path.replace("&", "&amp;")}">Go to the first page</a>' in content
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(("path", "name"), [(path, name) for path, name in LIST_PAGES if name != "cursor"])
def test_a_list_page_refuses_a_broken_cursor_of_either_kind(client, alice, post, path, name):
    """`?after=x` on a newest-first list is as broken as `?before=x`: not silently ignored."""
    client.force_login(alice)
    other = "after" if name == "before" else "before"

    assert client.get(with_query(path.format(post=post.pk), other, "abc")).status_code == 400


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize("path", API_LISTS)
def test_every_api_list_answers_a_broken_cursor_with_the_400_envelope(api_as, settings, alice, post, path, debug):
    settings.DEBUG = debug

    response = api_as(alice).get(with_query(path.format(post=post.pk), "cursor", "abc"))

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert list(response.json()["error"]["fields"]) == ["cursor"]
