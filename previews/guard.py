"""The guard against server-side request forgery: which URLs and addresses a link preview may reach.

A link is the author's to choose, and the fetch runs inside our network: without this guard a post
could make the worker read the cloud metadata service (169.254.169.254), an admin page on localhost
or a database on a private address. So only http(s) on ports 80/443, no credentials, and the host is
resolved here, once: every address it resolves to must be public, and the fetch connects to one of
those very addresses (previews.fetch), so a second lookup cannot answer differently (DNS rebinding).
Every redirect is a new link and passes through the same guard.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters a URL may carry as they are; anything else (spaces, non-ASCII) is percent-encoded.
URL_SAFE = "/%:@!$&'()*+,;=-._~?"


class LinkRefused(Exception):
    """The link may not be fetched (the message says why, for the logs and the card's failure)."""


@dataclass(frozen=True)
class Target:
    """Where a checked link goes: the name (for the Host header and TLS) and its checked addresses."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def link_normalised(url: str) -> str:
    """One spelling per link, so that posts share a card: lower-case scheme and host (IDNA), no default
    port, no fragment, non-ASCII percent-encoded; ValueError when it is no URL at all."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError("no host")
    host = host.encode("idna").decode("ascii") if not host.isascii() else host
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username is not None:
        netloc = f"{parts.netloc.rpartition('@')[0]}@{netloc}"  # Kept, for the guard to refuse.
    path = quote(parts.path or "/", safe=URL_SAFE)
    query = quote(parts.query, safe=URL_SAFE)
    return urlunsplit((scheme, netloc, path, query, ""))


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64, 6to4, Teredo), which is
    the one a packet ends up reaching."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def address_is_public(address: Address) -> bool:
    """True only for a globally routable unicast address: not private, loopback, link-local (the
    metadata service), shared (100.64/10), multicast, reserved or unspecified, nor an IPv6 address
    wrapping one of those."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return False
        if (embedded := _embedded_ipv4(address)) is not None:
            return address_is_public(embedded)
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _allowed_for_tests(address: str) -> bool:
    """LINK_PREVIEW_TEST_ADDRESSES: the tests' local web servers, which production never lists."""
    return address in settings.LINK_PREVIEW_TEST_ADDRESSES


def _resolved(host: str, port: int) -> tuple[str, ...]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise LinkRefused(f"{host} does not resolve") from error
    return tuple(dict.fromkeys(info[4][0] for info in infos))


def checked_target(url: str) -> Target:
    """The link's target, its host resolved and every address checked; LinkRefused otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise LinkRefused("not a valid URL") from error
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise LinkRefused(f"{scheme or 'no'} scheme: only http and https links are fetched")
    if parts.username is not None or parts.password is not None:
        raise LinkRefused("links carrying credentials are not fetched")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise LinkRefused("no host")
    port = port or DEFAULT_PORTS[scheme]
    addresses = _resolved(host, port)
    if not addresses:
        raise LinkRefused(f"{host} does not resolve")
    for address in addresses:
        if _allowed_for_tests(address):
            continue
        if not address_is_public(ipaddress.ip_address(address)):
            raise LinkRefused(f"{host} resolves to a non-public address ({address})")
        if port not in DEFAULT_PORTS.values():
            raise LinkRefused(f"port {port}: only 80 and 443 are fetched")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(scheme=scheme, host=host, port=port, path=path, addresses=addresses)
