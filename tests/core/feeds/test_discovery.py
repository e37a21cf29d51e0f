"""Finding the feed a page names in its head."""

from __future__ import annotations

import pytest

from desktop.core.feeds.discovery import feed_links

BASE = "https://news.example/tech/story.html"


def head(*links: str) -> bytes:
    return f"<html><head><title>T</title>{''.join(links)}</head><body>x</body></html>".encode()


def test_rss_atom_and_rdf_feeds_are_found_absolute_in_order_and_once() -> None:
    body = head(
        '<link rel="stylesheet" href="/a.css">',
        '<link rel="alternate" type="application/atom+xml" href="atom.xml">',
        '<link rel="Alternate" type="application/RSS+XML; charset=utf-8" href="/rss">',
        '<link rel="alternate" type="application/rss+xml" href="https://news.example/rss">',
        '<link rel="alternate" hreflang="zh" type="text/html" href="/zh/">',
        '<link rel="alternate" type="application/rdf+xml" href="//cdn.example/feed.rdf">',
    )
    assert feed_links(body, BASE) == [
        "https://news.example/tech/atom.xml",
        "https://news.example/rss",
        "https://cdn.example/feed.rdf",
    ]


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x/feed.xml", "", "   "]
)
def test_only_web_feeds_are_taken(href: str) -> None:
    link = f'<link rel="alternate" type="application/rss+xml" href="{href}">'
    assert feed_links(head(link), BASE) == []


@pytest.mark.parametrize("body", [b"", b"\x00\xff" * 100, b"plain text", b"<<<>>>"])
def test_what_is_not_a_page_names_no_feed(body: bytes) -> None:
    assert feed_links(body, BASE) == []
