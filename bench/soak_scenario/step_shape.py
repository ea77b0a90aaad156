"""The soak's search for the highest rate the machine holds: more people every step, until one step's
p95 reaches the limit or a request fails (bench/soak.py runs it beside the locustfile).

One locust process for every step, so that only the people a step adds log in (a login is a costly
password hash). Each step is measured from SETTLE_SECONDS after all its people have logged in
(locustfile.Person.logged_in), with the statistics reset then, and its figures are written as a JSON
line to SOAK_STEPS_FILE:

    {"users": 40, "p95_ms": 180, "failures": 0, "requests": 812, "seconds": 20.1, "started": ..., "ended": ...}
"""

import json
import os
import time

from locust import LoadTestShape

# Long enough for every person to have asked for a page or two after logging in: the first asks of a
# step are the coldest (caches, home feeds rebuilt from PostgreSQL), and a short step has few samples.
SETTLE_SECONDS = 10


class StepUp(LoadTestShape):
    def __init__(self):
        super().__init__()
        self.first = int(os.environ.get("SOAK_STEP_FIRST", "20"))
        self.add = int(os.environ.get("SOAK_STEP_ADD", "20"))
        self.most = int(os.environ.get("SOAK_STEP_MOST", "1000"))
        self.step_seconds = float(os.environ.get("SOAK_STEP_SECONDS", "45"))
        self.spawn_rate = float(os.environ.get("SOAK_SPAWN_RATE", "5"))
        self.p95_limit_ms = float(os.environ.get("SOAK_P95_LIMIT_MS", "300"))
        self.steps_file = os.environ.get("SOAK_STEPS_FILE", "soak-steps.jsonl")
        self.users = 0
        self.step_began = 0.0
        self.measured_from: float | None = None

    def tick(self):
        now = self.get_run_time()
        if self.users == 0:
            self.users, self.step_began = self.first, now
        elif now - self.step_began >= self.step_seconds:
            if not self.record_step() or self.users + self.add > self.most:
                return None
            self.users, self.step_began, self.measured_from = self.users + self.add, now, None
        logged_in = getattr(self.runner.environment, "people_logged_in", 0) >= self.users
        if self.measured_from is None and logged_in and now - self.step_began >= SETTLE_SECONDS:
            self.runner.stats.reset_all()
            self.measured_from = time.time()
        return self.users, self.spawn_rate

    def record_step(self) -> bool:
        """Write the step's figures; True when it held (measured, p95 under the limit, nothing failed)."""
        total = self.runner.stats.total
        ended = time.time()
        figures = {
            "users": self.users,
            "p95_ms": total.get_response_time_percentile(0.95) if total.num_requests else None,
            "failures": total.num_failures,
            "requests": total.num_requests,
            "seconds": round(ended - self.measured_from, 1) if self.measured_from else 0,
            "started": self.measured_from,
            "ended": ended,
        }
        with open(self.steps_file, "a") as steps:
            steps.write(json.dumps(figures) + "\n")
        return (
            self.measured_from is not None
            and figures["requests"] > 0
            and figures["failures"] == 0
            and figures["p95_ms"] < self.p95_limit_ms
        )
