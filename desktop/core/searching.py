"""One search as the user typed it: the query read, names and dates rewritten, the index
asked, and what went wrong said in plain words instead of raised.

A question goes to :mod:`desktop.core.answers` (in article mode, for the articles ranked by
their best passage); everything else to the
index, in the syntax :mod:`desktop.core.query` wrote (a query it cannot read is searched as
its plain words, with a notice).
"""

from __future__ import annotations

import dataclasses

from desktop.core import answers
from desktop.core.alias_marks import named_in, names_pattern, with_alias_marks
from desktop.core.facets import labelled_facets
from desktop.core.index import SearchIndex
from desktop.core.library_entities import LibraryEntities
from desktop.core.model import SearchMode, SearchResult, SortOrder
from desktop.core.query import for_index, prepare

STOPPED_NOTICE = (
    "The search took too long and was stopped: there are at least as many matches as shown."
)


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
    if prepared.is_question and sort == "relevance":
        # In article mode, the articles ranked by their best passage, shown as the snippet.
        articles = mode == "articles"
        total, hits = answers.answer(prepared.text, limit, index, names, per_article=articles)
        if articles:
            hits = tuple(dataclasses.replace(hit, text=None) for hit in hits)
        return dataclasses.replace(result, total=total, hits=hits)
    text, problem = for_index(prepared, names, entities.ids_named, index.words_near)
    if problem and not result.notice:
        result = dataclasses.replace(result, notice=problem)
    outcome = index.search(
        text,
        kind,
        limit,
        sort == "date",
        typed=prepared.text if as_you_type else None,
        counted=counted,
    )
    if not outcome.complete and counted:  # a quick answer's counted search follows
        result = dataclasses.replace(result, notice=STOPPED_NOTICE, exact=False)
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
        hits=with_alias_marks(
            outcome.hits, names_pattern(named_in(prepared.words, names.find)), index.article
        ),
        suggestion=suggestion,
        facets=labelled_facets(outcome.facets, names),
        counted=counted,
    )
