"""A circuit breaker: after `failures` failed calls in a row it opens, and calls are refused without
being tried for `cooldown` seconds; then one trial call goes through (half-open), and its outcome
closes the breaker or opens it for another cool-down.

Hand-written rather than pybreaker or circuitbreaker (both on PyPI): pybreaker holds one lock
across every guarded call, which would queue all of a process's Redis calls behind one waiting out
a socket timeout, and lets every caller through while half-open; circuitbreaker has no lock and no
single trial either, and neither says when it changes state without a listener per call. This one
holds its lock only to read or change its state, lets exactly one trial through, and reads a clock
it is given, so that its tests need not wait.
"""

import threading
import time
from collections.abc import Callable
from enum import StrEnum


class State(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(
        self,
        *,
        failures: int,
        cooldown: float,
        clock: Callable[[], float] = time.monotonic,
        on_change: Callable[[State, State], None] | None = None,
    ):
        self.failures = failures
        self.cooldown = cooldown
        self._clock = clock
        self._on_change = on_change
        self._lock = threading.Lock()
        self._state = State.CLOSED
        self._failed_in_a_row = 0
        self._opened_at = 0.0
        self._trial_started_at = 0.0

    @property
    def state(self) -> State:
        return self._state

    def retry_after(self) -> float:
        """Seconds until a call may be tried again: 0 while closed."""
        with self._lock:
            if self._state == State.CLOSED:
                return 0.0
            return max(0.0, self._opened_at + self.cooldown - self._clock())

    def allow(self) -> bool:
        """May a call be made now? While open, the first caller after the cool-down is let through as
        the trial; until it reports back (or another cool-down passes) everyone else is refused."""
        with self._lock:
            if self._state == State.CLOSED:
                return True
            now = self._clock()
            if self._state == State.OPEN and now - self._opened_at < self.cooldown:
                return False
            if self._state == State.HALF_OPEN and now - self._trial_started_at < self.cooldown:
                return False
            changed = self._move(State.HALF_OPEN)
            self._trial_started_at = now
        self._tell(changed)
        return True

    def record_success(self) -> None:
        with self._lock:
            self._failed_in_a_row = 0
            changed = self._move(State.CLOSED)
        self._tell(changed)

    def record_failure(self) -> None:
        with self._lock:
            self._failed_in_a_row += 1
            changed = None
            if self._state == State.HALF_OPEN or (
                self._state == State.CLOSED and self._failed_in_a_row >= self.failures
            ):
                self._opened_at = self._clock()
                changed = self._move(State.OPEN)
        self._tell(changed)

    def _move(self, state: State) -> tuple[State, State] | None:
        if state == self._state:
            return None
        before, self._state = self._state, state
        return before, state

    def _tell(self, changed: tuple[State, State] | None) -> None:
        """Listeners hear of a change outside the lock, so that one may read the breaker."""
        if changed and self._on_change:
            self._on_change(*changed)
