"""Celery signal receivers, connected when threadly.celery is imported (web and worker alike).

The request id travels in each task message's headers: set at publish from the publisher's
context (a request, or a task that publishes more), put back in the context while the task runs
in the worker, cleared afterwards. Each finished task is counted for /metrics.
"""

from celery import signals

from threadly.observability.request_id import current_request_id, reset_request_id, set_request_id

HEADER = "request_id"

# The context tokens of the tasks running in this process, a stack per task id (an eager task
# that retries runs again, nested, under the same id).
_tokens: dict[str, list] = {}


@signals.before_task_publish.connect(dispatch_uid="threadly.request_id.publish")
def _put_request_id_in_headers(sender=None, headers=None, **kwargs) -> None:
    request_id = current_request_id()
    if request_id is not None and headers is not None:
        headers.setdefault(HEADER, request_id)


@signals.task_prerun.connect(dispatch_uid="threadly.request_id.prerun")
def _take_request_id_from_headers(sender=None, task_id=None, task=None, **kwargs) -> None:
    # A worker finds it among the message headers; an eager task (run in the publisher's own
    # context) has none and keeps the publisher's id.
    request_id = getattr(task.request, HEADER, None) or (task.request.headers or {}).get(HEADER)
    _tokens.setdefault(task_id, []).append(set_request_id(request_id or current_request_id()))


@signals.task_postrun.connect(dispatch_uid="threadly.request_id.postrun")
def _clear_request_id(sender=None, task_id=None, **kwargs) -> None:
    stack = _tokens.get(task_id)
    if stack:
        reset_request_id(stack.pop())
    if not stack:
        _tokens.pop(task_id, None)


def _count(sender, outcome: str) -> None:
    from threadly.observability.metrics import task_outcome_count

    task_outcome_count(task_name=sender.name, outcome=outcome)


@signals.task_success.connect(dispatch_uid="threadly.metrics.success")
def _count_success(sender=None, **kwargs) -> None:
    _count(sender, "succeeded")


@signals.task_failure.connect(dispatch_uid="threadly.metrics.failure")
def _count_failure(sender=None, **kwargs) -> None:
    _count(sender, "failed")


@signals.task_retry.connect(dispatch_uid="threadly.metrics.retry")
def _count_retry(sender=None, **kwargs) -> None:
    _count(sender, "retried")
