"""Refreshing feeds: ask each for what is new, save each new entry's page once.

For each feed, in turn:

1. a conditional GET (its last ETag and Last-Modified): a 304 means nothing new, and nothing
   more is fetched;
2. the answer is parsed by feedparser (RSS 0.9x, 1.0, 2.0 and Atom) from the bytes we fetched,
   never from a URL (feedparser would fetch it itself, outside our limits);
3. a web page in its place is searched for the feed it names, which is followed instead
   (:mod:`desktop.core.feeds.discovery`);
4. entries not seen before are remembered as pending (by their id, else their link), and each
   pending entry's page is fetched and saved as an article (:mod:`desktop.core.feeds.pages`).

A feed that fails says why in one line and the others go on; a page that fails stays pending
for the next refresh. When no feed could be reached at all, the report says the computer looks
offline, and the library is left as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import InnoAtlasError
from desktop.core.feeds.discovery import feed_links
from desktop.core.feeds.pages import PageError, SavedPage, save_page
from desktop.core.feeds.store import Feed, FeedStore, FeedsUnavailable
from desktop.core.fetching import FEED_TYPES, PAGE_TYPES, Fetcher, FetchError, check_url
from desktop.core.progress import NullProgress, Progress
from desktop.core.text import clean_line

#: The most pages one feed's refresh fetches; the rest stay pending for the next refresh.
MAX_PAGES_PER_FEED = 30
#: Failures of these kinds mean the network, not the feed: all feeds failing so is "offline".
NETWORK_KINDS = frozenset({"unreachable", "connection", "timeout"})


class NotAFeed(InnoAtlasError):
    """An answer that feedparser cannot read as RSS or Atom."""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and its entries as (key, link, title), in the feed's order."""

    title: str
    entries: list[tuple[str, str, str]]


@dataclass(frozen=True)
class FeedResult:
    """How one feed's refresh went.

    Attributes:
        status: "ok" (answered; ``saved`` may be empty), "not-modified" (a 304) or "failed".
        message: one line for the user.
        kind: for a failure, the FetchError kind ("timeout", "http"...) or "not-a-feed".
        saved: the pages saved by this refresh.
        page_errors: (link, reason) of the pages that could not be saved.
    """

    url: str
    title: str
    status: str
    message: str
    kind: str = ""
    saved: tuple[SavedPage, ...] = ()
    page_errors: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RefreshReport:
    """Every feed's result; ``offline`` when none could be reached over the network."""

    results: tuple[FeedResult, ...] = field(default=())

    @property
    def saved(self) -> list[SavedPage]:
        """Every page saved, feed by feed."""
        return [page for result in self.results for page in result.saved]

    @property
    def offline(self) -> bool:
        """True when every feed failed for a reason of the network, not of the feed."""
        return bool(self.results) and all(
            r.status == "failed" and r.kind in NETWORK_KINDS for r in self.results
        )

    def summary(self) -> str:
        """One line for a status bar."""
        if not self.results:
            return "No feeds to refresh: add one first."
        if self.offline:
            return (
                "No feed could be reached: the computer looks offline. "
                "The library is as it was; reading goes on."
            )
        failed = sum(1 for r in self.results if r.status == "failed")
        text = f"Feeds refreshed: {len(self.saved)} new page(s) from {len(self.results)} feed(s)"
        return text + (f"; {failed} failed (see Feeds)." if failed else ".")


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The entries of a feed document.

    Raises:
        NotAFeed: the bytes are not RSS or Atom (an HTML page, broken XML, anything else).
    """
    import feedparser  # type: ignore[import-untyped]  # here: only refreshing needs it

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or a string: feedparser reads a string that looks like a URL or a
    # path by fetching or opening it.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f" ({clean_line(str(problem))[:80]})" if problem else ""
        raise NotAFeed(f"{url} is not an RSS or Atom feed{reason}.")
    entries = []
    for entry in parsed.entries:
        link = clean_line(str(entry.get("link") or ""))
        title = clean_line(str(entry.get("title") or ""))
        key = clean_line(str(entry.get("id") or "")) or link
        if not key:  # no id, no link: its title and date are all that tell it apart
            stamp = f"{title}|{entry.get('published') or entry.get('updated') or ''}"
            key = "sha256:" + hashlib.sha256(stamp.encode("utf-8")).hexdigest()[:16]
        entries.append((key, link, title))
    return ParsedFeed(clean_line(str(parsed.feed.get("title") or "")), entries)


def refresh_feed(
    store: FeedStore, fetcher: Fetcher, folder: Path, feed: Feed, discover: bool = True
) -> FeedResult:
    """Refresh one feed: a conditional GET, new entries remembered, pending pages saved.

    A web page in the feed's place (the user pasted a site's address) is searched for the
    feed it names (``discover``); that feed is followed from then on.
    """
    title = feed.title or feed.url
    try:
        accept = (*FEED_TYPES, *PAGE_TYPES) if discover else FEED_TYPES
        response = fetcher.get(feed.url, accept, feed.etag, feed.last_modified)
        if response.not_modified:
            parsed = None
        elif response.content_type in PAGE_TYPES:
            return _follow_named_feed(store, fetcher, folder, feed, response.body, response.url)
        else:
            parsed = parse_feed(response.body, response.url, response.content_type)
    except (FetchError, NotAFeed) as error:
        kind = error.kind if isinstance(error, FetchError) else "not-a-feed"
        message = str(error)
        store.record_check(feed.url, "failed", message)
        return FeedResult(feed.url, title, "failed", message, kind)
    if parsed is not None:
        title = parsed.title or title
        store.add_entries(feed.url, parsed.entries)
    saved, errors = _save_pending(store, fetcher, folder, feed.url)
    status = "not-modified" if parsed is None else "ok"
    if parsed is None and not saved:
        message = "Nothing new (the feed has not changed)."
    else:
        message = f"{len(saved)} new page(s) saved."
    if errors:
        message += f" {len(errors)} page(s) could not be saved: {errors[0][1]}"
    store.record_check(
        feed.url,
        status,
        message,
        len(saved),
        title=parsed.title or None if parsed is not None else None,
        etag=response.etag,
        last_modified=response.last_modified,
        validators=parsed is not None,
    )
    return FeedResult(feed.url, title, status, message, "", tuple(saved), tuple(errors))


def _follow_named_feed(
    store: FeedStore, fetcher: Fetcher, folder: Path, feed: Feed, body: bytes, url: str
) -> FeedResult:
    """Follow the feed a page names in place of the page, and refresh it.

    Raises:
        NotAFeed: the page names no feed.
    """
    named = feed_links(body, url)
    if not named:
        raise NotAFeed(f"{feed.url} is a web page, not a feed, and it names no feed of its own.")
    if not store.move(feed.url, named[0]):
        raise NotAFeed(f"{feed.url} is a web page; its feed {named[0]} is followed already.")
    result = refresh_feed(store, fetcher, folder, store.feed(named[0]), discover=False)
    found = f"Found the feed {named[0]} on the page {feed.url}; it is followed instead."
    store.record_check(result.url, result.status, f"{found} {result.message}", len(result.saved))
    return dataclasses.replace(result, message=f"{found} {result.message}")


def _save_pending(
    store: FeedStore, fetcher: Fetcher, folder: Path, url: str
) -> tuple[list[SavedPage], list[tuple[str, str]]]:
    saved: list[SavedPage] = []
    errors: list[tuple[str, str]] = []
    for entry in store.pending(url)[:MAX_PAGES_PER_FEED]:
        final = False
        try:
            if not entry.link:
                raise PageError("the entry has no link to a page")
            check_url(entry.link)
            page = save_page(entry.link, fetcher, folder)
        except FetchError as error:
            final = error.kind == "refused"
            errors.append((entry.link, str(error)))
            store.record_entry(url, entry.key, None, str(error), final=final)
            continue
        except PageError as error:
            errors.append((entry.link, str(error)))
            store.record_entry(url, entry.key, None, str(error), final=not entry.link)
            continue
        saved.append(page)
        store.record_entry(url, entry.key, str(page.path))
    return saved, errors


def refresh_feeds(
    store: FeedStore,
    fetcher: Fetcher,
    folder: Path,
    urls: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> RefreshReport:
    """Refresh every feed (or those of ``urls``), one after another; one failing never stops
    the others."""
    progress = progress or NullProgress()
    feeds = [f for f in store.feeds() if urls is None or f.url in urls]
    results = []
    for number, feed in enumerate(feeds):
        if progress.is_cancelled():
            break
        progress.report(number, len(feeds), f"Refreshing {feed.title or feed.url}")
        try:
            results.append(refresh_feed(store, fetcher, folder, feed))
        except FeedsUnavailable as error:  # removed meanwhile, or the file cannot be written
            results.append(FeedResult(feed.url, feed.title or feed.url, "failed", str(error)))
    progress.report(len(feeds), len(feeds), "Feeds refreshed")
    return RefreshReport(tuple(results))


__all__ = [
    "FeedResult",
    "NotAFeed",
    "ParsedFeed",
    "RefreshReport",
    "parse_feed",
    "refresh_feed",
    "refresh_feeds",
]
