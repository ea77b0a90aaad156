from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from moderation import services


class Command(BaseCommand):
    help = "Give someone a role: user, moderator (the admin's moderation pages) or admin (all of the admin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=User.Role.values)

    def handle(self, *args, username: str, role: str, **options):
        user = User.objects.named(username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        services.role_set(user=user, role=role, actor=None)
        self.stdout.write(self.style.SUCCESS(f"@{user.username} is now {User.Role(role).label.lower()}."))
