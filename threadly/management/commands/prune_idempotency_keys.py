from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from threadly.models import IdempotencyKey


class Command(BaseCommand):
    help = "Delete stored Idempotency-Key answers older than IDEMPOTENCY_KEY_TTL (24 hours); run it daily."

    def handle(self, *args, **options):
        expired_before = timezone.now() - settings.IDEMPOTENCY_KEY_TTL
        deleted, _ = IdempotencyKey.objects.filter(created_at__lt=expired_before).delete()
        self.stdout.write(f"Deleted {deleted} expired idempotency keys.")
