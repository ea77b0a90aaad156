from django.core.management.base import BaseCommand

from threadly.api.idempotency import idempotency_keys_prune


class Command(BaseCommand):
    help = (
        "Delete stored Idempotency-Key answers older than IDEMPOTENCY_KEY_TTL (24 hours). Celery beat runs it hourly."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {idempotency_keys_prune()} expired idempotency keys.")
