"""The pages the soak asks for, each by the route its figures are grouped under.

Kept apart from the locustfile (which cannot be imported without gevent patching the process), so
that a test can resolve every route against Threadly's URLconf and match the patterns below against
real pages: a renamed page or a changed form fails the test instead of quietly emptying the soak.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    """`template` is formatted with the page's arguments; `name` (the template with each argument as
    [argument]) labels the figures; `url_name` is Django's name for the view it must reach."""

    template: str
    url_name: str

    @property
    def name(self) -> str:
        return self.template.replace("{", "[").replace("}", "]")

    def path(self, **arguments) -> str:
        return self.template.format(**arguments)


LOGIN = Route("/accounts/login/", "accounts:login")
HOME = Route("/", "social:home")
EXPLORE = Route("/explore/", "social:explore")
THREAD = Route("/posts/{post_id}/", "posts:detail")
NOTIFICATIONS = Route("/notifications/", "notifications:list")
SEARCH = Route("/search/", "search:search")
TAG = Route("/tags/{tag}/", "search:tag")
COMPOSE = Route("/compose/", "posts:create")
REPLY = Route("/posts/{post_id}/reply/", "posts:reply")
LIKE = Route("/posts/{post_id}/like/", "posts:like")
REPOST = Route("/posts/{post_id}/repost/", "posts:repost")
FOLLOW = Route("/@{username}/follow/", "social:follow")
HEALTHZ = Route("/healthz", "healthz")

ROUTES = (LOGIN, HOME, EXPLORE, THREAD, NOTIFICATIONS, SEARCH, TAG, COMPOSE, REPLY, LIKE, REPOST, FOLLOW, HEALTHZ)
# Arguments that fill every template, for the test that resolves them.
SAMPLE_ARGUMENTS = {"post_id": 12345, "tag": "python", "username": "ana_12"}

# What the pages show, as a browser finds it: the CSRF token for htmx (base.html's hx-headers) and a
# plain form's hidden field; the posts one may like, repost, open or answer; people one may follow.
HTMX_TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')
FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIKEABLE = re.compile(r'action="/posts/(\d+)/like/"')
REPOSTABLE = re.compile(r'action="/posts/(\d+)/repost/"')
THREADS = re.compile(r'href="/posts/(\d+)/')
REPLYABLE = re.compile(r'action="/posts/(\d+)/reply/"')
FOLLOWABLE = re.compile(r'action="/@([^/"]+)/follow/"')
