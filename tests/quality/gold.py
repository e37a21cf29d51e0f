"""The development set: real pages in ``pages/``, each with a gold file of what must come out.

A page is ``<slug>.html`` or ``<slug>.txt``; its gold is ``<slug>.json`` (the format is in
``pages/README.md``). The harness reads only these; nothing in the app knows of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

PAGES = Path(__file__).with_name("pages")
PAGE_SUFFIXES = (".html", ".txt")


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class GoldRelation:
    source: str
    relation: str
    target: str
    sentence: str


@dataclass(frozen=True)
class GoldQuestion:
    q: str
    words: tuple[str, ...]
    paraphrased: bool


@dataclass(frozen=True)
class Page:
    """One page of the set and its gold."""

    slug: str
    path: Path
    site: str
    title: str
    date: str | None
    chrome: tuple[str, ...]
    content: tuple[str, ...]
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    questions: tuple[GoldQuestion, ...]
    #: Right to find, not key: discovering one is no junk, missing one no miss.
    mentioned: tuple[GoldEntity, ...] = ()


def load_pages(folder: Path = PAGES) -> list[Page]:
    """Every page of ``folder`` that has a gold file, in name order."""
    pages = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in PAGE_SUFFIXES):
        gold_path = path.with_suffix(".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text("utf-8"))
        pages.append(
            Page(
                slug=path.stem,
                path=path,
                site=gold["site"],
                title=gold["title"],
                date=gold.get("date"),
                chrome=tuple(gold.get("chrome", ())),
                content=tuple(gold.get("content", ())),
                entities=tuple(
                    GoldEntity(e["name"], e["type"], tuple(e.get("aliases", ())))
                    for e in gold.get("entities", ())
                ),
                relations=tuple(
                    GoldRelation(r["source"], r["relation"], r["target"], r["sentence"])
                    for r in gold.get("relations", ())
                ),
                questions=tuple(
                    GoldQuestion(q["q"], tuple(q["words"]), bool(q.get("paraphrased")))
                    for q in gold.get("questions", ())
                ),
                mentioned=tuple(
                    GoldEntity(e["name"], e["type"], tuple(e.get("aliases", ())))
                    for e in gold.get("mentioned", ())
                ),
            )
        )
    return pages
