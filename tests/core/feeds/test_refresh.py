"""Refreshing feeds on a loopback server: new entries saved once, failures said, others go on."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.feeds.pages import original_url
from desktop.core.feeds.refresh import NotAFeed, parse_feed, refresh_feeds
from desktop.core.feeds.store import FeedStore
from desktop.core.fetching import Fetcher
from desktop.core.ingest.reader import read_article
from tests.loopback import Loopback, atom, page, rss, served


@pytest.fixture
def server() -> Iterator[Loopback]:
    yield from served()


def fetcher() -> Fetcher:
    return Fetcher(host_delay=0.0, read_seconds=1.0, total_seconds=2.0, max_bytes=1024 * 1024)


def three_pages(server: Loopback) -> list[tuple[str, str]]:
    return [
        (f"Story {n}", server.route(f"/s{n}.html", page(f"Story {n} about robots", f"Part {n}.")))
        for n in range(1, 4)
    ]


def test_parse_reads_rss_and_atom_and_refuses_what_is_not_a_feed() -> None:
    items = [("One", "http://127.0.0.1/1"), ("Two", "http://127.0.0.1/2")]
    for document in (rss("Loop", items), atom("Loop", items)):
        parsed = parse_feed(document.encode(), "http://127.0.0.1/f")
        assert parsed.title == "Loop"
        assert [(t, link) for _k, link, t in parsed.entries] == items
    rss1 = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://127.0.0.1/"><title>R1'
        '</title></channel><item rdf:about="http://127.0.0.1/1"><title>One</title>'
        "<link>http://127.0.0.1/1</link></item></rdf:RDF>"
    )
    assert parse_feed(rss1.encode(), "http://127.0.0.1/f").entries[0][1] == "http://127.0.0.1/1"
    rss091 = (
        '<rss version="0.91"><channel><title>Old</title><item><title>One</title>'
        "<link>http://127.0.0.1/1</link></item></channel></rss>"
    )
    assert parse_feed(rss091.encode(), "http://127.0.0.1/f").entries[0][0] == "http://127.0.0.1/1"
    with pytest.raises(NotAFeed, match="is not an RSS or Atom feed"):
        parse_feed(b"{ this is json, not xml }", "http://127.0.0.1/f")


def test_a_string_that_looks_like_a_path_is_parsed_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text(rss("Secret", [("S", "http://127.0.0.1/s")]), "utf-8")
    with pytest.raises(NotAFeed):
        parse_feed(str(secret).encode(), "http://127.0.0.1/f")


def test_three_entries_saved_once_then_a_304_fetches_nothing_then_only_the_fourth(
    server: Loopback, tmp_path: Path
) -> None:
    items = three_pages(server)
    feed = server.route(
        "/feed.xml", rss("Loop News", items), content_type="application/rss+xml", etag='"v1"'
    )
    store = FeedStore(tmp_path)
    store.add(feed)
    report = refresh_feeds(store, fetcher(), tmp_path / "web")
    assert [r.status for r in report.results] == ["ok"]
    assert sorted(p.title for p in report.saved) == [f"Story {n} about robots" for n in (1, 2, 3)]
    for saved in report.saved:
        assert original_url(saved.path) == saved.url
        assert "Cookie" not in read_article(saved.path).plain_text()
    assert store.feed(feed).title == "Loop News"

    again = refresh_feeds(store, fetcher(), tmp_path / "web")
    assert again.saved == [] and again.results[0].status == "not-modified"
    assert server.conditional["/feed.xml"] == 1
    assert all(server.hits[f"/s{n}.html"] == 1 for n in (1, 2, 3))

    fourth = server.route("/s4.html", page("Story 4 about robots", "Part 4."))
    server.route(
        "/feed.xml",
        rss("Loop News", [*items, ("Story 4", fourth)]),
        content_type="application/rss+xml",
        etag='"v2"',
    )
    last = refresh_feeds(store, fetcher(), tmp_path / "web")
    assert [p.url for p in last.saved] == [fourth]
    assert all(server.hits[f"/s{n}.html"] == 1 for n in (1, 2, 3, 4))
    assert len(list((tmp_path / "web").glob("*.md"))) == 4


def test_each_failing_feed_says_why_in_one_line_and_the_others_go_on(
    server: Loopback, tmp_path: Path
) -> None:
    good = server.route("/good.xml", rss("Good", three_pages(server)), content_type="text/xml")
    not_xml = server.route("/bad.xml", "{ not xml }", content_type="text/xml")
    html = server.route("/page.html", page("A page", "Not a feed."))
    store = FeedStore(tmp_path)
    failing = {
        server.url("/missing.xml"): "answered 404",
        server.url("/slow.xml"): "cut off",
        server.url("/huge.xml"): "cut off",
        server.url("/loop-a"): "in a loop",
        not_xml: "is not an RSS or Atom feed",
        html: "is a web page, not a feed, and it names no feed of its own",
    }
    for url in (*failing, good):
        store.add(url)
    report = refresh_feeds(store, fetcher(), tmp_path / "web")
    by_url = {r.url: r for r in report.results}
    for url, words in failing.items():
        result = by_url[url]
        assert result.status == "failed" and words in result.message, result.message
        assert "\n" not in result.message and "Traceback" not in result.message
        assert store.feed(url).message == result.message
    assert by_url[good].status == "ok" and len(by_url[good].saved) == 3
    assert "6 failed" in report.summary() and not report.offline


def test_a_page_that_fails_stays_pending_and_is_tried_again(
    server: Loopback, tmp_path: Path
) -> None:
    link = server.url("/later.html")
    feed = server.route("/f.xml", rss("F", [("Later", link)]), content_type="text/xml", etag="e")
    store = FeedStore(tmp_path)
    store.add(feed)
    first = refresh_feeds(store, fetcher(), tmp_path / "web")
    assert first.saved == [] and "answered 404" in first.results[0].page_errors[0][1]
    server.route("/later.html", page("Later story", "Now here."))
    second = refresh_feeds(store, fetcher(), tmp_path / "web")  # the feed itself is a 304
    assert second.results[0].status == "not-modified"
    assert [p.title for p in second.saved] == ["Later story"]


def test_an_entry_linking_to_a_file_is_refused_and_never_tried_again(
    server: Loopback, tmp_path: Path
) -> None:
    feed = server.route(
        "/f.xml", rss("F", [("Secret", "file:///etc/passwd")]), content_type="text/xml"
    )
    store = FeedStore(tmp_path)
    store.add(feed)
    report = refresh_feeds(store, fetcher(), tmp_path / "web")
    assert report.results[0].page_errors[0][1].startswith("Refused file:")
    assert store.pending(feed) == []


def test_offline_refresh_says_so_and_changes_nothing(tmp_path: Path) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    store = FeedStore(tmp_path)
    store.add(f"http://127.0.0.1:{port}/a.xml")
    store.add("http://no-such-host.invalid/b.xml")
    report = refresh_feeds(store, fetcher(), tmp_path / "web")
    assert report.offline and "offline" in report.summary()
    assert not (tmp_path / "web").exists()
    assert [f.status for f in store.feeds()] == ["failed", "failed"]


def site_page(feed_href: str) -> str:
    """A site's front page that names its feed in its head, as sites do."""
    link = f'<link rel="alternate" type="application/rss+xml" title="News" href="{feed_href}">'
    return page("Loop News front page", "Latest stories.").replace("</head>", f"{link}</head>")


def test_a_site_page_given_as_a_feed_is_followed_through_the_feed_it_names(
    server: Loopback, tmp_path: Path
) -> None:
    feed = server.route(
        "/feed.xml", rss("Loop News", three_pages(server)), content_type="text/xml", etag='"v1"'
    )
    front = server.route("/", site_page("/feed.xml"))
    store = FeedStore(tmp_path)
    store.add(front)
    report = refresh_feeds(store, fetcher(), tmp_path / "web")
    (result,) = report.results
    assert (result.url, result.status, len(result.saved)) == (feed, "ok", 3)
    assert result.message.startswith(f"Found the feed {feed} on the page {front}")
    assert [f.url for f in store.feeds()] == [feed]  # the feed, from now on
    assert store.feed(feed).message == result.message and store.feed(feed).title == "Loop News"
    again = refresh_feeds(store, fetcher(), tmp_path / "web")
    assert again.results[0].status == "not-modified" and server.hits["/"] == 1


def test_a_site_page_whose_feed_is_followed_already_changes_nothing(
    server: Loopback, tmp_path: Path
) -> None:
    feed = server.route("/feed.xml", rss("Loop News", three_pages(server)), content_type="text/xml")
    front = server.route("/", site_page(feed))
    store = FeedStore(tmp_path)
    store.add(feed)
    refresh_feeds(store, fetcher(), tmp_path / "web")
    store.add(front)
    report = refresh_feeds(store, fetcher(), tmp_path / "web")
    by_url = {r.url: r for r in report.results}
    assert "is followed already" in by_url[front].message and by_url[front].status == "failed"
    assert [f.url for f in store.feeds()] == [feed, front]
    assert len(store.entries(feed)) == 3


def test_a_page_naming_a_page_as_its_feed_fails_in_one_line(
    server: Loopback, tmp_path: Path
) -> None:
    other = server.route("/other.html", page("Another page", "No feed here."))
    front = server.route("/", site_page(other))
    store = FeedStore(tmp_path)
    store.add(front)
    (result,) = refresh_feeds(store, fetcher(), tmp_path / "web").results
    assert result.status == "failed" and "is text/html, not a feed" in result.message
