"""Workers' side of accounts: thin tasks that call the services."""

from celery import shared_task

from accounts import services, tokens

RETRIES = {"autoretry_for": (Exception,), "retry_backoff": 2, "retry_backoff_max": 600, "retry_jitter": True}


@shared_task(max_retries=5, **RETRIES)
def tell_old_email_of_change(user_id: int, old_email: str) -> None:
    services.email_change_notice_send(user_id=user_id, old_email=old_email)


@shared_task
def prune_expired_tokens() -> int:
    return tokens.expired_tokens_prune()
