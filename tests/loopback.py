"""A real HTTP server on 127.0.0.1 for the fetching and feed tests: never the internet.

Routes are set per test (``server.route(path, body, ...)``); the server answers conditional
requests (ETag, Last-Modified) with 304, counts the requests each path received, and has
built-in misbehaviours: ``/slow`` (a byte every so often), ``/huge`` (50 MB, no length
given), both also as ``.xml``; ``/loop-a`` and ``/loop-b`` (redirecting to each other),
``/to-file`` (a redirect to ``file:``); anything else is a 404.
"""

from __future__ import annotations

import random
import threading
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HUGE_BYTES = 50 * 1024 * 1024


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    location: str | None = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up on a slow or huge answer is what the tests do on purpose."""


class Loopback:
    """The server, on a free port of 127.0.0.1, serving from a thread until closed."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()
        self.agents: list[str] = []
        self.stop = threading.Event()
        loopback = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                loopback.serve(self)

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | str, **options: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def serve(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        self.hits[path] += 1
        self.agents.append(request.headers.get("User-Agent", ""))
        kind = "text/xml" if path.endswith(".xml") else "text/html"
        if path in ("/slow", "/slow.xml"):
            return self._trickle(request, kind)
        if path in ("/huge", "/huge.xml"):
            return self._huge(request, kind)
        if path in ("/loop-a", "/loop-b"):
            return self._send(
                request,
                302,
                b"",
                "text/html",
                {"Location": "/loop-b" if path == "/loop-a" else "/loop-a"},
            )
        if path == "/to-file":
            return self._send(request, 302, b"", "text/html", {"Location": "file:///etc/passwd"})
        route = self.routes.get(path)
        if route is None:
            return self._send(request, 404, b"<h1>Not found</h1>", "text/html", {})
        headers = {}
        if route.location:
            headers["Location"] = route.location
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if (route.etag and request.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and request.headers.get("If-Modified-Since") == route.last_modified
        ):
            self.conditional[path] += 1
            return self._send(request, 304, b"", None, headers)
        return self._send(request, route.status, route.body, route.content_type, headers)

    @staticmethod
    def _send(
        request: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str],
    ) -> None:
        request.send_response(status)
        if content_type:
            request.send_header("Content-Type", content_type)
        for name, value in headers.items():
            request.send_header(name, value)
        if status != 304:
            request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        if status != 304:
            request.wfile.write(body)

    def _trickle(self, request: BaseHTTPRequestHandler, kind: str) -> None:
        request.send_response(200)
        request.send_header("Content-Type", kind)
        request.send_header("Connection", "close")
        request.end_headers()
        request.wfile.write(b"<html><body><p>")
        request.wfile.flush()
        while not self.stop.wait(0.05):
            try:
                request.wfile.write(b"x")
                request.wfile.flush()
            except OSError:
                return

    def _huge(self, request: BaseHTTPRequestHandler, kind: str) -> None:
        request.send_response(200)
        request.send_header("Content-Type", kind)
        request.send_header("Connection", "close")
        request.end_headers()
        chunk = b"<p>" + b"a" * (64 * 1024 - 7) + b"</p>\n"
        sent = 0
        try:
            while sent < HUGE_BYTES and not self.stop.is_set():
                request.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            return

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def served() -> Iterator[Loopback]:
    """A fixture body: the server for one test, closed after it."""
    server = Loopback()
    try:
        yield server
    finally:
        server.close()


_WORDS = (
    "startup robotics fund incubator biotech campus partners investors graduates engineers "
    "laboratory scheme programme venture pilot hospital sensors batteries drones chips cloud "
    "platform exchange district harbour residents students clinics factories logistics"
).split()


def prose(seed: int, sentences: int = 6) -> str:
    """Sentences of their own for each seed: pages that are not near-duplicates of each other
    (the library shows near-duplicates once)."""
    chooser = random.Random(seed)
    return " ".join(
        " ".join(chooser.choice(_WORDS) for _ in range(12)).capitalize() + "."
        for _ in range(sentences)
    )


def page(title: str, text: str) -> str:
    """A news page with site chrome around its article; ``text`` starts its first paragraph
    and seeds the rest, so pages of different texts differ."""
    text = f"{text} {prose(zlib.crc32(text.encode()))}"
    return f"""<!doctype html><html><head><title>{title} - Loopback News</title>
<meta property="article:published_time" content="2024-03-01T10:00:00+08:00"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About</a></nav>
<div class="cookie-banner">We use cookies to improve your experience.</div>
<article><h1>{title}</h1>
<p>{text} The programme will support start-ups across the Greater Bay Area over the next
three years, its organisers said on Friday at the launch event in Hong Kong.</p>
<h2>What comes next</h2>
<p>Applications open next month, and the first companies are expected to join the scheme by
the summer, according to a statement published after the announcement.</p></article>
<footer>Copyright Loopback News. Subscribe to our newsletter.</footer></body></html>"""


def rss(title: str, items: list[tuple[str, str]]) -> str:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid></item>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
    )


def atom(title: str, items: list[tuple[str, str]]) -> str:
    """An Atom feed of (title, link) entries."""
    entries = "".join(
        f'<entry><title>{t}</title><link href="{link}"/><id>urn:x:{n}</id>'
        "<updated>2024-03-01T00:00:00Z</updated></entry>"
        for n, (t, link) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:x</id><updated>2024-03-01T00:00:00Z</updated>"
        f"{entries}</feed>"
    )
