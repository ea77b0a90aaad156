"""Loaded by a worker with `--include`: its link previews may reach the tests' local web servers on
127.0.0.1, as previews' own tests allow with LINK_PREVIEW_TEST_ADDRESSES (production lists none)."""

from django.conf import settings

settings.LINK_PREVIEW_TEST_ADDRESSES = frozenset({"127.0.0.1"})
