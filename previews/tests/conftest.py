import pytest

from previews.tests.web import local_web_server


@pytest.fixture
def web(settings):
    """A local web server on 127.0.0.1, which the guard lets the fetch reach (that address only)."""
    settings.LINK_PREVIEW_TEST_ADDRESSES = frozenset({"127.0.0.1"})
    with local_web_server() as server:
        yield server
