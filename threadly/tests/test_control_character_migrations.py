"""The data migration strips control characters from names and bios stored before they were refused.

(Its twin for post and comment bodies, posts 0003, ran on the Comment model, which no longer exists.)"""

import importlib

from django.apps import apps

from accounts.models import User

ACCOUNTS_MIGRATION = importlib.import_module("accounts.migrations.0007_text_without_control_characters")


def test_old_names_and_bios_lose_control_characters(alice, bob):
    User.objects.filter(pk=alice.pk).update(display_name=" Ana\nLima\x02 ", bio="Line\x03 one\nLine two")
    User.objects.filter(pk=bob.pk).update(display_name="Bob", bio="Plain\tbio")

    ACCOUNTS_MIGRATION.strip_control_characters(apps, None)

    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.display_name, alice.bio) == ("Ana Lima", "Line one\nLine two")
    assert (bob.display_name, bob.bio) == ("Bob", "Plain\tbio")
