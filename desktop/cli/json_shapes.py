"""What each command prints with ``--json``: the core's types mapped to plain JSON objects.

The keys are an interface other programs read, so they are written out here one by one
rather than derived from the dataclasses' field names, which may change.
"""

from __future__ import annotations

from typing import Any

from desktop.core.entities.corrections import Provenance
from desktop.core.library import EntityDetails
from desktop.core.links import PassageLink, format_link
from desktop.core.model import Article, ArticleDate, ArticleSummary, Entity, Hit, SearchResult


def iso_date(date: ArticleDate | None) -> str | None:
    """A date as ISO text, to the precision the article gives (None: undated)."""
    return date.iso() if date else None


def summary_json(summary: ArticleSummary) -> dict[str, Any]:
    """One article of ``articles --json``."""
    return {
        "id": summary.id,
        "title": summary.title,
        "kicker": summary.kicker,
        "lead_question": summary.lead_question,
        "date": iso_date(summary.date),
        "source": summary.source,
        "passages": summary.passage_count,
    }


def _hit_json(hit: Hit, passages: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "article_id": hit.article_id,
        "title": hit.title,
        "date": iso_date(hit.date),
        "source": hit.source,
        "score": hit.score,
        "snippet": hit.snippet.text,
    }
    if passages:
        data["passage_id"] = hit.passage_id
        data["text"] = hit.text
        if hit.passage_id:  # to paste into a note: it opens the window at this passage
            text = hit.text or ""
            data["link"] = format_link(
                PassageLink(hit.article_id, hit.passage_id, text, 0, len(text))
            )
        if hit.location:
            data["location"] = hit.location  # a PDF's page, an EPUB's chapter
    if hit.note is not None:
        # Found (or also found) through the user's note on a bookmark of the article.
        data["via"] = "note"
        data["bookmark"] = hit.note.bookmark_id
        data["note"] = hit.note.note
        data["tags"] = list(hit.note.tags)
        data["passage_id"] = hit.passage_id
        data["link"] = format_link(
            PassageLink(
                hit.article_id, hit.passage_id or "", hit.note.quote, 0, 0, hit.note.bookmark_id
            )
        )
    return data


def result_json(result: SearchResult) -> dict[str, Any]:
    """The ``search --json`` object."""
    return {
        "query": result.query,
        "total": result.total,
        "total_exact": result.exact,
        "suggestion": result.suggestion,
        "notice": result.notice,
        "hits": [_hit_json(hit, result.mode == "passages") for hit in result.hits],
        "facets": {
            facet.name: [
                {"key": v.key, "label": v.label, "count": v.count, "filter": v.filter}
                for v in facet.values
            ]
            for facet in result.facets
        },
    }


def entity_summary_json(entity: Entity, provenance: Provenance | None = None) -> dict[str, Any]:
    """An entity without its mentions (for ``entities --json``); ``provenance`` from the
    library's graph (else read from the entity alone, as never confirmed)."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "description": entity.description,
        "kind": entity.kind,
        "discovered": entity.discovered,
        "confidence": entity.confidence,
        "provenance": (provenance or Provenance.of(entity)).as_json(),
    }


def entity_json(
    details: EntityDetails, names: dict[str, str], provenance: Provenance | None = None
) -> dict[str, Any]:
    """The ``entity --json`` object; ``names`` maps entity ids to display names."""

    def evidence(e: Any) -> dict[str, str]:
        return {"article_id": e.article_id, "passage_id": e.passage_id, "sentence": e.sentence}

    return {
        **entity_summary_json(details.entity, provenance),
        "hidden": details.hidden,
        "mentions": [
            {
                "article_id": m.article_id,
                "passage_id": m.passage_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
            }
            for m in details.mentions
        ],
        "relations": [
            {
                "type": link.label,
                "target": names.get(link.other, link.other),
                "target_id": link.other,
                "evidence": evidence(link.relation.evidence),
            }
            for link in details.links
        ],
        "figures": [
            {"kind": f.kind, "text": f.text, "evidence": evidence(f.evidence)}
            for f in details.figures
        ],
    }


def article_json(article: Article) -> dict[str, Any]:
    """The ``show --json`` object."""
    return {
        "id": article.id,
        "title": article.title,
        "kicker": article.kicker,
        "lead_question": article.lead_question,
        "date": iso_date(article.date),
        "date_precision": article.date.precision.value if article.date else None,
        "authors": list(article.authors),
        "source": article.source,
        "also_at": list(article.also_at),
        "blocks": [
            {
                "id": b.id,
                "kind": b.kind,
                "text": b.text,
                **({"location": b.location} if b.location else {}),
            }
            for b in article.blocks
        ],
        "removed": [
            {"line": r.line, "rule": r.rule, "reason": r.reason, "text": r.text}
            for r in article.removals
        ],
    }
