"""From a file on disk to a clean :class:`Article`, and from source paths to files."""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from desktop.core.errors import SourceError
from desktop.core.ingest.assemble import article_id, build_article
from desktop.core.ingest.cleaning import clean_lines
from desktop.core.ingest.decoding import decode_bytes
from desktop.core.ingest.epub_reader import article_from_epub
from desktop.core.ingest.html_reader import article_from_html
from desktop.core.ingest.limits import MAX_BYTES, READ_SECONDS, bounded_text, time_limit
from desktop.core.ingest.markdown_reader import article_from_markdown
from desktop.core.ingest.pdf_reader import article_from_pdf
from desktop.core.ingest.structure import build_structure, date_in_chrome
from desktop.core.model import Article

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
EPUB_SUFFIXES = frozenset({".epub"})
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | EPUB_SUFFIXES
)
#: Reports and books carry pictures: a PDF or EPUB may be this big (its text is still bounded
#: by MAX_CHARS).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

__all__ = [
    "EPUB_SUFFIXES",
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "PDF_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "article_from_text",
    "article_id",
    "find_source_files",
    "link_guard",
    "read_article",
    "read_source_bytes",
]


def walk_folders(
    root: Path, within: Callable[[str], bool] | None = None, outside: list[Path] | None = None
) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``root`` with its file names, sorted; hidden entries skipped.

    A symlinked folder is followed only when the real folder it leads to lies ``within`` the
    library's folders (by default: inside ``root``), each real folder once, so a symlink loop
    ends and a link cannot carry an import out to the rest of the disk (``etc -> /etc``); the
    links not followed are added to ``outside``.
    """
    within = within or inside([os.path.realpath(root)])
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
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            path = os.path.join(folder, name)
            if os.path.islink(path) and not within(os.path.realpath(path)):
                if outside is not None:
                    outside.append(Path(path))
            else:
                kept.append(name)
        dirs[:] = kept
        yield folder, sorted(f for f in files if not f.startswith("."))


def find_source_files(
    sources: Iterable[Path], library: Iterable[Path] | None = None
) -> Iterator[Path]:
    """Every article file under the given files and folders, in a stable order.

    Hidden files and folders are skipped. Symlinked folders are followed when they lead to
    a folder of the ``library`` (by default: the ``sources``), each real folder once, so a
    symlink loop (``loop -> ..``) ends instead of walking forever. Entries that are not
    regular files (a FIFO, a broken symlink, a link that leads out of the library) are still
    yielded, those with a fitting suffix and every folder link not followed, so that reading
    them gives the import report a reason instead of silence (see :func:`link_guard`).
    """
    sources = list(sources)
    within = _real_inside(sources if library is None else library)
    for source in sources:
        if not source.is_dir():
            yield source
            continue
        outside: list[Path] = []
        for root, files in walk_folders(source, within, outside):
            yield from outside
            outside.clear()
            for name in files:
                path = Path(root, name)
                if path.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield path


def link_guard(library: Iterable[Path]) -> Callable[[Path], str | None]:
    """A test that gives the reason to skip a path whose links lead out of the ``library``'s
    files and folders (None for any other path), prepared once for a whole refresh.

    Only where the user imported a folder is followed, as Recoll does by default: a link in
    it to ``/etc/passwd`` would otherwise put that file in the library and in every export.
    """
    within = _real_inside(library)

    def reason(path: Path) -> str | None:
        if not path.is_symlink() and within(os.path.realpath(path.parent)):
            return None
        target = os.path.realpath(path)
        if within(target):
            return None
        kind = "folder" if os.path.isdir(target) else "file"
        return (
            f"The link leads to a {kind} outside the imported files and folders ({target}); "
            "links are followed only within them. Import that place itself to read it."
        )

    return reason


def _real_inside(paths: Iterable[Path]) -> Callable[[str], bool]:
    """Whether a real path lies in one of ``paths`` (as they really are, links resolved)."""
    return inside(os.path.realpath(p) for p in paths)


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


def read_article(path: Path, seconds: float = READ_SECONDS) -> Article:
    """Read, decode, clean and structure one file, by its format (its suffix).

    ``.md``/``.markdown`` are read as Markdown, ``.html``/``.htm``/``.xhtml`` as web pages,
    ``.pdf`` by its text layer, ``.epub`` by its chapters, and anything else as plain text,
    within the bounds of :mod:`desktop.core.ingest.limits` and at most ``seconds`` long.
    Every failure is a SourceError with a one-line reason, whatever went wrong (a reader's
    own bug included), so one bad file never stops an import.

    Raises:
        SourceError: the file cannot be read, is not a regular file, is too big, binary, has
            broken markup, holds no text, or is too slow to read.
    """
    name = str(path)
    if _has_undecodable_name(name):
        raise SourceError(
            "The file's name is not valid text in this system's encoding; rename the file."
        )
    try:
        with time_limit(seconds):
            return _read(path, name)
    except SourceError:
        raise
    except (MemoryError, RecursionError) as error:
        raise SourceError(
            f"The file is too large or too deeply nested to read ({type(error).__name__})."
        ) from error
    except Exception as error:  # whatever one file does is that file's problem, not the library's
        raise SourceError(f"The file could not be read ({_summary(error)}).") from error


def _read(path: Path, name: str) -> Article:
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return article_from_pdf(read_source_bytes(path, MAX_DOCUMENT_BYTES), name, path.stem)
    if suffix in EPUB_SUFFIXES:
        return article_from_epub(read_source_bytes(path, MAX_DOCUMENT_BYTES), name, path.stem)
    data = read_source_bytes(path)
    if suffix in HTML_SUFFIXES:
        return article_from_html(data, name, fallback_title=path.stem)
    text, _encoding = decode_bytes(data)
    if suffix in MARKDOWN_SUFFIXES:
        return article_from_markdown(text, name, fallback_title=path.stem)
    return article_from_text(text, name, fallback_title=path.stem)


def _summary(error: BaseException) -> str:
    """``Type: message`` on one short line.

    >>> _summary(UnicodeError("decoding with 'undefined' codec failed\\n(more)"))
    "UnicodeError: decoding with 'undefined' codec failed (more)"
    """
    message = " ".join(str(error).split())
    message = message if len(message) <= 120 else message[:119] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def read_source_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file within the size limit (``limit`` bytes).

    A FIFO, socket or device would block or never end, so only regular files are read.

    Raises:
        SourceError: the file is missing, not a regular file, too big or unreadable.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("The path is not a regular file (a pipe, device or socket).")
        if info.st_size > limit:
            raise SourceError(
                f"The file is too big ({info.st_size // (1024 * 1024)} MB; the limit is "
                f"{limit // (1024 * 1024)} MB)."
            )
        with path.open("rb") as stream:
            return stream.read(limit + 1)
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
    text, cut = bounded_text(text)
    lines, removals = clean_lines(text)
    if not lines:
        raise SourceError("The file holds no article text.")
    structure = build_structure(lines, fallback_title)
    if structure.date is None:
        structure = dataclasses.replace(structure, date=date_in_chrome(removals))
    return build_article(structure, source, [*removals, *([cut] if cut else [])])
