"""Deeply nested JSON is a 400 in the error envelope on every operation of the schema, never a 500.

Python's decoder recurses once per level: 24 KB of `[` raised RecursionError in the parser, in
the Idempotency-Key fingerprint and in the search cursor.
"""

import base64

import pytest
from django.conf import settings as django_settings
from drf_spectacular.generators import SchemaGenerator

from accounts.factories import UserFactory
from accounts.models import User
from images.factories import ImageFactory
from posts.services import post_create
from threadly.json_input import MAX_DEPTH, json_loads

DEEP_ARRAYS = "[" * 24_000
DEEP_OBJECTS = '{"a":' * 5_000 + "1" + "}" * 5_000


def _operations() -> list[tuple[str, str, bool]]:
    """(method, path template, takes a JSON body) for every write operation the API publishes."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method, path, "application/json" in (operation.get("requestBody") or {}).get("content", {}))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in {"post", "put", "patch", "delete"}
    ]


OPERATIONS = _operations()
JSON_OPERATIONS = [(method, path) for method, path, takes_json in OPERATIONS if takes_json]


@pytest.fixture
def admin_api(api_as, settings):
    """An admin with a post and a reply of their own, so that every path names something real."""
    settings.RATE_LIMITS = dict.fromkeys(django_settings.RATE_LIMITS, "1000000/60")
    admin = UserFactory(username="root", role=User.Role.ADMIN, is_staff=True, is_superuser=True)
    post = post_create(author=admin, body="A post to name")
    comment = post_create(author=admin, in_reply_to=post, body="A reply to name")
    UserFactory(username="bob")
    image = ImageFactory(uploader=admin)
    names = {
        "{post_id}": str(post.pk),
        "{comment_id}": str(comment.pk),
        "{username}": "bob",
        "{image_id}": str(image.pk),
    }

    def request(method: str, template: str, body: str, **headers):
        path = template
        for name, value in names.items():
            path = path.replace(name, value)
        return getattr(api_as(admin), method)(path, data=body, content_type="application/json", **headers)

    return request


def test_the_schema_lists_the_json_operations():
    assert len(JSON_OPERATIONS) >= 10
    assert ("post", "/api/threadly/v1/posts") in JSON_OPERATIONS


@pytest.mark.parametrize("body", [DEEP_ARRAYS, DEEP_OBJECTS], ids=["arrays", "objects"])
@pytest.mark.parametrize(("method", "path"), JSON_OPERATIONS)
def test_a_deeply_nested_body_is_a_parse_error(admin_api, method, path, body):
    response = admin_api(method, path, body)

    assert response.status_code == 400, response.content[:300]
    assert response.json()["error"]["code"] == "parse_error"
    assert "nested" in response.json()["error"]["message"]


@pytest.mark.parametrize(("method", "path", "takes_json"), OPERATIONS)
def test_a_deeply_nested_body_with_an_idempotency_key_is_never_a_server_error(admin_api, method, path, takes_json):
    response = admin_api(method, path, DEEP_ARRAYS, HTTP_IDEMPOTENCY_KEY="deep")

    assert response.status_code < 500, response.content[:300]
    if takes_json:
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "parse_error"


def test_a_body_just_within_the_depth_limit_is_parsed_as_usual(admin_api):
    body = '{"body": "shallow", "extra": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"

    response = admin_api("post", "/api/threadly/v1/posts", body)

    assert response.status_code == 201, response.content


def test_json_loads_refuses_nesting_past_the_limit_even_when_python_could_decode_it():
    json_loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    with pytest.raises(ValueError, match="nested"):
        json_loads("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


@pytest.mark.parametrize("url", ["/search/", "/api/threadly/v1/search"])
def test_a_search_cursor_of_deeply_nested_json_is_a_400(client, url, db):
    cursor = base64.urlsafe_b64encode(b"[" * 3_000).decode().rstrip("=")

    response = client.get(url, {"q": "coffee", "cursor": cursor})

    assert response.status_code == 400
