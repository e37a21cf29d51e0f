"""Notes out to the tools readers keep them in: an Obsidian vault folder, and CSL-JSON.

- Obsidian: one Markdown file per bookmarked article, with YAML front matter (title, date,
  source file, tags, its ``innoatlas://`` link), each bookmark's quote, link and note, and the
  entities the article names as ``[[wiki-links]]``; one file per entity under ``Entities/``
  links back to the articles, so Obsidian's graph joins the entities through the articles.
- CSL-JSON (what Zotero, Mendeley and pandoc read): one item per bookmarked article, its
  notes and links in ``note``.

Titles and names come from files a user did not write: a file name is made of a title with
everything a file system or Obsidian reads as syntax taken out, and never leaves its folder;
front matter values are JSON strings (valid YAML); text is escaped as the Markdown export
escapes it (:func:`~desktop.core.bookmarks.exchange.markdown_text`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from desktop.core.bookmarks.exchange import code_span, link_of, markdown_text
from desktop.core.bookmarks.model import AnchorStatus, Bookmark, BookmarkError
from desktop.core.locks import write_atomically
from desktop.core.text import json_text, terminal_safe

if TYPE_CHECKING:
    from desktop.core.entities.graph import EntityGraph

ENTITY_FOLDER = "Entities"
#: What no file name of the export holds: path separators, what Windows refuses, what
#: Obsidian reads as a link's syntax (``#^[]|``), and controls.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]')
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
MAX_NAME = 100
#: Bytes of a stem: file systems cap a name at 255 bytes, and the atomic write adds a suffix.
MAX_NAME_BYTES = 180
#: In every note's front matter: a file without it is the user's own, never replaced.
MARKER = 'exported_by: "InnoAtlas"'


def file_stem(title: str, fallback: str = "Untitled") -> str:
    """A file name's stem made of ``title``, safe on every system and in a wiki-link.

    >>> file_stem("../../etc/passwd"), file_stem("A|B [x] #1"), file_stem("  ")
    ('etc passwd', 'A B x 1', 'Untitled')
    """
    name = " ".join(_UNSAFE_NAME.sub(" ", terminal_safe(title)).split()).strip(". ")
    name = name[:MAX_NAME].encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
    name = name.rstrip(". ")
    if not name or name.casefold() in _RESERVED:
        return fallback
    return name


def wiki_link(name: str) -> str:
    """``[[name]]`` for a note called ``name`` (made safe as :func:`file_stem` does)."""
    return f"[[{file_stem(name)}]]"


def _front_matter(values: dict[str, Any]) -> list[str]:
    lines = ["---", MARKER]
    for key, value in values.items():
        if isinstance(value, list) and value:
            lines.append(f"{key}:")
            lines += [f"  - {json.dumps(item, ensure_ascii=False)}" for item in value]
        elif value is not None and not isinstance(value, list):
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return [*lines, "---", ""]


def _grouped(bookmarks: Sequence[Bookmark]) -> dict[str, list[Bookmark]]:
    groups: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        groups.setdefault(bookmark.article_id, []).append(bookmark)
    return groups


def obsidian_files(
    bookmarks: Sequence[Bookmark], entities_of: Callable[[str], Sequence[str]] = lambda _id: ()
) -> dict[str, str]:
    """The vault's files, by path relative to the folder: one per article, one per entity.

    ``entities_of(article_id)``: the names of the entities the article names (none: no
    wiki-links). Two articles of the same title get ``Title (2).md``.
    """
    files: dict[str, str] = {}
    taken: set[str] = set()
    # One spelling per entity file: "HKSTP" and "Hkstp" are one file on a case-blind disk.
    spelled: dict[str, str] = {}
    linked_from: dict[str, list[str]] = {}
    for article_id, group in _grouped(bookmarks).items():
        first = group[0]
        stem = file_stem(first.article_title or article_id)
        unique, number = stem, 2
        while unique.casefold() in taken:
            unique, number = f"{stem} ({number})", number + 1
        taken.add(unique.casefold())
        stems = (file_stem(n) for n in entities_of(article_id) if n.strip())
        names = list(dict.fromkeys(spelled.setdefault(stem.casefold(), stem) for stem in stems))
        tags = list(dict.fromkeys(t for b in group for t in b.tags))
        lines = _front_matter(
            {
                "title": terminal_safe(first.article_title),
                "date": first.article_date,
                "source": PurePath(first.article_source).name if first.article_source else None,
                "innoatlas": link.split("?")[0] if (link := link_of(first)) else None,
                "tags": [_tag(t) for t in tags if _tag(t)],
                "entities": names,
            }
        )
        lines += [f"# {markdown_text(first.article_title or article_id, heading=True)}", ""]
        for bookmark in group:
            lines += [f"> {line}".rstrip() for line in markdown_text(bookmark.quote).splitlines()]
            if bookmark.location:
                lines += [">", f"> — {markdown_text(bookmark.location)}"]
            if link := link_of(bookmark):
                lines += [">", f"> [Open in InnoAtlas]({link})"]
            lines.append("")
            if bookmark.status is AnchorStatus.ORPHANED:
                lines += ["*Orphaned: this text is no longer found in the article.*", ""]
            if note := markdown_text(bookmark.note).strip():
                lines += [note, ""]
            if bookmark.tags:
                lines += ["Tags: " + ", ".join(code_span(t) for t in bookmark.tags), ""]
        if names:
            lines += ["## Entities", "", *(f"- [[{name}]]" for name in names), ""]
            for name in names:
                linked_from.setdefault(name, []).append(unique)
        files[f"{unique}.md"] = "\n".join(lines).rstrip("\n") + "\n"
    for name, articles in linked_from.items():
        lines = [*_front_matter({"type": "entity"}), f"# {markdown_text(name, heading=True)}", ""]
        lines += ["Named in:", "", *(f"- [[{title}]]" for title in articles)]
        files[f"{ENTITY_FOLDER}/{name}.md"] = "\n".join(lines) + "\n"
    return files


def _tag(tag: str) -> str:
    """A tag as Obsidian's front matter takes it: no spaces (hyphens), no ``#``."""
    return "-".join(file_stem(tag, "").split())


def write_folder(folder: Path, files: dict[str, str], *, notes: bool = False) -> int:
    """Write ``files`` into ``folder`` (made if missing), each whole; returns how many.

    Every path is checked to stay inside ``folder`` before anything is written. With
    ``notes`` (an Obsidian export, often into a vault), a file there that an export did not
    write (no :data:`MARKER`) is the user's: nothing is written then.
    """
    root = folder.resolve()
    targets = []
    for relative, text in files.items():
        target = (root / relative).resolve()
        if root not in target.parents:
            raise BookmarkError(f"The export would write outside {folder}: nothing was written.")
        targets.append((target, text))
    theirs = [target for target, _text in targets if notes and _not_exported(target)]
    if theirs:
        raise BookmarkError(
            f"{folder} already has {len(theirs)} note(s) of the same name that InnoAtlas did "
            f"not write (such as {theirs[0].name}); nothing was written. Choose an empty "
            "folder, or a folder of its own inside your vault."
        )
    try:
        for target, text in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, text.encode("utf-8"), sweep=False)
    except OSError as error:
        raise BookmarkError(
            f"{folder} could not be written ({error.strerror or error}); the files written "
            "before are complete."
        ) from error
    return len(targets)


def to_csl_json(bookmarks: Sequence[Bookmark]) -> str:
    """One CSL-JSON item per bookmarked article: title, date, source, and the notes and
    links in ``note`` (what reference managers keep of a citation)."""
    items = []
    for article_id, group in _grouped(bookmarks).items():
        first = group[0]
        item: dict[str, Any] = {
            "id": f"innoatlas-{article_id}",
            "type": "article-newspaper",
            "title": first.article_title or article_id,
        }
        if first.article_date:
            parts = [int(p) for p in first.article_date.split("-") if p.isdigit()]
            if parts:
                item["issued"] = {"date-parts": [parts]}
        if first.article_source:
            item["source"] = PurePath(first.article_source).name
        if link := link_of(first):
            item["URL"] = link.split("?")[0]
        notes = []
        for bookmark in group:
            line = f"“{bookmark.quote}”" + (f" ({bookmark.location})" if bookmark.location else "")
            if bookmark.note:
                line += f" — {bookmark.note}"
            if link := link_of(bookmark):
                line += f" <{link}>"
            notes.append(line)
        item["note"] = "\n".join(notes)
        keywords = list(dict.fromkeys(t for b in group for t in b.tags))
        if keywords:
            item["keyword"] = ", ".join(keywords)
        items.append(item)
    return json_text(items) + "\n"


def entity_names(graph: EntityGraph) -> Callable[[str], list[str]]:
    """``entities_of`` for :func:`obsidian_files`: the names each article mentions, most
    mentioned entities first (hidden ones left out)."""
    by_article: dict[str, list[str]] = {}
    for entity in graph.entities():
        for mention in graph.mentions(entity.id):
            names = by_article.setdefault(mention.article_id, [])
            if entity.name not in names:
                names.append(entity.name)
    return lambda article_id: by_article.get(article_id, [])


def _not_exported(path: Path) -> bool:
    """True when ``path`` is a file an export did not write (its front matter lacks the mark)."""
    try:
        with path.open("rb") as file:
            head = file.read(200)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # unreadable: not known to be ours, so never replaced
    return MARKER.encode("utf-8") not in head.split(b"\n---", 1)[0]
