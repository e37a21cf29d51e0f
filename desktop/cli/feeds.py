"""``feeds add|list|refresh|remove`` and ``import URL``: web pages and feeds from a terminal.

A thin layer over :mod:`desktop.core.feeds`: pages are saved in the data folder's ``web/``
folder, which becomes one of the user's sources, and the library is then refreshed the way
``import`` refreshes it, so a saved page is searchable when the command returns. A failing
feed or page is one line; the others go on.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from desktop.cli import importing as cli_import
from desktop.cli.importing import import_report, shown
from desktop.cli.output import TerminalProgress, write_json
from desktop.core.feeds.pages import PageError, SavedPage, save_page, web_folder
from desktop.core.feeds.refresh import RefreshReport, refresh_feeds
from desktop.core.feeds.store import Feed, FeedNotFound, FeedStore, FeedsUnavailable
from desktop.core.fetching import Fetcher, FetchError
from desktop.core.library import Library
from desktop.core.sources import SourceList, SourcesUnavailable

#: ``scheme:`` at the start of an argument: a URL, not a file name (``C:\`` is a drive).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def is_url(argument: str) -> bool:
    """Whether an ``import`` argument names a URL (of any scheme) rather than a file.

    >>> is_url("https://example.org/a"), is_url("file:///etc/passwd"), is_url("news/a.txt")
    (True, True, False)
    """
    return "://" in argument or bool(_SCHEME.match(argument))


def add_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``feeds add|list|refresh|remove`` (each with ``--json``)."""
    feeds = subparsers.add_parser("feeds", help="follow RSS and Atom feeds: add, list, refresh")
    common(feeds)
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    for name, help_text in (
        ("add", "subscribe to a feed (RSS or Atom) by its address, or a site's"),
        ("list", "the feeds and how each one's last refresh went"),
        ("refresh", "fetch what is new in every feed (or those named)"),
        ("remove", "unsubscribe (the pages it saved stay in the library)"),
    ):
        action = actions.add_parser(name, help=help_text)
        common(action)
        if name in ("add", "remove"):
            action.add_argument("url", metavar="URL")
        elif name == "refresh":
            action.add_argument("urls", nargs="*", metavar="URL", help="only these feeds")
        action.add_argument("--json", action="store_true", help="print one JSON object")


def feed_json(feed: Feed) -> dict[str, Any]:
    """A feed as JSON: its address, title and last refresh."""
    return {
        "url": feed.url,
        "title": feed.title,
        "added": feed.added,
        "checked": feed.checked,
        "status": feed.status,
        "message": feed.message,
        "new_pages": feed.new_entries,
    }


def _page_json(page: SavedPage) -> dict[str, str]:
    return {"url": page.url, "path": shown(page.path), "title": page.title}


def save_urls(
    urls: Sequence[str], data_dir: Path, fetcher: Fetcher
) -> tuple[list[SavedPage], list[tuple[str, str]]]:
    """Fetch and save each page; the saved ones and (url, reason) of those that failed."""
    saved, failed = [], []
    for url in urls:
        try:
            saved.append(save_page(url, fetcher, web_folder(data_dir)))
        except (FetchError, PageError) as error:
            failed.append((url, str(error)))
    return saved, failed


def index_pages(
    data_dir: Path, make_library: Callable[[list[Path]], Library], err: TextIO
) -> dict[str, Any]:
    """Make the web folder a source and refresh the library; the import report's data."""
    folder = web_folder(data_dir)
    sources = SourceList(data_dir)
    if sources.notice:
        err.write(f"Note: {sources.notice}\n")
    sources.add([folder])
    progress = TerminalProgress(err)
    with make_library(sources.paths()) as library:
        _report, data = import_report(library, [folder], progress)
    progress.done()
    return data


def run(
    args: argparse.Namespace,
    data_dir: Path,
    make_library: Callable[[list[Path]], Library],
    out: TextIO,
    err: TextIO,
    fetcher: Fetcher | None = None,
) -> int:
    """Run one ``feeds`` action; return the exit code (1 when a feed failed, 2 for a mistake)."""
    try:
        store = FeedStore(data_dir)
        if store.notice:
            err.write(f"Note: {store.notice}\n")
        command = args.feeds_command
        if command == "add":
            return _add(store, args.url, args.json, out, err)
        if command == "remove":
            removed = store.remove(args.url)
            if args.json:
                write_json({"removed": removed, "url": args.url}, out)
            elif not removed:
                err.write(f"error: no feed {args.url} is subscribed (see: feeds list).\n")
            else:
                out.write(f"Unsubscribed from {args.url}; the pages it saved stay.\n")
            return 0 if removed else 2
        if command == "list":
            feeds = store.feeds()
            if args.json:
                write_json({"feeds": [feed_json(f) for f in feeds]}, out)
            for feed in feeds if not args.json else ():
                title = feed.title or ("(no title yet)" if feed.checked else "(not refreshed yet)")
                out.write(f"{feed.url}  {title}\n")
                if feed.message:
                    out.write(f"  {feed.checked}: {feed.message}\n")
            if not feeds and not args.json:
                out.write("No feeds yet: add one with `feeds add URL`.\n")
            return 0
        unknown = [u for u in args.urls if u not in {f.url for f in store.feeds()}]
        if unknown:
            raise FeedNotFound(f"No feed {unknown[0]} is subscribed (see: feeds list).")
        return _refresh(store, args, data_dir, make_library, out, err, fetcher or Fetcher())
    except (FeedsUnavailable, FeedNotFound, SourcesUnavailable) as error:
        err.write(f"error: {error}\n")
        return 2 if isinstance(error, FeedNotFound) else 1


def _add(store: FeedStore, url: str, as_json: bool, out: TextIO, err: TextIO) -> int:
    try:
        added = store.add(url)
    except FetchError as error:
        err.write(f"error: {error}\n")
        return 2
    if as_json:
        write_json({"added": added, "feed": feed_json(store.feed(url))}, out)
    elif added:
        out.write(f"Subscribed to {url.strip()}; `feeds refresh` fetches its entries.\n")
    else:
        out.write(f"Already subscribed to {url.strip()}.\n")
    return 0


def _refresh(
    store: FeedStore,
    args: argparse.Namespace,
    data_dir: Path,
    make_library: Callable[[list[Path]], Library],
    out: TextIO,
    err: TextIO,
    fetcher: Fetcher,
) -> int:
    report: RefreshReport = refresh_feeds(
        store, fetcher, web_folder(data_dir), args.urls or None, TerminalProgress(err)
    )
    indexed = index_pages(data_dir, make_library, err) if report.saved else None
    if args.json:
        write_json(
            {
                "offline": report.offline,
                "summary": report.summary(),
                "feeds": [
                    {
                        "url": r.url,
                        "title": r.title,
                        "status": r.status,
                        "message": r.message,
                        "saved": [_page_json(p) for p in r.saved],
                        "page_errors": [{"url": u, "reason": m} for u, m in r.page_errors],
                    }
                    for r in report.results
                ],
                "indexed": indexed,
            },
            out,
        )
    else:
        for result in report.results:
            mark = "!" if result.status == "failed" else "·"
            named = result.title != result.url  # a failure's message names the address
            out.write(
                f"{mark} {result.title}: {result.message}\n"
                if named
                else f"{mark} {result.message}\n"
            )
            for page in result.saved:
                out.write(f"  + {shown(page.path)}  “{page.title}”\n")
            for url, reason in result.page_errors:
                out.write(f"  ! {url}: {reason}\n")
        out.write(report.summary() + "\n")
    return 1 if any(r.status == "failed" for r in report.results) else 0


def import_command(
    args: argparse.Namespace,
    data_dir: Path,
    make_library: Callable[[list[Path]], Library],
    out: TextIO,
    err: TextIO,
    fetcher: Fetcher | None = None,
) -> int:
    """``import PATH|URL...``: each URL's page is saved in the web folder first, which is then
    imported with the paths, so one report lists the pages with the files. A URL that is
    refused or fails is one line on stderr; the rest are imported."""
    urls = [a for a in args.paths if is_url(str(a))]
    paths = [Path(a) for a in args.paths if not is_url(str(a))]
    if not urls:
        return cli_import.run(args, data_dir, make_library, out, err)
    saved, failed = save_urls(urls, data_dir, fetcher or Fetcher())
    for _url, reason in failed:
        err.write(f"error: {reason}\n")
    if saved:
        paths.append(web_folder(data_dir))
    if not paths:
        return 2 if all(r.startswith("Refused") for _u, r in failed) else 1
    code = cli_import.run(
        argparse.Namespace(**{**vars(args), "paths": paths}), data_dir, make_library, out, err
    )
    return code or (1 if failed else 0)


__all__ = ["add_commands", "feed_json", "import_command", "is_url", "run", "save_urls"]
