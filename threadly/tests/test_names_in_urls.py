"""A username or tag in a URL holding a control character is a 404 on every route, never a 500.

PostgreSQL cannot compare text holding a NUL byte: `/@a%00b` used to raise DataError.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from threadly.converters import NameConverter

PLACEHOLDER = "placeholder"


def _named_routes(patterns=None, namespace: str = "") -> list[tuple[str, dict]]:
    """(route name, kwargs) of every route that takes a username or a tag."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes += _named_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            if any(isinstance(converter, NameConverter) for converter in converters.values()):
                kwargs = {
                    key: PLACEHOLDER if isinstance(converter, NameConverter) else 1
                    for key, converter in converters.items()
                }
                routes.append((namespace + entry.name, kwargs))
    return routes


ROUTES = _named_routes()


def test_every_username_and_tag_route_is_covered():
    names = {name for name, _ in ROUTES}
    assert {"social:profile", "search:tag", "api:user-detail", "api:user-posts", "api:user-follow"} <= names
    assert {"api:user-block", "api:user-mute", "moderation:report_person", "social:block"} <= names


@pytest.mark.parametrize("value", ["a%00b", "%00", "a%1Fb", "a%7F"])
@pytest.mark.parametrize(("name", "kwargs"), ROUTES, ids=[name for name, _ in ROUTES])
def test_a_control_character_in_a_name_is_a_404(client, alice, name, kwargs, value):
    client.force_login(alice)
    path = reverse(name, kwargs=kwargs).replace(PLACEHOLDER, value)

    for method in (client.get, client.post):
        assert method(path).status_code == 404


def test_an_api_404_for_a_nul_username_has_the_error_envelope(api_as, alice):
    response = api_as(alice).get("/api/threadly/v1/users/a%00b/posts")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_names_that_exist_still_resolve(client, alice):
    assert client.get(reverse("social:profile", kwargs={"username": "alice"})).status_code == 200
    assert client.get(reverse("search:tag", kwargs={"tag": "café"})).status_code == 200
