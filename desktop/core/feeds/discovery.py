"""A site's feed found from one of its pages: users paste the address they see, not the feed's.

A page names its feeds in its head, as browsers and feed readers look for them
(``<link rel="alternate" type="application/rss+xml" href="...">``, the RSS Advisory Board's
autodiscovery); Atom and RDF feeds are named the same way. Only http and https feeds are
taken, made absolute against the page's address, in the page's order.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html  # type: ignore[import-untyped]

from desktop.core.fetching import SCHEMES

#: The types a page's alternate link gives its feed.
FEED_LINK_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
#: Only a page's head is looked at, and a head is far shorter than this.
_HEAD_BYTES = 512 * 1024


def feed_links(body: bytes, url: str) -> list[str]:
    """The feeds a page names in its head, absolute, http(s) only, each once.

    >>> page = b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
    >>> feed_links(page, "https://news.example/tech/")
    ['https://news.example/rss']
    """
    try:
        tree = lxml_html.document_fromstring(body[:_HEAD_BYTES])
    except (ValueError, lxml_html.etree.ParserError):  # empty, or no markup at all
        return []
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_LINK_TYPES or not href:
            continue
        absolute = urljoin(url, href)
        if urlsplit(absolute).scheme.lower() in SCHEMES and absolute not in found:
            found.append(absolute)
    return found
