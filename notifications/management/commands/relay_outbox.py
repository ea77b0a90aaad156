from datetime import timedelta

from django.core.management.base import BaseCommand

from notifications import services
from notifications.models import Event


class Command(BaseCommand):
    help = (
        "Hand pending outbox events to the workers again (Celery beat does this every minute for events "
        "pending longer than OUTBOX_RELAY_AFTER); with --parked, also those that kept failing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--parked", action="store_true", help="also retry parked events")
        parser.add_argument(
            "--pending-for", type=int, default=0, metavar="SECONDS", help="only events pending this long (default: all)"
        )

    def handle(self, *args, parked: bool, pending_for: int, **options):
        waiting = Event.objects.filter(status=Event.Status.PENDING).count()
        parked_count = Event.objects.filter(status=Event.Status.PARKED).count()
        self.stdout.write(f"{waiting} pending and {parked_count} parked events.")
        relayed = services.events_relay(
            pending_for=timedelta(seconds=pending_for),
            include_parked=parked,
            on_progress=lambda count: self.stdout.write(f"  handed over {count} so far"),
        )
        self.stdout.write(self.style.SUCCESS(f"Handed {relayed} events to the workers."))
