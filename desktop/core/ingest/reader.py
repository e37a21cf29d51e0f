"""From a file on disk to a clean :class:`Article`, and from source paths to files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from desktop.core.errors import SourceError
from desktop.core.ingest.assemble import article_id, build_article
from desktop.core.ingest.cleaning import clean_lines
from desktop.core.ingest.decoding import MAX_BYTES, decode_bytes
from desktop.core.ingest.html_reader import article_from_html
from desktop.core.ingest.markdown_reader import article_from_markdown
from desktop.core.ingest.structure import build_structure
from desktop.core.model import Article

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES

__all__ = [
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "article_from_text",
    "article_id",
    "find_source_files",
    "read_article",
    "read_source_bytes",
]


def walk_folders(root: Path) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``root`` with its file names, sorted; hidden entries skipped.

    Symlinked folders are followed, each real folder once, so a symlink loop ends.
    """
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield folder, sorted(f for f in files if not f.startswith("."))


def find_source_files(sources: Iterable[Path]) -> Iterator[Path]:
    """Every article file under the given files and folders, in a stable order.

    Hidden files and folders are skipped. Symlinked folders are followed, each real folder
    once, so a symlink loop (``loop -> ..``) ends instead of walking forever. Entries that are
    not regular files (a FIFO, a broken symlink) are still yielded when their suffix fits, so
    that reading them gives the import report a reason instead of silence.
    """
    for source in sources:
        if not source.is_dir():
            yield source
            continue
        for root, files in walk_folders(source):
            for name in files:
                path = Path(root, name)
                if path.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield path


def inside(folders: Iterable[str]) -> Callable[[str], bool]:
    """A test of whether a path is one of ``folders`` or lies under one, prepared once for
    the many paths of a large library.

    >>> under_b = inside(["/a/b"])
    >>> under_b("/a/b/c.txt"), under_b("/a/b"), under_b("/a/bc.txt")
    (True, True, False)
    """
    exact = frozenset(folders)
    prefixes = tuple(f.rstrip(os.sep) + os.sep for f in exact)
    return lambda path: path in exact or path.startswith(prefixes)


def sources_within(sources: Iterable[Path], folders: Iterable[Path]) -> list[Path]:
    """The parts of ``sources`` under ``folders``: a source inside one of them, or the folder
    itself where it lies inside a source folder (and is not hidden there).

    What a folder watcher reports is then rescanned, and nothing else of a large library.
    """
    parts: dict[Path, None] = {}
    for folder in folders:
        for source in sources:
            if inside([str(folder)])(str(source)):
                parts[source] = None
            elif source.is_dir() and inside([str(source)])(str(folder)):
                inner = folder.relative_to(source).parts
                if folder.is_dir() and not any(part.startswith(".") for part in inner):
                    parts[folder] = None
    # A part inside another is walked with it, once.
    return [p for p in parts if not inside(str(q) for q in parts if q != p)(str(p))]


def read_article(path: Path) -> Article:
    """Read, decode, clean and structure one file, by its format (its suffix).

    ``.md``/``.markdown`` are read as Markdown, ``.html``/``.htm``/``.xhtml`` as web pages, and
    anything else as plain text. Every failure is a SourceError with a one-line reason, so one
    bad file never stops an import.

    Raises:
        SourceError: the file cannot be read, is not a regular file, is too big, binary, has
            broken markup, or holds no text.
    """
    name = str(path)
    if _has_undecodable_name(name):
        raise SourceError(
            "The file's name is not valid text in this system's encoding; rename the file."
        )
    data = read_source_bytes(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return article_from_html(data, name, fallback_title=path.stem)
    text, _encoding = decode_bytes(data)
    if suffix in MARKDOWN_SUFFIXES:
        return article_from_markdown(text, name, fallback_title=path.stem)
    return article_from_text(text, name, fallback_title=path.stem)


def read_source_bytes(path: Path) -> bytes:
    """The bytes of a regular file within the size limit.

    A FIFO, socket or device would block or never end, so only regular files are read.

    Raises:
        SourceError: the file is missing, not a regular file, too big or unreadable.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("The path is not a regular file (a pipe, device or socket).")
        if info.st_size > MAX_BYTES:
            raise SourceError(
                f"The file is too big ({info.st_size // (1024 * 1024)} MB; the limit is "
                f"{MAX_BYTES // (1024 * 1024)} MB)."
            )
        with path.open("rb") as stream:
            return stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise SourceError(f"The file cannot be read: {error.strerror or error}.") from error


def _has_undecodable_name(name: str) -> bool:
    """True for a name whose bytes were not valid in the file system's encoding.

    Python keeps such bytes as lone surrogates, which no index, JSON file or terminal accepts.

    >>> _has_undecodable_name("報告 – résumé.txt"), _has_undecodable_name("bad\\udcb3.txt")
    (False, True)
    """
    return any("\ud800" <= c <= "\udfff" for c in name)


def article_from_text(text: str, source: str, fallback_title: str = "Untitled") -> Article:
    """Clean and structure raw text already decoded (the part of reading that needs no disk)."""
    lines, removals = clean_lines(text)
    if not lines:
        raise SourceError("The file holds no article text.")
    structure = build_structure(lines, fallback_title)
    return build_article(structure, source, removals)
