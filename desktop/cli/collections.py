"""``collections list|add|remove|show``: the user's collections of articles from a terminal.

The same collections as the window's Collections panel (they live in the bookmarks file,
keyed by the article's id). Adding an article checks it is in the library; the rest reads only
the bookmarks file, so a collection is listed even while the index is being rebuilt.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

from desktop.cli.output import write_json
from desktop.core.bookmarks import BookmarkError, BookmarkStore, Label
from desktop.core.library import Library


def add_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``collections list|add|remove|show``; the action is in ``args.collections_command``."""
    parser = subparsers.add_parser("collections", help="list, fill, empty or show collections")
    actions = parser.add_subparsers(dest="collections_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the collections with their sizes")
    common(listing)
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    add = actions.add_parser("add", help="make a collection, or add articles to one")
    common(add)
    add.add_argument("name", help="the collection (made if it does not exist)")
    add.add_argument("articles", nargs="*", metavar="ARTICLE", help="article ids to add")
    add.add_argument("--json", action="store_true", help="print the collection as JSON")
    remove = actions.add_parser("remove", help="take articles out, or delete the collection")
    common(remove)
    remove.add_argument("name")
    remove.add_argument("articles", nargs="*", metavar="ARTICLE", help="none: delete it")
    remove.add_argument("--json", action="store_true", help="print what was removed as JSON")
    show = actions.add_parser("show", help="list a collection's articles")
    common(show)
    show.add_argument("name")
    show.add_argument("--json", action="store_true", help="print the collection as JSON")


def _named(store: BookmarkStore, name: str) -> Label:
    found = store.collection(name)
    if found is None:
        known = ", ".join(c.name for c in store.collections()) or "none yet"
        raise BookmarkError(f"There is no collection called “{name}” (collections: {known}).")
    return found


def _print(collection: Label, out: TextIO) -> None:
    out.write(f"{collection.name} ({len(collection.articles)} article(s))\n")
    for article in collection.articles:
        out.write(f"  {article.article_id}  {article.article_title}\n")


def run(
    args: argparse.Namespace, library: Library | None, store: BookmarkStore, out: TextIO
) -> int:
    """Run one ``collections`` action against ``store``; return the exit code."""
    action = args.collections_command
    if action == "list":
        found = store.collections()
        if args.json:
            write_json([{"name": c.name, "articles": len(c.articles)} for c in found], out)
        for collection in [] if args.json else found:
            out.write(f"{len(collection.articles):5}  {collection.name}\n")
        if not found and not args.json:
            out.write("No collections yet (collections add NAME [ARTICLE...] makes one).\n")
        return 0
    if action == "add":
        pairs = []
        if args.articles:
            if library is None:
                raise BookmarkError("The library's articles cannot be read now: nothing added.")
            articles = [library.article(article_id) for article_id in args.articles]
            pairs = [(a.id, a.title) for a in articles]
        name, added = store.add_to_collection(args.name, pairs)
        if not args.json:
            out.write(f"“{name}”: {added} article(s) added.\n")
    elif action == "remove":
        collection = _named(store, args.name)
        if not args.articles:
            store.delete_collection(collection.name)
            if args.json:
                write_json(collection.to_dict(), out)
            else:
                out.write(f"Deleted the collection “{collection.name}” (its articles stay).\n")
            return 0
        removed = store.remove_from_collection(collection.name, args.articles)
        if not removed:
            raise BookmarkError(f"“{collection.name}” holds none of those articles.")
        if not args.json:
            out.write(f"Took {removed} article(s) out of “{collection.name}”.\n")
    collection = _named(store, args.name)
    if args.json:
        write_json(collection.to_dict(), out)
    elif action == "show":
        _print(collection, out)
    return 0
