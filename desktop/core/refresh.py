"""The refresh pipeline: from the files on disk to the index and its manifest, in one pass.

Orange3's ``run(data, state)``: a plain function that takes its collaborators and a progress
object, and leaves threads, locks and the choice of when to run to its caller
(:meth:`desktop.core.library.Library.refresh`, which holds the index lock around it).

1. scan: the stat of every source file (or of those under the folders a watcher reported);
2. read the new and changed files (each within the bounds of :mod:`desktop.core.ingest`),
   skipping, with its reason, whatever cannot be read or leads out of the library;
3. recognise copies of articles already indexed, and files whose content did not change;
4. find the entities of the articles read, and write them to the index (a rebuild replaces
   it whole, at its commit);
5. save the manifest's rows in one transaction.

A refresh that runs out of disk space is remembered beside the index (:mod:`desktop.core.space`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import cast, overload

from desktop.core.bulk_reading import Discover, pack, read_files, unpack
from desktop.core.entities.extract import ArticleEntities
from desktop.core.entities.facts import facts_to_json
from desktop.core.index import EntityTags, SearchIndex
from desktop.core.ingest import find_source_files
from desktop.core.ingest.duplicates import DuplicateFinder, Fingerprint, fingerprint
from desktop.core.ingest.reader import inside, link_guard, sources_within
from desktop.core.manifest import Change, Entry, Manifest
from desktop.core.model import Article, Entity, IndexReport
from desktop.core.progress import Progress, check_cancelled

#: Up to how many rewritten rows a window reads again after a child's refresh (beyond, all).
RELOAD_ROWS = 2000

Stat = tuple[int, int]
#: Entity facts for articles just read: ``(articles, stale, found)``, where ``stale`` names
#: the files whose stored discoveries no longer count (None: none count, a rebuild) and
#: ``found`` the names each article's reading discovered (None: not looked for yet).
Extract = Callable[
    [Sequence[tuple[Article, str]], set[str] | None, Sequence[Sequence[Entity]] | None],
    Iterator[ArticleEntities],
]


def scan(
    sources: Sequence[Path], manifest: dict[str, Entry], within: Sequence[Path] | None = None
) -> dict[str, Stat]:
    """The stat of every source file. With ``within`` (the folders a watcher saw change)
    only the files under them are looked at; the others keep their stat in ``manifest``."""
    if within is None:
        found = {}
        paths = find_source_files(sources)
    else:
        # A file or folder that is gone stands for the nearest folder still there.
        folders = [next(f for f in (w, *w.parents) if f.is_dir()) for w in within]
        looked_at = inside(str(f) for f in folders)
        found = {p: e.stat for p, e in manifest.items() if not looked_at(p)}
        paths = find_source_files(sources_within(sources, folders), sources)
    for path in paths:
        try:
            info = path.stat()
            found[str(path)] = (info.st_mtime_ns, info.st_size)
        except OSError:
            try:
                info = path.lstat()
            except OSError:
                continue  # gone since it was listed: its row goes with the removed ones
            # A broken link or a link loop: keep it, so reading it reports why.
            found[str(path)] = (info.st_mtime_ns, -1)
    return found


def run(
    *,
    manifest: dict[str, Entry],
    store: Manifest,
    index: SearchIndex,
    sources: Sequence[Path],
    extract: Extract,
    tags: Callable[[ArticleEntities], EntityTags],
    progress: Progress,
    rebuild: bool = False,
    within: Sequence[Path] | None = None,
    again: Sequence[str] = (),
    discover: Discover | None = None,
) -> tuple[IndexReport, dict[str, Entry]]:
    """Bring ``index`` and ``store`` up to date with ``sources``; return the report and the
    manifest as it now is (a new dict: ``manifest`` may be read by other threads).

    ``rebuild`` reads every file again as if none were known, and replaces the index and
    the manifest whole at its end: until then both stay as they were, so a rebuild that is
    killed loses nothing, and searches meanwhile use the last index. ``again`` names files
    to read, find the entities of and index again even though they did not change.
    ``discover`` finds an article's new names as it is read (over several processes when
    many files are read); ``extract`` is then given them instead of looking again.

    Raises:
        Cancelled: ``progress`` asked to stop (nothing half-written is committed).
        IndexUnavailable: the index or the manifest cannot be written.
    """
    started = time.perf_counter()
    base = {} if rebuild else manifest
    scanned = scan(sources, manifest, None if rebuild else within)
    removed = [p for p in base if p not in scanned]
    changed = _changed(base, scanned, removed)
    read_again = {p for p in again if p in scanned and p in base and base[p].indexed}
    changed += sorted(read_again.difference(changed))
    kept = {p: e for p, e in base.items() if p in scanned and p not in changed}
    # Their stored rows say what they were, not what they are.
    stale = set(manifest) if rebuild else {*removed, *changed}
    # This refresh's new originals; the library's are found in the manifest's tables.
    originals: DuplicateFinder[str] = DuplicateFinder()
    # Every still-present article keeps its id, even one read again later in this
    # refresh: a new file with the same title and date gets a distinct id instead.
    ids_in_use = {e.article_id: p for p, e in base.items() if e.indexed and p in scanned}
    touched: dict[str, Entry] = {}
    skipped: list[tuple[str, str]] = []
    duplicates: list[tuple[str, str]] = []
    to_read: list[tuple[bytes, str, Fingerprint]] = []  # packed articles
    found: list[Sequence[Entity]] = []  # each article's new names, when ``discover`` is given
    tasks = [(path, _known_content(base.get(path), path in read_again)) for path in changed]
    # As many reading processes as the index has writers, from as many files.
    options = index.options
    many = len(changed) >= options.parallel_from
    processes = min(os.cpu_count() or 1, options.max_writers) if many else 1
    reads = read_files(tasks, link_guard(sources), discover, processes)
    try:
        for number, done in enumerate(reads, start=1):
            check_cancelled(progress)
            progress.report(number, len(changed), f"Reading {number} of {len(changed)}")
            path, packed = done.path, done.packed
            if packed is None:
                skipped.append((path, done.skipped))
                continue
            previous = base.get(path)
            if previous and previous.duplicate_of is None and done.unchanged:
                touched[path] = kept[path] = dataclasses.replace(previous, stat=scanned[path])
                stale.discard(path)
                ids_in_use[previous.article_id] = path
                continue
            print_ = done.fingerprint or fingerprint(unpack(packed).plain_text())
            in_store = None if rebuild else store.original_of(print_, stale)
            original = in_store or originals.add(path, print_)
            if original is not None:
                duplicates.append((path, original))
                continue
            article_id = done.article_id
            owner = ids_in_use.get(article_id)
            if owner is not None and owner != path:
                article_id = _distinct_id(article_id, path)
                packed = pack(dataclasses.replace(unpack(packed), id=article_id))
            ids_in_use[article_id] = path
            to_read.append((packed, path, print_))
            found.append(done.found)
    finally:
        reads.close()  # stops the readers, on a cancel too
    # Each row as soon as its article is written: the article is let go, its facts packed.
    written_rows: dict[str, Change] = {}

    def extracted() -> Iterator[tuple[Article, str, Stat, EntityTags]]:
        # Lazily, so that parallel index writers analyse one article while the next one's
        # entities are found.
        articles = _Unpacked(to_read)
        stale_rows = None if rebuild else stale
        facts_of = extract(articles, stale_rows, found if discover is not None else None)
        for number, facts in enumerate(facts_of):
            article, path = articles[number]
            print_ = articles.release(number)
            stat = scanned[path]
            written_rows[path] = Change.packed(_entry(article, stat), facts_to_json(facts), print_)
            yield article, path, stat, tags(facts)

    index.update(
        extracted(),
        removed + [p for p, _o in duplicates if p in base],
        len(to_read),
        progress,
        replace_all=rebuild,
    )
    added = sum(1 for path in written_rows if path not in base or base[path].skipped)
    changes = {path: Change(entry) for path, entry in touched.items()}
    changes.update(written_rows)
    written = {path: c.entry for path, c in changes.items()}
    for path, original in duplicates:
        source = written.get(original) or base[original]
        changes[path] = Change(_duplicate_entry(source, scanned[path], original))
    for path, reason in skipped:
        # Remembered with its reason, so an unchanged bad file is not read again.
        changes[path] = Change(_skipped_entry(scanned[path], reason))
    store.save(changes, removed, touched=set(touched), replace_all=rebuild)
    revised = revised_manifest(base, {path: c.entry for path, c in changes.items()}, removed)
    rewritten = [*changes, *removed]
    report = IndexReport(
        added=added,
        updated=len(written_rows) - added,
        removed=len(removed),
        unchanged=sum(1 for e in kept.values() if not e.skipped),
        skipped=tuple(skipped),
        duplicates=tuple(duplicates),
        seconds=round(time.perf_counter() - started, 3),
        rewritten=None if rebuild or len(rewritten) > RELOAD_ROWS else tuple(rewritten),
    )
    return report, revised


class _Unpacked(Sequence[tuple[Article, str]]):
    """Packed articles with their paths, unpacked when read (the last one is kept, as the
    entity finder and the writer ask for the same article in turn), and let go of once
    written."""

    def __init__(self, items: list[tuple[bytes, str, Fingerprint]]) -> None:
        # The very list, not a copy: letting go of an item must free it.
        self._items = cast("list[tuple[bytes, str, Fingerprint] | None]", items)
        self._last: tuple[int, tuple[Article, str]] | None = None

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, at: int) -> tuple[Article, str]: ...
    @overload
    def __getitem__(self, at: slice) -> Sequence[tuple[Article, str]]: ...
    def __getitem__(self, at: int | slice) -> tuple[Article, str] | Sequence[tuple[Article, str]]:
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        if self._last is not None and self._last[0] == at:
            return self._last[1]
        item = self._items[at]
        if item is None:
            raise IndexError(f"article {at} was written and let go")
        unpacked = (unpack(item[0]), item[1])
        self._last = (at, unpacked)
        return unpacked

    def release(self, at: int) -> Fingerprint:
        """Let the article go; its fingerprint, for its row."""
        item = self._items[at]
        assert item is not None, "released once"
        self._items[at] = None
        self._last = None
        return item[2]


def revised_manifest(
    manifest: dict[str, Entry], written: dict[str, Entry], removed: Iterable[str]
) -> dict[str, Entry]:
    """A new dict, not one changed in place: other threads may be iterating the old one."""
    revised = dict(manifest)
    for path in removed:
        revised.pop(path, None)
    revised.update(written)
    return revised


# -- rows ------------------------------------------------------------------------------------


def _changed(manifest: dict[str, Entry], scanned: dict[str, Stat], removed: list[str]) -> list[str]:
    """Paths to read again: new or touched files, and copies whose original went away."""
    changed = [p for p, stat in scanned.items() if p not in manifest or manifest[p].stat != stat]
    gone = {*removed, *changed}
    changed += [
        p
        for p, e in manifest.items()
        if e.duplicate_of in gone and p in scanned and p not in changed
    ]
    return changed


def _known_content(entry: Entry | None, again: bool) -> str | None:
    """The content hash a file's row vouches for, if reading the same content again
    means nothing to do (not for a copy, whose original may have gone)."""
    if entry is None or again or entry.duplicate_of is not None or not entry.indexed:
        return None
    return entry.content_hash


def _distinct_id(article_id: str, path: str) -> str:
    return article_id + "-" + hashlib.blake2b(path.encode(), digest_size=2).hexdigest()


def _skipped_entry(stat: Stat, reason: str) -> Entry:
    return Entry("", stat, "", "", None, None, None, 0, skipped=reason)


def _duplicate_entry(original: Entry, stat: Stat, of: str) -> Entry:
    """A copy of an indexed article: remembered (to show "also at"), not indexed again."""
    return dataclasses.replace(original, stat=stat, duplicate_of=of)


def _entry(article: Article, stat: Stat) -> Entry:
    return Entry(
        article_id=article.id,
        stat=stat,
        content_hash=article.content_hash,
        title=article.title,
        date=article.date.iso() if article.date else None,
        kicker=article.kicker,
        lead_question=article.lead_question,
        passages=len(article.passages),
    )
