"""Benchmark: importing a bookmarks export of N bookmarks, as ``bookmarks import`` does it.

Why this shape:

- a small real library of .txt articles is indexed once; N bookmarks are anchored on random
  selections of its paragraphs, exported as JSON, and two articles are then edited so the
  re-anchoring that follows an import has bookmarks to move and to orphan, not only ones still
  in place;
- each size is imported into a fresh data folder in its own child process, through the CLI's
  own parser and :func:`desktop.cli.bookmarks.run` (reading the file, merging, re-anchoring
  every bookmark), so the peak RSS (``ru_maxrss``) is that import's alone;
- merging and re-anchoring are timed by wrapping the store's methods for the run, so their
  shares show without a second import. This is a benchmark, not a timed test.

Run::

    .venv/bin/python -m tests.bench.bookmarks_import --sizes 5000,20000,100000
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ARTICLES = 40
PARAGRAPHS = 8
WORDS = (
    "cyberport science park fintech startup fund round robotics lab data artificial "
    "intelligence talent university research greater bay area shenzhen innovation venture "
    "capital grant scheme incubation programme biotech health smart city green energy "
    "battery chip design cloud platform payments insurance market listing investors"
).split()
EDITED = 2  # articles edited after the export: their bookmarks move or are orphaned


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(40, 80))]
    return " ".join(words).capitalize() + "."


def write_library(folder: Path, rng: random.Random) -> Path:
    """Write :data:`ARTICLES` small articles (title, date, paragraphs) as .txt files."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(ARTICLES):
        paragraphs = "\n".join(_paragraph(rng) for _ in range(PARAGRAPHS))
        text = f"Article {number}: {rng.choice(WORDS).title()} News\nMarch 3, 2023\n{paragraphs}\n"
        (folder / f"article-{number:03}.txt").write_text(text, encoding="utf-8")
    return folder


def make_export(data_dir: Path, articles: Path, size: int, target: Path) -> None:
    """Anchor ``size`` bookmarks on random selections and write their JSON export."""
    from desktop.core.bookmarks import AnchorStatus, Bookmark, anchor_at, export
    from desktop.core.library import Library

    rng = random.Random(size)
    with Library(data_dir, [articles]) as library:
        if library.needs_refresh():
            library.refresh()
        found = [library.article(s.id) for s in library.articles()]
    bookmarks: list[Bookmark] = []
    for number in range(size):
        article = found[number % len(found)]
        passage = rng.choice(article.passages)
        start = rng.randrange(0, max(1, len(passage.text) - 40))
        end = min(len(passage.text), start + rng.randint(10, 60))
        anchor = anchor_at(article, passage.id, start, end)
        stamp = f"2024-{1 + number % 12:02}-{1 + number % 28:02}T12:00:00+00:00"
        bookmarks.append(
            Bookmark(
                id=f"{rng.getrandbits(128):032x}",
                article_id=article.id,
                **dataclasses.asdict(anchor),
                note=f"Note {number}: follow up" if number % 3 else "",
                tags=tuple(rng.sample(["fintech", "robotics", "funding", "talent"], k=2)),
                colour="#ffd54f",
                created=stamp,
                updated=stamp,
                article_title=article.title,
                article_date=article.date.iso() if article.date else None,
                article_source=article.source,
                status=AnchorStatus.ATTACHED,
            )
        )
    target.write_text(export(bookmarks, "json"), encoding="utf-8")


def edit_articles(articles: Path) -> None:
    """Insert words into a paragraph of the first articles, as an editor would."""
    for path in sorted(articles.glob("*.txt"))[:EDITED]:
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[3] = "Updated: " + lines[3].replace(" data ", " new data ", 1)
        lines[5] = lines[5][: len(lines[5]) // 2] + "."
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def timed_methods(owner: type, names: list[str], seconds: dict[str, float]) -> Iterator[None]:
    """Add each call's wall time to ``seconds[name]`` while the block runs."""
    originals = {name: getattr(owner, name) for name in names}

    def wrap(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

        return timed

    for name, method in originals.items():
        setattr(owner, name, wrap(name, method))
    try:
        yield
    finally:
        for name, method in originals.items():
            setattr(owner, name, method)


def child(export_file: Path, data_dir: Path, articles: Path) -> dict[str, Any]:
    """Import ``export_file`` into ``data_dir`` as the CLI does; the times and peak RSS."""
    from desktop.cli import bookmarks as cli_bookmarks
    from desktop.cli import build_parser
    from desktop.core.bookmarks import BookmarkStore
    from desktop.core.library import Library

    with Library(data_dir, [articles]) as library:
        library.refresh()
        args = build_parser().parse_args(
            ["bookmarks", "import", str(export_file), "--data-dir", str(data_dir)]
        )
        out, err = io.StringIO(), io.StringIO()
        phases: dict[str, float] = {}
        with timed_methods(BookmarkStore, ["merge", "reanchor_all"], phases):
            started = time.perf_counter()
            code = cli_bookmarks.run(args, library, data_dir, out, err)
            total = time.perf_counter() - started
        with BookmarkStore(data_dir, backups=0) as store:
            statuses = [b.status.value for b in store.list()]
    return {
        "code": code,
        "out": out.getvalue().strip(),
        "err": err.getvalue().strip(),
        "seconds": round(total, 3),
        "merge": round(phases.get("merge", 0.0), 3),
        "reanchor_all": round(phases.get("reanchor_all", 0.0), 3),
        "stored": len(statuses),
        "moved": statuses.count("moved"),
        "orphaned": statuses.count("orphaned"),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run_size(workdir: Path, articles: Path, size: int) -> dict[str, Any]:
    """Export ``size`` bookmarks, edit the library, import in a child; the child's report."""
    export_file = workdir / f"bookmarks-{size}.json"
    make_export(workdir / "source-data", articles, size, export_file)
    edited = workdir / f"articles-{size}"
    shutil.rmtree(edited, ignore_errors=True)
    shutil.copytree(articles, edited)
    edit_articles(edited)
    fresh = workdir / f"fresh-{size}"
    shutil.rmtree(fresh, ignore_errors=True)
    command = [sys.executable, "-m", "tests.bench.bookmarks_import", "--child"]
    command += [str(export_file), str(fresh), str(edited)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    report: dict[str, Any] = json.loads(done.stdout)
    report["size"] = size
    report["file_mb"] = round(export_file.stat().st_size / 2**20, 1)
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,20000,100000")
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary one")
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    with tempfile.TemporaryDirectory(prefix="bookmarks-bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        articles = write_library(workdir / "articles", random.Random(7))
        for size in (int(s) for s in args.sizes.split(",")):
            report = run_size(workdir, articles, size)
            print(
                f"{report['size']:>7} bookmarks ({report['file_mb']} MB): "
                f"{report['seconds']:.2f} s (merge {report['merge']:.2f} s, reanchor_all "
                f"{report['reanchor_all']:.2f} s), peak RSS {report['peak_rss_mb']} MB; "
                f"{report['stored']} stored, {report['moved']} moved, "
                f"{report['orphaned']} orphaned; exit {report['code']}: {report['out']}"
                + (f" [{report['err']}]" if report["err"] else ""),
                flush=True,
            )


if __name__ == "__main__":
    main()
