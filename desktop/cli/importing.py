"""``python -m desktop import PATH... [--json]``: add files and folders to the library.

A thin layer over :mod:`desktop.core.sources` and :meth:`Library.refresh`, wired into
:mod:`desktop.cli` by :func:`add_commands` and :func:`run`. The paths are remembered in the data
folder's ``sources.json`` (referenced in place, not copied), then the library is refreshed with
every remembered source and the report lists what was added, updated, removed and skipped, each
skipped file with its one-line reason. A path that does not exist is a user mistake: one line
to stderr, exit 2, nothing remembered.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from desktop.cli.output import TerminalProgress, write_json
from desktop.core.errors import ArticleNotFound
from desktop.core.library import Library
from desktop.core.model import ArticleSummary, IndexReport
from desktop.core.progress import Progress
from desktop.core.sources import SourceList, SourcesUnavailable, normalise


def add_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add ``import PATH... [--json]`` to the CLI; ``common`` adds the shared options.

    Returns the ``import`` parser; the paths are in ``args.paths``.
    """
    parser = subparsers.add_parser(
        "import",
        help="add files and folders of .txt, .md, .html, .pdf and .epub articles, or pages by URL",
    )
    common(parser)
    # Strings, not Paths: a Path would make "https://x" "https:/x" before a URL is recognised.
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="a file or folder, or an http(s) URL"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def shown(path: str | Path) -> str:
    """A path as it can be printed: bytes that were not valid text appear as ``\\xNN``.

    >>> shown(os.fsdecode(b"/news/\\xb3.txt"))
    '/news/\\\\xb3.txt'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _under(source: str, roots: list[Path]) -> bool:
    path = Path(source)
    return any(path == root or root in path.parents for root in roots)


def _hashes(library: Library, summaries: dict[str, ArticleSummary]) -> dict[str, str]:
    hashes = {}
    for source, summary in summaries.items():
        try:
            hashes[source] = library.article(summary.id).content_hash
        except ArticleNotFound:
            continue
    return hashes


def import_report(
    library: Library, roots: list[Path], progress: Progress | None = None
) -> tuple[IndexReport, dict[str, Any]]:
    """Refresh the library and say which articles that changed, by source file.

    Added and removed files come from the article list before and after; a file counts as
    updated when its summary changed or, under the imported ``roots``, its clean content did.
    """
    before = {s.source: s for s in library.articles()}
    before_hashes = _hashes(library, {k: v for k, v in before.items() if _under(k, roots)})
    report = library.refresh(progress, wait=None)  # after another process's refresh, if any
    after = {s.source: s for s in library.articles()}
    after_hashes = _hashes(library, {k: after[k] for k in before_hashes if k in after})

    def row(summary: ArticleSummary) -> dict[str, Any]:
        return {"path": shown(summary.source), "id": summary.id, "title": summary.title}

    updated = [
        row(summary)
        for source, summary in after.items()
        if source in before
        and (
            summary != before[source]
            or (source in before_hashes and after_hashes.get(source) != before_hashes[source])
        )
    ]
    return report, {
        "added": [row(s) for source, s in after.items() if source not in before],
        "updated": updated,
        "removed": [shown(source) for source in before if source not in after],
        "skipped": [
            {"path": shown(p), "reason": reason}
            for p, reason in sorted(
                {*report.skipped, *((p, r) for p, r in library.skipped_files() if _under(p, roots))}
            )
        ],
        "duplicates": [{"path": shown(p), "original": shown(o)} for p, o in report.duplicates],
        "unchanged": report.unchanged,
        "relinked": report.relinked,
        "seconds": report.seconds,
    }


def run(
    args: argparse.Namespace,
    data_dir: Path,
    make_library: Callable[[list[Path]], Library],
    out: TextIO,
    err: TextIO,
) -> int:
    """Remember ``args.paths`` as sources, refresh, and print the report; return the exit code.

    ``make_library(extra_sources)`` opens the library over the bundled sources plus the user's.
    """
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        err.write(f"error: {shown(missing[0])} does not exist; nothing was imported.\n")
        return 2
    try:
        sources = SourceList(data_dir)
        if sources.notice:
            err.write(f"Note: {sources.notice}\n")
        new = sources.add(paths)
    except SourcesUnavailable as error:
        err.write(f"error: {error}\n")
        return 1
    progress = TerminalProgress(err)
    with make_library(sources.paths()) as library:
        _report, data = import_report(library, [normalise(p) for p in paths], progress)
    progress.done()
    data = {"sources_added": [shown(s.path) for s in new], **data}
    if args.json:
        write_json(data, out)
    else:
        _print(data, out)
    return 0


def _print(data: dict[str, Any], out: TextIO) -> None:
    for path in data["sources_added"]:
        out.write(f"Source added: {path}\n")
    out.write(
        f"Added {len(data['added'])}, updated {len(data['updated'])}, removed "
        f"{len(data['removed'])}, skipped {len(data['skipped'])}, unchanged "
        f"{data['unchanged']} article(s) in {data['seconds']:.2f} s.\n"
    )
    if data["relinked"]:
        out.write(f"Linked the names it found in {data['relinked']} other article(s) too.\n")
    for mark, key in (("+", "added"), ("~", "updated")):
        for row in data[key]:
            out.write(f"  {mark} {row['path']}  “{row['title']}”\n")
    for path in data["removed"]:
        out.write(f"  - {path}\n")
    for row in data["skipped"]:
        out.write(f"  ! {row['path']}: {row['reason']}\n")
    for row in data["duplicates"]:
        out.write(f"  = {row['path']}: the same article as {row['original']} (shown once)\n")
