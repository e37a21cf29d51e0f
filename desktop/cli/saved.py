"""``saved list|add|remove|run``: the user's saved searches from a terminal.

The same saved searches as the window's Go ▸ Saved Searches (they live in the bookmarks
file), so a query set up in one is there in the other.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from desktop.cli.output import write_json
from desktop.core.bookmarks import BookmarkError, BookmarkStore, SavedSearch


def add_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``saved list|add|remove|run``; the action is in ``args.saved_command``."""
    parser = subparsers.add_parser("saved", help="list, add, remove or run saved searches")
    actions = parser.add_subparsers(dest="saved_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the saved searches")
    common(listing)
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    add = actions.add_parser("add", help="save a query under a name")
    common(add)
    add.add_argument("name", help="what to call it")
    add.add_argument("query", help="the query, as `search` takes it")
    add.add_argument("--passages", action="store_true", help="search passages, not articles")
    add.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    remove = actions.add_parser("remove", help="delete a saved search")
    common(remove)
    remove.add_argument("name")
    run_it = actions.add_parser("run", help="run a saved search (as `search` would)")
    common(run_it)
    run_it.add_argument("name")
    run_it.add_argument("--json", action="store_true", help="print the result as JSON")
    run_it.add_argument("--limit", type=int, default=20)


def find(data_dir: Path, name: str) -> SavedSearch:
    """The saved search called ``name`` (ignoring case); raises BookmarkError naming them."""
    with BookmarkStore(data_dir) as store:
        saved = store.saved_searches()
    for search in saved:
        if search.name.casefold() == name.casefold():
            return search
    known = ", ".join(s.name for s in saved) or "none yet"
    raise BookmarkError(f"There is no saved search called “{name}” (saved: {known}).")


def run(args: argparse.Namespace, data_dir: Path, out: TextIO, err: TextIO) -> int:
    """Run ``saved list|add|remove`` (``run`` is answered by the search command)."""
    try:
        with BookmarkStore(data_dir) as store:
            if store.notice:
                err.write(f"Note: {store.notice}\n")
            action = args.saved_command
            if action == "list":
                saved = store.saved_searches()
                if args.json:
                    write_json([s.to_dict() for s in saved], out)
                for search in [] if args.json else saved:
                    view = f"{search.mode}, by {search.sort}"
                    out.write(f"{search.name}: {search.query}  ({view})\n")
                return 0
            if action == "add":
                mode = "passages" if args.passages else "articles"
                stored = store.save_search(SavedSearch(args.name, args.query, mode, args.sort))
                out.write(f"Saved “{stored.name}”: {stored.query}\n")
                return 0
            removed = store.delete_saved_search(args.name)
            if removed is None:
                raise BookmarkError(f"There is no saved search called “{args.name}”.")
            out.write(f"Removed “{removed.name}”.\n")
            return 0
    except BookmarkError as error:
        err.write(f"error: {error}\n")
        return 2
