"""Running actions at the same moment, for the tests that race requests or services on PostgreSQL."""

import threading
from collections.abc import Callable

from django.db import connection


def race(*actions: Callable[[], object]) -> list:
    """Run the actions at the same moment, each in its own thread and connection; their results or errors."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = action()
        except Exception as error:  # reported by the assertions of the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
