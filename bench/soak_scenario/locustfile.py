"""The soak's people (bench/soak.py runs it; docs/scaling.md): each logs in through the login page, then
reads and writes as a browser does, through the pages' forms and htmx endpoints with the CSRF token the
page carries; Threadly's API is not used.

    locust -f bench/soak_scenario/locustfile.py --host http://127.0.0.1:PORT Person

SOAK_PEOPLE_FILE names a file of usernames, one a line, all with the demo password (seed_demo); each
simulated person takes the next one. Every request is named by its route (bench/soak_scenario/routes.py)
so that the figures group per page, and anything but the answer a browser expects (200, or the
redirect of a plain form) counts as a failure: a login page, a 429 and a 500 alike.
"""

import itertools
import logging
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.soak_scenario import routes

DEMO_PASSWORD = os.environ.get("SOAK_PASSWORD", "threadly-demo")
# Words the seeded posts carry (seed_demo's topics), for searches that find something.
TOPICS = ["django", "python", "opensource", "postgres", "coffee", "music", "books", "cycling", "travel"]
ALL_LOGGED_IN = "All people logged in; statistics reset"
# Targets remembered from the pages read, newest last; a few dozen is what a screen or two shows.
REMEMBERED = 40


def _people() -> itertools.cycle:
    path = os.environ.get("SOAK_PEOPLE_FILE")
    if not path:
        return itertools.cycle([])
    return itertools.cycle([line.strip() for line in Path(path).read_text().splitlines() if line.strip()])


PEOPLE = _people()


class Person(FastHttpUser):
    """One active person: a read or a write every 3 to 9 seconds (about ten requests a minute)."""

    wait_time = between(3, 9)

    def on_start(self) -> None:
        self.username = next(PEOPLE)
        self.token = ""
        self.page = routes.HOME.path()
        self.seen: dict[str, list[str]] = {"like": [], "repost": [], "thread": [], "follow": []}
        self.log_in()
        self.logged_in()

    def logged_in(self) -> None:
        """Count the people logged in on the environment (the step shape reads it). Once all of a fixed
        run's are, reset the statistics, so that its figures are of people using the site, not of the
        logins (a costly password hash each) that start it; say so in the log for bench/soak.py, and
        end the run SOAK_MEASURE_SECONDS later."""
        environment = self.environment
        environment.people_logged_in = getattr(environment, "people_logged_in", 0) + 1
        runner = environment.runner
        if environment.shape_class is None and environment.people_logged_in == runner.target_user_count:
            runner.stats.reset_all()
            logging.info(ALL_LOGGED_IN)
            if measure := os.environ.get("SOAK_MEASURE_SECONDS"):
                gevent.spawn_later(float(measure), runner.quit)

    def log_in(self) -> None:
        form = self.read(routes.LOGIN)
        token = routes.FORM_TOKEN.search(form or "")
        if token is None:
            return
        fields = {"csrfmiddlewaretoken": token.group(1), "username": self.username, "password": DEMO_PASSWORD}
        self.send(routes.LOGIN, fields, expect=302)
        self.read(routes.HOME)

    # Reading: a page answers 200 (a redirect to the login page is a failure); what it shows is remembered.
    def read(self, route: routes.Route, query: dict | None = None, **arguments) -> str | None:
        path = route.path(**arguments) + (f"?{urlencode(query)}" if query else "")
        with self.client.get(path, name=route.name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}".strip())
                return None
            text = response.text or ""
        if token := routes.HTMX_TOKEN.search(text):
            self.token = token.group(1)
        self.page = path
        self.remember("like", routes.LIKEABLE.findall(text))
        self.remember("repost", routes.REPOSTABLE.findall(text))
        self.remember("thread", routes.THREADS.findall(text))
        self.remember("follow", [name for name in routes.FOLLOWABLE.findall(text) if name != self.username])
        return text

    def remember(self, kind: str, found: list[str]) -> None:
        self.seen[kind] = (self.seen[kind] + list(dict.fromkeys(found)))[-REMEMBERED:]

    def pick(self, kind: str) -> str | None:
        """A target shown on a page read earlier, used once (a like or follow is not sent twice)."""
        if not self.seen[kind]:
            self.read(routes.EXPLORE)
        if not self.seen[kind]:
            return None
        return self.seen[kind].pop(random.randrange(len(self.seen[kind])))

    # Writing: a plain form (302) or an htmx request (200), each with the page's CSRF token.
    def send(self, route: routes.Route, fields: dict, *, expect: int, htmx: bool = False, **arguments) -> None:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.client.base_url + self.page}
        if htmx:
            headers |= {"HX-Request": "true", "HX-Current-URL": headers["Referer"], "X-CSRFToken": self.token}
        else:
            fields = {"csrfmiddlewaretoken": self.token, **fields}
        with self.client.post(
            route.path(**arguments),
            data=urlencode(fields),
            headers=headers,
            name=route.name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != expect or routes.LOGIN.path() in location:
                response.failure(f"{response.status_code} {location}".strip())

    @task(30)
    def home(self) -> None:
        self.read(routes.HOME)

    @task(10)
    def explore(self) -> None:
        self.read(routes.EXPLORE)

    @task(15)
    def thread(self) -> None:
        if post_id := self.pick("thread"):
            self.read(routes.THREAD, post_id=post_id)

    @task(8)
    def notifications(self) -> None:
        self.read(routes.NOTIFICATIONS)

    @task(4)
    def search_posts(self) -> None:
        self.read(routes.SEARCH, {"q": random.choice(TOPICS), "type": "posts"})

    @task(3)
    def search_people(self) -> None:
        self.read(routes.SEARCH, {"q": self.username.split("_")[0][:4], "type": "people"})

    @task(3)
    def hashtag(self) -> None:
        self.read(routes.TAG, tag=random.choice(TOPICS))

    @task(4)
    def post(self) -> None:
        self.read(routes.HOME)
        body = f"Soak post by {self.username}: {' '.join(random.sample(TOPICS, 2))} #{random.choice(TOPICS)}"
        fields = {"body": body, "visibility": "public", "reply_policy": "everyone", "quote_policy": ""}
        self.send(routes.COMPOSE, fields, expect=302)

    @task(4)
    def reply(self) -> None:
        post_id = self.pick("thread")
        page = post_id and self.read(routes.THREAD, post_id=post_id)
        if page and routes.REPLYABLE.search(page):
            body = f"A soak reply about {random.choice(TOPICS)}."
            self.send(routes.REPLY, {"body": body, "keep_open": "1"}, expect=200, htmx=True, post_id=post_id)

    @task(10)
    def like(self) -> None:
        if post_id := self.pick("like"):
            self.send(routes.LIKE, {"next": self.page}, expect=200, htmx=True, post_id=post_id)

    @task(3)
    def repost(self) -> None:
        if post_id := self.pick("repost"):
            self.send(routes.REPOST, {"next": self.page}, expect=200, htmx=True, post_id=post_id)

    @task(3)
    def follow(self) -> None:
        if username := self.pick("follow"):
            self.send(routes.FOLLOW, {}, expect=200, htmx=True, username=username)


class HealthzProbe(FastHttpUser):
    """The baseline: /healthz through the same gunicorn, as fast as it answers (no wait)."""

    @task
    def healthz(self) -> None:
        self.client.get(routes.HEALTHZ.path(), name=routes.HEALTHZ.name)
