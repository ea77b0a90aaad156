"""Fetching a link for its preview, within limits: LINK_PREVIEW_TIMEOUT seconds for the whole fetch
(redirects included), LINK_PREVIEW_MAX_BYTES read at most, LINK_PREVIEW_MAX_REDIRECTS followed.

Built on the standard library's http.client rather than requests or urllib3, because the connection
must go to the address previews.guard checked, not to whatever a second DNS lookup returns: the
connection classes below open the socket to that address themselves and keep the name for the Host
header and for TLS (SNI and certificate checking, with the default context: never turned off).
Redirects are followed here, one by one, each through the guard.
"""

import contextlib
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin

from django.conf import settings

from previews.guard import LinkRefused, Target, checked_target, link_normalised

REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024
USER_AGENT = "ThreadlyLinkPreview/1.0 (+link previews; fetches one page per link)"


class FetchFailed(Exception):
    """The page could not be read (timeout, refused connection, error status, wrong type)."""


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    charset: str | None
    body: bytes
    truncated: bool


class _Deadline:
    """The fetch's one time budget, shared by every connection, read and redirect."""

    def __init__(self, seconds: float):
        self.ends = time.monotonic() + seconds

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.ends

    def left(self) -> float:
        remaining = self.ends - time.monotonic()
        if remaining <= 0:
            raise FetchFailed("timed out")
        return remaining


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # Already closed: the fetch ended first.
        sock.shutdown(socket.SHUT_RDWR)


def _watchdog(sock: socket.socket, deadline: _Deadline) -> threading.Timer:
    """Shut the socket down when the fetch's time is up, whatever it waits for: a server trickling its
    headers a byte at a time would reset every per-read timeout."""
    timer = threading.Timer(max(deadline.ends - time.monotonic(), 0), _shutdown, (sock,))
    timer.daemon = True
    timer.start()
    return timer


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to a checked address, sending the name it was checked for as Host."""

    def __init__(self, target: Target, address: str, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.pinned_address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.pinned_address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; TLS verifies the certificate for the name."""

    def __init__(self, target: Target, address: str, timeout: float):
        self.tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self.tls)
        self.pinned_address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.pinned_address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def _connection(target: Target, deadline: _Deadline) -> http.client.HTTPConnection:
    """A connection opened to the first of the target's checked addresses that answers."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    for address in target.addresses:
        connection = kind(target, address, timeout=deadline.left())
        try:
            connection.connect()
        except OSError:
            connection.close()
            continue
        return connection
    raise FetchFailed(f"could not connect to {target.host}")


def _read_limited(
    response: http.client.HTTPResponse, sock: socket.socket, deadline: _Deadline, limit: int
) -> tuple[bytes, bool]:
    """At most `limit` bytes of the body, within the deadline (a server sending a byte a second
    cannot hold the fetch open); True when there was more."""
    chunks, size = [], 0
    while size <= limit and not response.isclosed():  # The response closes the socket at the body's end.
        sock.settimeout(deadline.left())
        chunk = response.read1(min(CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    deadline.left()  # A body cut short by the watchdog is no body.
    body = b"".join(chunks)
    return body[:limit], len(body) > limit


def _media_type(header: str | None) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = header or ""
    return message.get_content_type(), message.get_param("charset")


def _next_hop(url: str, location: str) -> str:
    """Where a redirect leads, spelled as links are (a Location may carry spaces or non-ASCII)."""
    try:
        return link_normalised(urljoin(url, location.strip()))
    except ValueError as error:
        raise LinkRefused("a redirect to no valid URL") from error


def fetch(url: str, *, accept: tuple[str, ...], limit: int) -> Fetched:
    """GET the URL through the guard, following redirects by hand; only the `accept` media types.

    Raises LinkRefused when the guard refuses a hop, FetchFailed when the page cannot be read.
    """
    deadline = _Deadline(settings.LINK_PREVIEW_TIMEOUT)
    for _ in range(settings.LINK_PREVIEW_MAX_REDIRECTS + 1):
        target = checked_target(url)
        connection = _connection(target, deadline)
        # Kept: the connection lets go of its socket when the server will close it after the answer.
        sock = connection.sock
        watchdog = _watchdog(sock, deadline)
        try:
            connection.request("GET", target.path, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(accept)})
            response = connection.getresponse()
            deadline.left()  # Headers cut short by the watchdog read as if they had ended.
            if response.status in REDIRECTS and (location := response.getheader("Location")):
                url = _next_hop(url, location)
                continue
            if response.status != 200:
                raise FetchFailed(f"answered {response.status}")
            content_type, charset = _media_type(response.getheader("Content-Type"))
            if content_type not in accept:
                raise FetchFailed(f"{content_type} is not a type a preview reads")
            body, truncated = _read_limited(response, sock, deadline, limit)
        except (OSError, http.client.HTTPException) as error:
            if deadline.passed:
                raise FetchFailed("timed out") from error
            raise FetchFailed(f"{type(error).__name__}: {error}") from error
        finally:
            watchdog.cancel()
            connection.close()
        return Fetched(url=url, content_type=content_type, charset=charset, body=body, truncated=truncated)
    raise LinkRefused(f"more than {settings.LINK_PREVIEW_MAX_REDIRECTS} redirects")
