"""One search as the user typed it: the query read, names and dates rewritten, the index
asked, and what went wrong said in plain words instead of raised.

A question in passage mode goes to :mod:`desktop.core.answers`; everything else to the
index, with a fallback to the query's plain words when its syntax cannot be read.
"""

from __future__ import annotations

import dataclasses

from desktop.core import answers
from desktop.core.errors import QueryNotUnderstood
from desktop.core.facets import labelled_facets
from desktop.core.index import SearchIndex
from desktop.core.library_entities import LibraryEntities
from desktop.core.model import SearchMode, SearchResult, SortOrder
from desktop.core.query import expand_names, prepare, rewrite_entities

UNREADABLE_NOTICE = (
    "The query could not be read as written, so InnoAtlas searched for its words instead."
)
STOPPED_NOTICE = "The search took too long and was stopped: results may be incomplete."


def search(
    index: SearchIndex,
    entities: LibraryEntities,
    query: str,
    *,
    mode: SearchMode = "articles",
    limit: int = 20,
    sort: SortOrder = "relevance",
    as_you_type: bool = False,
    counted: bool | None = None,
) -> SearchResult:
    """See :meth:`desktop.core.library.Library.search`."""
    counted = not as_you_type if counted is None else counted
    prepared = prepare(query)
    result = SearchResult(query, mode, 0, (), notice=prepared.notice, terms=prepared.words)
    if not prepared.text:
        return result
    names = entities.names
    kind = "article" if mode == "articles" else "passage"
    if mode == "passages" and prepared.is_question and sort == "relevance":
        total, hits = answers.answer(prepared.text, limit, index, names)
        return dataclasses.replace(result, total=total, hits=hits)
    text, problem = rewrite_entities(prepared.text, entities.ids_named)
    if problem and not result.notice:
        result = dataclasses.replace(result, notice=problem)
    text = expand_names(text, names)
    try:
        outcome = index.search(
            text,
            kind,
            limit,
            sort == "date",
            typed=prepared.text if as_you_type else None,
            counted=counted,
        )
    except QueryNotUnderstood:
        words = " ".join(prepared.words)
        outcome = index.search(words, kind, limit, sort == "date", counted=counted)
        result = dataclasses.replace(result, notice=UNREADABLE_NOTICE)
    if not outcome.complete and counted:  # a quick answer's counted search follows
        result = dataclasses.replace(result, notice=STOPPED_NOTICE)
    total = outcome.total
    if total == 0 and mode == "passages" and len(prepared.words) >= 3:
        total, hits = answers.answer(" ".join(prepared.words), limit, index, names)
        return dataclasses.replace(result, total=total, hits=hits)
    suggestion = None
    if total < 3 and not as_you_type:
        suggestion = index.suggest(prepared.text)
    return dataclasses.replace(
        result,
        total=total,
        hits=tuple(outcome.hits),
        suggestion=suggestion,
        facets=labelled_facets(outcome.facets, names),
        counted=counted,
    )
