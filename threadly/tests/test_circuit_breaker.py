"""The circuit breaker's states on a clock the test moves: closed → open → half-open → closed or open."""

import threading
from types import SimpleNamespace

import pytest

from threadly.circuit_breaker import CircuitBreaker, State


@pytest.fixture
def clock():
    return SimpleNamespace(now=100.0)


@pytest.fixture
def changes():
    return []


@pytest.fixture
def breaker(clock, changes):
    return CircuitBreaker(
        failures=3, cooldown=10, clock=lambda: clock.now, on_change=lambda before, after: changes.append(after)
    )


def test_it_opens_after_the_failures_in_a_row_and_then_refuses(breaker, changes):
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.allow()

    breaker.record_failure()

    assert breaker.state == State.OPEN
    assert not breaker.allow()
    assert changes == [State.OPEN]


def test_a_success_between_failures_starts_the_count_again(breaker):
    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    breaker.record_failure()

    assert breaker.state == State.CLOSED


def test_after_the_cool_down_one_trial_goes_through_and_its_success_closes_it(breaker, clock, changes):
    for _ in range(3):
        breaker.record_failure()
    clock.now += 9.9
    assert not breaker.allow()
    assert breaker.retry_after() == pytest.approx(0.1)

    clock.now += 0.1
    assert breaker.allow()
    assert breaker.state == State.HALF_OPEN
    assert not breaker.allow(), "only one trial at a time"

    breaker.record_success()

    assert breaker.state == State.CLOSED
    assert breaker.allow()
    assert breaker.retry_after() == 0
    assert changes == [State.OPEN, State.HALF_OPEN, State.CLOSED]


def test_a_failed_trial_opens_it_for_another_cool_down(breaker, clock):
    for _ in range(3):
        breaker.record_failure()
    clock.now += 10
    assert breaker.allow()

    breaker.record_failure()

    assert breaker.state == State.OPEN
    clock.now += 9
    assert not breaker.allow()
    clock.now += 1
    assert breaker.allow()


def test_a_trial_that_never_reports_back_is_replaced_after_a_cool_down(breaker, clock):
    for _ in range(3):
        breaker.record_failure()
    clock.now += 10
    assert breaker.allow()

    clock.now += 9
    assert not breaker.allow()
    clock.now += 1
    assert breaker.allow()


def test_many_threads_get_exactly_one_trial(breaker, clock):
    for _ in range(3):
        breaker.record_failure()
    clock.now += 10
    allowed = []
    start = threading.Barrier(8)

    def ask():
        start.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(allowed) == [False] * 7 + [True]
