"""The index's schema, and an article as the documents and stored fields that hold it.

One index holds two kinds of documents: one per article (title and whole body, plus the clean
article as a stored payload, so that nothing needs re-parsing to show it) and one per paragraph
(for passage search).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from whoosh import columns, fields

from desktop.core.index.analysis import ANALYZER
from desktop.core.model import Article, ArticleDate, Block, Removal

#: Bump when the schema or the analyzer changes: the index is then rebuilt from the sources.
SCHEMA_VERSION = 6


def schema() -> fields.Schema:
    text = dict(analyzer=ANALYZER, phrase=True, chars=True)
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        kind=fields.ID(stored=True),
        article_id=fields.ID(stored=True),
        passage_id=fields.STORED(),
        ordinal=fields.STORED(),
        title=fields.TEXT(stored=True, field_boost=3.0, spelling=True, **text),
        body=fields.TEXT(stored=True, spelling=True, multitoken_query="phrase", **text),
        # Passage documents have fields of their own, lighter than the article's: no spelling
        # words (the article already gives them), no character offsets on the title.
        ptext=fields.TEXT(stored=True, multitoken_query="phrase", **text),
        ptitle=fields.TEXT(analyzer=ANALYZER, stored=True, field_boost=0.5),
        pcontext=fields.TEXT(analyzer=ANALYZER, field_boost=0.3),
        # A passage's page or chapter ("p. 7"), shown with it; absent where the source has none.
        plocation=fields.STORED(),
        # One term per value (shift_step=0), not eight: a library has a few thousand distinct
        # dates, so a range query enumerates them cheaply, and every document saves 14 postings.
        date=fields.NUMERIC(int, bits=32, stored=True, sortable=True, signed=False, shift_step=0),
        year=fields.NUMERIC(int, bits=32, sortable=True, signed=False, shift_step=0),
        entity=fields.KEYWORD(commas=True),
        # The same ids as one value per document, for counting facets (see counting.FacetColumns).
        entities=fields.COLUMN(columns.VarBytesColumn()),
        etype=fields.KEYWORD(commas=True),
        source=fields.ID(stored=True, sortable=True),
        path=fields.ID(stored=True),
        stat=fields.STORED(),
        content_hash=fields.STORED(),
        payload=fields.STORED(),
    )


def article_body(article: Article) -> str:
    """The text indexed as an article's body; highlight offsets refer to it."""
    parts = [p for p in (article.kicker, article.lead_question) if p]
    parts += [block.text for block in article.blocks]
    return "\n\n".join(parts)


def payload_of(article: Article) -> str:
    return json.dumps(
        {
            "id": article.id,
            "title": article.title,
            "source": article.source,
            "kicker": article.kicker,
            "lead_question": article.lead_question,
            "date": article.date.iso() if article.date else None,
            "content_hash": article.content_hash,
            "authors": list(article.authors),
            # A located block (a PDF page, an EPUB chapter) carries its location fourth.
            "blocks": [
                [b.id, b.kind, b.text, *([b.location] if b.location else [])]
                for b in article.blocks
            ],
            "removals": [[r.line, r.text, r.rule, r.reason] for r in article.removals],
        },
        ensure_ascii=False,
    )


def article_from_payload(payload: str) -> Article:
    data = json.loads(payload)
    return Article(
        id=data["id"],
        title=data["title"],
        source=data["source"],
        blocks=tuple(Block(*row) for row in data["blocks"]),
        kicker=data["kicker"],
        lead_question=data["lead_question"],
        date=ArticleDate.from_iso(data["date"]) if data["date"] else None,
        content_hash=data["content_hash"],
        authors=tuple(data.get("authors", ())),
        removals=tuple(Removal(*r) for r in data["removals"]),
    )


def entity_fields(ids: set[str]) -> dict[str, Any]:
    """The entity ids of a document, searchable and as a column for facets."""
    ordered = sorted(ids)
    return {"entity": ",".join(ordered), "entities": " ".join(ordered).encode()}


#: Per block id, the (entity id, entity type) pairs mentioned in it.
EntityTags = dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class Fields:
    """The fields one kind of document is searched in, and what users may call them."""

    text: str
    title: str
    default: tuple[str, ...]


FIELDS = {
    "article": Fields("body", "title", ("title", "body")),
    "passage": Fields("ptext", "ptitle", ("ptext", "pcontext")),
}


def date_from_key(key: int | None) -> ArticleDate | None:
    """The inverse of ArticleDate.sort_key (0 parts are the ones the article did not state)."""
    if not key:
        return None
    month, day = (key // 100) % 100, key % 100
    return ArticleDate(key // 10000, month or None, day or None)
