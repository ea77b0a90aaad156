from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from moderation import services


class Command(BaseCommand):
    help = "Suspend an account (it cannot log in or use a token; its content is hidden), or lift it with --lift."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="written to the audit log")
        parser.add_argument("--lift", action="store_true", help="lift the suspension instead")

    def handle(self, *args, username: str, reason: str, lift: bool, **options):
        user = User.objects.named(username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        if lift:
            lifted = services.user_unsuspend(user=user, moderator=None, reason=reason)
            said = "may log in again." if lifted else "was not suspended."
        else:
            suspended = services.user_suspend(user=user, moderator=None, reason=reason)
            said = "is suspended." if suspended else "was already suspended."
        self.stdout.write(self.style.SUCCESS(f"@{user.username} {said}"))
