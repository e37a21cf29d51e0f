"""From a file on disk to a clean :class:`Article`, and from source paths to files."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.errors import SourceError
from desktop.core.ingest.cleaning import clean_lines
from desktop.core.ingest.decoding import MAX_BYTES, decode_bytes
from desktop.core.ingest.structure import INGEST_VERSION, build_structure
from desktop.core.model import Article, ArticleDate
from desktop.core.text import fold

SUPPORTED_SUFFIXES = frozenset({".txt", ".text"})


def find_source_files(sources: Iterable[Path]) -> Iterator[Path]:
    """Every readable article file under the given files and folders, in a stable order.

    Hidden files and folders are skipped; symlinked folders are followed once.
    """
    for source in sources:
        if source.is_file():
            yield source
            continue
        seen: set[tuple[int, int]] = set()
        for root, dirs, files in os.walk(source, followlinks=True):
            stat = os.stat(root)
            if (stat.st_dev, stat.st_ino) in seen:
                dirs[:] = []
                continue
            seen.add((stat.st_dev, stat.st_ino))
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(root, name)
                if not name.startswith(".") and path.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield path


def article_id(title: str, date: ArticleDate | None) -> str:
    """An id that survives moves and body edits: a hash of the folded title and the date.

    >>> article_id("Hello  World", None) == article_id("hello world", None)
    True
    """
    key = fold(title) + "|" + (date.iso() if date else "")
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def read_article(path: Path) -> Article:
    """Read, decode, clean and structure one file.

    Raises:
        SourceError: the file cannot be read, is too big, binary, or holds no text.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(
                f"The file is too big ({size // (1024 * 1024)} MB; the limit is "
                f"{MAX_BYTES // (1024 * 1024)} MB)."
            )
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"The file cannot be read: {error.strerror or error}.") from error
    text, _encoding = decode_bytes(data)
    return article_from_text(text, str(path), fallback_title=path.stem)


def article_from_text(text: str, source: str, fallback_title: str = "Untitled") -> Article:
    """Clean and structure raw text already decoded (the part of reading that needs no disk)."""
    lines, removals = clean_lines(text)
    if not lines:
        raise SourceError("The file holds no article text.")
    structure = build_structure(lines, fallback_title)
    content = "\n".join(
        [
            str(INGEST_VERSION),
            structure.title,
            structure.kicker or "",
            structure.lead_question or "",
            structure.date.iso() if structure.date else "",
            *(f"{b.kind}:{b.text}" for b in structure.blocks),
        ]
    )
    return Article(
        id=article_id(structure.title, structure.date),
        title=structure.title,
        source=source,
        blocks=structure.blocks,
        kicker=structure.kicker,
        lead_question=structure.lead_question,
        date=structure.date,
        content_hash=hashlib.blake2b(content.encode(), digest_size=12).hexdigest(),
        removals=tuple(removals),
    )
