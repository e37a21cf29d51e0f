"""``tag ARTICLE TAG...`` and ``tags``: the user's tags on whole articles from a terminal.

The same tags as the window's Article ▸ Tag Article… (they live in the bookmarks file, keyed
by the article's id), so a tag given in one is there in the other. Tagging checks the article
is in the library; listing reads only the bookmarks file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from desktop.cli import collections as cli_collections
from desktop.cli.output import write_json
from desktop.core.bookmarks import BookmarkError, BookmarkStore
from desktop.core.errors import ArticleNotFound
from desktop.core.library import Library


def add_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``tag ARTICLE [TAG...] [--remove TAG...]`` and ``tags [TAG]``."""
    tag = subparsers.add_parser("tag", help="tag an article (or list its tags)")
    common(tag)
    tag.add_argument("article_id", metavar="ARTICLE", help="the article id (see `articles`)")
    tag.add_argument("tags", nargs="*", metavar="TAG", help="tags to give it (none: list them)")
    tag.add_argument(
        "--remove", nargs="+", default=[], metavar="TAG", help="take these tags off it"
    )
    tag.add_argument("--json", action="store_true", help="print the article's tags as JSON")
    tags = subparsers.add_parser("tags", help="list article tags with counts, or one tag's")
    common(tags)
    tags.add_argument("tag", nargs="?", metavar="TAG", help="list the articles with this tag")
    tags.add_argument("--json", action="store_true", help="print JSON")


def run_tag(
    args: argparse.Namespace, library: Library | None, store: BookmarkStore, out: TextIO
) -> int:
    """``tag``: give, take off or list an article's tags."""
    if args.remove:
        removed = store.untag_article(args.article_id, args.remove)
        if not removed:
            raise BookmarkError(f"The article “{args.article_id}” has none of those tags.")
        if not args.json:
            out.write(f"Removed {removed} tag(s) from {args.article_id}.\n")
    if args.tags:
        if library is None:
            raise BookmarkError("The library's articles cannot be read now: nothing was tagged.")
        article = library.article(args.article_id)
        now = store.tag_article(article.id, article.title, args.tags)
        if not args.json:
            out.write(f"Tagged “{article.title}”: {', '.join(now)}\n")
    current = store.article_tags(args.article_id)
    if args.json:
        write_json({"article_id": args.article_id, "tags": list(current)}, out)
    elif not args.tags and not args.remove:
        out.write(", ".join(current) + "\n" if current else "No tags.\n")
    return 0


def run_tags(args: argparse.Namespace, store: BookmarkStore, out: TextIO) -> int:
    """``tags``: every tag with its count, or the articles of one tag."""
    if args.tag is None:
        counts = store.article_tag_counts()
        if args.json:
            write_json([{"tag": name, "articles": count} for name, count in counts], out)
        for name, count in [] if args.json else counts:
            out.write(f"{count:5}  {name}\n")
        if not counts and not args.json:
            out.write("No article is tagged yet (tag ARTICLE TAG... gives one a tag).\n")
        return 0
    found = store.tagged(args.tag)
    if not found:
        raise BookmarkError(f"No article has the tag “{args.tag}”.")
    if args.json:
        write_json([a.to_dict() for a in found], out)
    for article in [] if args.json else found:
        out.write(f"{article.article_id}  {article.article_title}\n")
    return 0


#: The commands over article tags and collections, answered by :func:`run`.
LABEL_COMMANDS = ("tag", "tags", "collections")


def run(
    args: argparse.Namespace, library: Library | None, data_dir: Path, out: TextIO, err: TextIO
) -> int:
    """Run ``tag``, ``tags`` or ``collections`` against the bookmarks file in ``data_dir``.

    Without a ``library`` (its index cannot be opened now) listing still works; tagging or
    collecting an article, which must be checked in the library, is refused in one line.
    """
    try:
        with BookmarkStore(data_dir) as store:
            if store.notice:
                err.write(f"Note: {store.notice}\n")
            if args.command == "tag":
                return run_tag(args, library, store, out)
            if args.command == "tags":
                return run_tags(args, store, out)
            return cli_collections.run(args, library, store, out)
    except (ArticleNotFound, BookmarkError) as error:
        err.write(f"error: {error}\n")
        return 2
