"""Fetching against a real HTTP server on 127.0.0.1: limits, refusals and conditional GET."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator

import pytest

from desktop.core.fetching import FEED_TYPES, Fetcher, FetchError, check_url, user_agent
from tests.loopback import Loopback, served


@pytest.fixture
def server() -> Iterator[Loopback]:
    yield from served()


def quick(**options: float) -> Fetcher:
    settings = {"host_delay": 0.0, "read_seconds": 2.0, "total_seconds": 3.0, **options}
    return Fetcher(**settings)  # type: ignore[arg-type]


def failure(fetcher: Fetcher, url: str, **options: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return caught.value


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/a",
        "data:text/html,hi",
        "javascript:alert(1)",
        "gopher://x",
        "/just/a/path",
        "http://",
        "http://exa mple.org/",
    ],
)
def test_only_http_and_https_to_a_host_are_fetched(url: str) -> None:
    error = failure(quick(), url)
    assert error.kind == "refused"
    assert error.args[0].startswith("Refused")


def test_file_url_is_refused_with_one_line() -> None:
    assert str(failure(quick(), "file:///etc/passwd")) == (
        "Refused file:///etc/passwd: only http and https addresses are fetched, not file:."
    )


def test_a_page_comes_back_with_its_type_and_the_agent_names_the_app(server: Loopback) -> None:
    url = server.route("/a.html", "<p>Hello</p>")
    response = quick().get(url)
    assert (response.status, response.body, response.content_type) == (
        200,
        b"<p>Hello</p>",
        "text/html",
    )
    assert response.charset == "utf-8"
    assert server.agents[-1] == user_agent() and server.agents[-1].startswith("InnoAtlas/")


def test_a_404_says_so(server: Loopback) -> None:
    error = failure(quick(), server.url("/missing"))
    assert (error.kind, str(error)) == ("http", f"{server.url('/missing')} answered 404 Not Found.")


def test_a_redirect_is_followed_and_a_loop_is_reported(server: Loopback) -> None:
    target = server.route("/b.html", "<p>B</p>")
    server.route("/a.html", "", status=301, location="/b.html")
    response = quick().get(server.url("/a.html"))
    assert (response.url, response.body) == (target, b"<p>B</p>")
    error = failure(quick(), server.url("/loop-a"))
    assert error.kind == "redirects" and "in a loop" in str(error)


def test_redirects_are_bounded(server: Loopback) -> None:
    for n in range(8):
        server.route(f"/r{n}", "", status=302, location=f"/r{n + 1}")
    error = failure(quick(max_redirects=3), server.url("/r0"))
    assert error.kind == "redirects" and "more than 3 times" in str(error)
    assert sum(server.hits[f"/r{n}"] for n in range(8)) == 4


def test_a_redirect_to_a_file_url_is_refused(server: Loopback) -> None:
    assert failure(quick(), server.url("/to-file")).kind == "refused"


def test_a_slow_response_is_cut_off_in_bounded_time(server: Loopback) -> None:
    started = time.monotonic()
    error = failure(quick(total_seconds=1.0), server.url("/slow"))
    assert error.kind == "timeout" and "cut off" in str(error)
    assert time.monotonic() - started < 5


def test_a_silent_server_times_out(server: Loopback) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        port = listener.getsockname()[1]
        started = time.monotonic()
        error = failure(quick(read_seconds=0.5), f"http://127.0.0.1:{port}/")
        assert error.kind == "timeout" and time.monotonic() - started < 5
    finally:
        listener.close()


def test_a_50_mb_response_is_cut_off_at_the_cap_in_bounded_time(server: Loopback) -> None:
    started = time.monotonic()
    error = failure(quick(total_seconds=30.0, max_bytes=2 * 1024 * 1024), server.url("/huge"))
    assert error.kind == "too-large" and "cut off" in str(error)
    assert time.monotonic() - started < 10


def test_a_declared_length_over_the_cap_is_refused_before_reading(server: Loopback) -> None:
    url = server.route("/big.html", b"x" * 5000)
    assert failure(quick(max_bytes=1000), url).kind == "too-large"


def test_content_types_are_checked(server: Loopback) -> None:
    url = server.route("/pic.png", b"\x89PNG", content_type="image/png")
    error = failure(quick(), url)
    assert error.kind == "content-type" and "image/png, not a web page" in str(error)
    page = server.route("/page.html", "<p>x</p>")
    assert "not a feed" in str(failure(quick(), page, accept=FEED_TYPES))


def test_conditional_get_gets_a_304(server: Loopback) -> None:
    url = server.route(
        "/f.xml",
        "<rss/>",
        content_type="text/xml",
        etag='"v1"',
        last_modified="Fri, 01 Mar 2024 00:00:00 GMT",
    )
    first = quick().get(url, FEED_TYPES)
    assert (first.etag, first.last_modified) == ('"v1"', "Fri, 01 Mar 2024 00:00:00 GMT")
    again = quick().get(url, FEED_TYPES, etag=first.etag)
    assert again.not_modified and again.body == b""
    by_date = quick().get(url, FEED_TYPES, last_modified=first.last_modified)
    assert by_date.not_modified and server.conditional["/f.xml"] == 2


def test_nothing_listening_says_the_connection_was_refused() -> None:
    import socket

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    error = failure(quick(), f"http://127.0.0.1:{port}/")
    assert error.kind == "connection" and "refused the connection" in str(error)


def test_an_unknown_host_is_unreachable() -> None:
    error = failure(quick(), "http://no-such-host.invalid/")  # .invalid never resolves
    assert error.kind == "unreachable"


def test_one_request_at_a_time_per_host_with_a_pause(server: Loopback) -> None:
    url = server.route("/a.html", "<p>a</p>")
    fetcher = quick(host_delay=0.3)
    times: list[float] = []

    def fetch() -> None:
        fetcher.get(url)
        times.append(time.monotonic())

    threads = [threading.Thread(target=fetch) for _ in range(3)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    times.sort()
    assert len(times) == 3 and times[-1] - started >= 0.6
    assert all(later - earlier >= 0.25 for earlier, later in itertools.pairwise(times))


def test_check_url_gives_the_parts() -> None:
    assert check_url("http://127.0.0.1:8080/a?b=c") == ("http", "127.0.0.1", 8080, "/a?b=c")
