"""A real web server on loopback for the link preview tests: pages are (status, headers, body) by path,
optionally slow. It runs in a thread of the test process on a free port and is shut down by its fixture."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    # Seconds before the answer starts, and between chunks of DRIP bytes of the body.
    delay: float = 0.0
    drip: float = 0.0
    # Seconds between the bytes of a long header sent before the others: a trickle of headers.
    header_drip: float = 0.0


DRIP = 16


class LocalWebServer:
    def __init__(self, server: ThreadingHTTPServer):
        self.server = server
        self.pages: dict[str, Page] = {}
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []

    @property
    def host(self) -> str:
        return self.server.server_address[0]

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", **options) -> str:
        """Serve `body` at `path`; the page's absolute URL."""
        self.pages[path] = Page(body=body.encode() if isinstance(body, str) else body, **options)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add(path, status=status, headers={"Location": to})


def _handler_for(web: LocalWebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            web.requests.append(self.path)
            web.headers.append(dict(self.headers.items()))
            page = web.pages.get(self.path) or Page(status=404, body=b"not here")
            time.sleep(page.delay)
            try:
                if page.header_drip:
                    self._trickle_headers(page)
                self.send_response(page.status)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                self._write(page)
            except (BrokenPipeError, ConnectionResetError):
                return  # The fetch stopped reading, as it should past its limits.

        def _trickle_headers(self, page: Page) -> None:
            self.wfile.write(f"HTTP/1.0 {page.status} OK\r\nX-Trickle: ".encode())
            for _ in range(100):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(page.header_drip)

        def _write(self, page: Page) -> None:
            if not page.drip:
                self.wfile.write(page.body)
                return
            for start in range(0, len(page.body), DRIP):
                self.wfile.write(page.body[start : start + DRIP])
                self.wfile.flush()
                time.sleep(page.drip)

        def log_message(self, format: str, *args) -> None:
            """Quiet: the tests assert on `web.requests`."""

    return Handler


@contextmanager
def local_web_server(host: str = "127.0.0.1") -> Iterator[LocalWebServer]:
    """A server on `host` and a free port, serving until the block ends."""
    server = ThreadingHTTPServer((host, 0), BaseHTTPRequestHandler)
    server.daemon_threads = True
    web = LocalWebServer(server)
    server.RequestHandlerClass = _handler_for(web)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def og_page(*, title: str = "", description: str = "", image: str = "", site_name: str = "", extra: str = "") -> str:
    """An HTML page with the given OpenGraph tags (those left empty are left out)."""
    tags = {"og:title": title, "og:description": description, "og:image": image, "og:site_name": site_name}
    meta = "".join(f'<meta property="{name}" content="{value}">' for name, value in tags.items() if value)
    return f"<!doctype html><html><head>{meta}<title>Fallback title</title></head><body>{extra}</body></html>"
