from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from notifications import services


class Command(BaseCommand):
    help = "Delete notifications, and finished outbox events, older than --older-than DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS")

    def handle(self, *args, older_than: int, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        notifications, events = services.notifications_prune(older_than=timedelta(days=older_than))
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {notifications} notifications and {events} events older than {older_than} days."
            )
        )
