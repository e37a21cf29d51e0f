"""Fetching a web page or a feed safely: the one module of the app that talks to the network.

Everything else stays offline; what comes in here is kept on a short leash, because a URL a
user pastes or a feed lists may point anywhere and answer with anything:

* only ``http:`` and ``https:`` (``file:``, ``ftp:``, ``data:`` and the rest are refused, also
  when a redirect names them), and only to a named host;
* a time-out to connect, one to wait for each read, and a deadline for the whole response, so a
  server that trickles bytes is cut off in bounded time;
* a size cap per response (a ``Content-Length`` above it is refused before the body is read);
  no compression is asked for, so no small body expands into a huge one;
* redirects followed at most :data:`MAX_REDIRECTS` times, and a loop said as a loop;
* the content type checked against what the caller expects (a page, a feed);
* one request at a time per host, with a short pause between two to the same host;
* a user agent that names the app and its version.

Nothing fetched is run: the bytes are handed back for parsing as data. The standard library's
``http.client`` is used directly (not ``urllib``), so that no handler follows a redirect, reads
a proxy setting or opens a ``file:`` URL behind our back.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from urllib.parse import urljoin, urlsplit

from desktop.core.errors import InnoAtlasError

#: Seconds to open a connection, and to wait for any one read.
CONNECT_SECONDS = 10.0
READ_SECONDS = 20.0
#: Seconds for a whole response, headers to last byte (a trickling server is cut off).
TOTAL_SECONDS = 60.0
#: The most bytes one response may carry (a news page or a feed is far smaller).
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
#: Seconds between two requests to the same host.
HOST_DELAY = 1.0
CHUNK = 64 * 1024
SCHEMES = frozenset({"http", "https"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})

PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "application/feed+xml",
    "text/plain",  # many servers label their feed so; the parser decides
)


def user_agent() -> str:
    """``InnoAtlas/<version>``: a server can tell who asks, and which release."""
    try:
        version = metadata.version("innoatlas")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"InnoAtlas/{version} (offline news reader; +feeds and saved pages)"


class FetchError(InnoAtlasError):
    """A URL could not be fetched; ``str(e)`` is one line that says why.

    Attributes:
        url: the URL asked for.
        kind: "refused" (not http/https, or a bad URL), "unreachable" (no network, unknown
            host), "connection", "timeout", "too-large", "redirects", "http" (an error status),
            "content-type", "cancelled".
    """

    def __init__(self, url: str, kind: str, message: str) -> None:
        super().__init__(message)
        self.url = url
        self.kind = kind


@dataclass(frozen=True)
class Response:
    """What a server answered.

    Attributes:
        url: the URL the body came from, after redirects.
        status: 200, or 304 when a conditional request found nothing new (then ``body`` is
            empty).
        body: the bytes, at most the cap.
        content_type: the media type, lower case, without parameters ("text/html").
        charset: the ``charset`` parameter, if any.
        etag, last_modified: the validators to send next time, if the server gave them.
    """

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def not_modified(self) -> bool:
        """True when the server said nothing changed since the validators sent."""
        return self.status == 304


def check_url(url: str) -> tuple[str, str, int, str]:
    """The URL's scheme, host, port and path with query; a FetchError ("refused") if it is
    not an http or https URL naming a host.

    >>> check_url("https://example.org/a?b=1")
    ('https', 'example.org', 443, '/a?b=1')
    >>> check_url("file:///etc/passwd")
    Traceback (most recent call last):
    desktop.core.fetching.FetchError: Refused file:///etc/passwd: only http and https addresses \
are fetched, not file:.
    """
    text = url.strip()
    if any(ord(c) < 33 for c in text):
        raise FetchError(url, "refused", f"Refused {text!r}: an address has no spaces or controls.")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise FetchError(url, "refused", f"Refused {text}: not a web address ({error}).") from error
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"{scheme}:" if scheme else "no scheme"
        raise FetchError(
            url,
            "refused",
            f"Refused {text}: only http and https addresses are fetched, not {shown}.",
        )
    if not parts.hostname:
        raise FetchError(url, "refused", f"Refused {text}: the address names no host.")
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80), path


class _HostGate:
    """One request at a time per host, and a pause between two to the same host."""

    def __init__(self, delay: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        self._delay = delay
        self._clock = clock
        self._sleep = sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    def enter(self, host: str) -> threading.Lock:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        lock.acquire()
        wait = self._last.get(host, -1e9) + self._delay - self._clock()
        if wait > 0:
            self._sleep(wait)
        return lock

    def leave(self, host: str, lock: threading.Lock) -> None:
        self._last[host] = self._clock()
        lock.release()


class Fetcher:
    """Fetches http(s) URLs within the limits above; safe to share between threads.

    Attributes:
        requests: how many requests were sent (each redirect counts), for reports and tests.
    """

    def __init__(
        self,
        *,
        connect_seconds: float = CONNECT_SECONDS,
        read_seconds: float = READ_SECONDS,
        total_seconds: float = TOTAL_SECONDS,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        host_delay: float = HOST_DELAY,
        agent: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        """``cancelled``: polled before each request and between reads (a window closing
        stops its fetches within one read's time-out)."""
        self.connect_seconds = connect_seconds
        self.read_seconds = read_seconds
        self.total_seconds = total_seconds
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.agent = agent or user_agent()
        self._clock = clock
        self._cancelled = cancelled
        self._gate = _HostGate(host_delay, clock, sleep)
        self.requests = 0

    def get(
        self,
        url: str,
        accept: Iterable[str] = PAGE_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """GET ``url``, following redirects; the validators make it a conditional request.

        Raises:
            FetchError: refused, unreachable, too slow, too big, an error status, a redirect
                loop or too many redirects, or not one of the ``accept`` content types.
        """
        accepted = tuple(accept)
        seen = [url]
        current = url
        for _hop in range(self.max_redirects + 1):
            response, location = self._once(current, accepted, etag, last_modified)
            if location is None:
                assert response is not None
                return response
            target = urljoin(current, location)
            if target in seen:
                raise FetchError(url, "redirects", f"{url} redirects in a loop (back to {target}).")
            check_url(target)  # a redirect to file: or ftp: is refused like the URL itself
            seen.append(target)
            current = target
        raise FetchError(
            url, "redirects", f"{url} redirects more than {self.max_redirects} times; gave up."
        )

    def _once(
        self, url: str, accept: tuple[str, ...], etag: str | None, last_modified: str | None
    ) -> tuple[Response | None, str | None]:
        """One request: the response, or the redirect's Location."""
        scheme, host, port, path = check_url(url)
        self._check_cancelled(url)
        headers = {
            "User-Agent": self.agent,
            "Accept": ", ".join((*accept, "*/*;q=0.1")),
            "Accept-Encoding": "identity",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        lock = self._gate.enter(host)
        try:
            connection: http.client.HTTPConnection
            if scheme == "https":
                connection = http.client.HTTPSConnection(
                    host, port, timeout=self.connect_seconds, context=ssl.create_default_context()
                )
            else:
                connection = http.client.HTTPConnection(host, port, timeout=self.connect_seconds)
            try:
                self.requests += 1
                return self._exchange(connection, url, path, headers, accept)
            finally:
                connection.close()
        finally:
            self._gate.leave(host, lock)

    def _exchange(
        self,
        connection: http.client.HTTPConnection,
        url: str,
        path: str,
        headers: dict[str, str],
        accept: tuple[str, ...],
    ) -> tuple[Response | None, str | None]:
        deadline = self._clock() + self.total_seconds
        try:
            connection.connect()
            if connection.sock is not None:
                connection.sock.settimeout(self.read_seconds)
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            try:
                status = answer.status
                got = {k.lower(): v for k, v in answer.getheaders()}
                if status in REDIRECTS and got.get("location"):
                    return None, got["location"]
                if status == 304:
                    return self._response(url, status, b"", got), None
                if not 200 <= status < 300:
                    reason = answer.reason or http.client.responses.get(status, "")
                    raise FetchError(
                        url, "http", f"{url} answered {status} {reason}".rstrip() + "."
                    )
                media = got.get("content-type", "").split(";")[0].strip().lower()
                if media and media not in accept:
                    raise FetchError(
                        url,
                        "content-type",
                        f"{url} is {media}, not {_kinds(accept)}; it was not saved.",
                    )
                length = got.get("content-length", "")
                if length.isdigit() and int(length) > self.max_bytes:
                    raise FetchError(url, "too-large", _too_large(url, self.max_bytes))
                body = self._read(answer, url, deadline)
                return self._response(url, status, body, got), None
            finally:
                answer.close()  # its socket too: closing the connection alone leaves it
        except FetchError:
            raise
        except TimeoutError as error:
            raise FetchError(
                url, "timeout", f"{url} did not answer within {self.read_seconds:g} s."
            ) from error
        except socket.gaierror as error:
            raise FetchError(
                url,
                "unreachable",
                f"{url} cannot be reached: the host is unknown or there is no network.",
            ) from error
        except ssl.SSLError as error:
            raise FetchError(
                url, "connection", f"{url}: the secure connection failed ({error.reason})."
            ) from error
        except (ConnectionError, http.client.HTTPException, OSError) as error:
            raise FetchError(url, *_connection_failure(url, error)) from error

    def _read(self, answer: http.client.HTTPResponse, url: str, deadline: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            self._check_cancelled(url)
            if self._clock() > deadline:
                raise FetchError(
                    url,
                    "timeout",
                    f"{url} took longer than {self.total_seconds:g} s to send; cut off.",
                )
            chunk = answer.read1(CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, "too-large", _too_large(url, self.max_bytes))
            chunks.append(chunk)

    def _check_cancelled(self, url: str) -> None:
        if self._cancelled():
            raise FetchError(url, "cancelled", f"Stopped fetching {url}: the work was cancelled.")

    @staticmethod
    def _response(url: str, status: int, body: bytes, got: dict[str, str]) -> Response:
        kind, _, params = got.get("content-type", "").partition(";")
        charset = None
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip("\"'")
        return Response(
            url=url,
            status=status,
            body=body,
            content_type=kind.strip().lower(),
            charset=charset,
            etag=got.get("etag"),
            last_modified=got.get("last-modified"),
            headers=got,
        )


def _kinds(accept: tuple[str, ...]) -> str:
    if accept == PAGE_TYPES:
        return "a web page"
    return "a feed" if set(FEED_TYPES) <= set(accept) else "wanted"


def _too_large(url: str, cap: int) -> str:
    return f"{url} sent more than {cap / 1024 / 1024:g} MB; cut off and not saved."


def _connection_failure(url: str, error: BaseException) -> tuple[str, str]:
    if isinstance(error, ConnectionRefusedError):
        return "connection", f"{url} refused the connection (is the server up?)."
    if isinstance(error, OSError) and error.errno in (101, 113):  # ENETUNREACH, EHOSTUNREACH
        return "unreachable", f"{url} cannot be reached: there is no network."
    detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return "connection", f"{url}: the connection failed ({detail})."


__all__ = [
    "FEED_TYPES",
    "PAGE_TYPES",
    "FetchError",
    "Fetcher",
    "Response",
    "check_url",
    "user_agent",
]
