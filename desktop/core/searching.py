"""One search as the user typed it: the query read, names and dates rewritten, the index
asked, and what went wrong said in plain words instead of raised.

A question goes to :mod:`desktop.core.answers` (in article mode, for the articles ranked by
their best passage); everything else to the
index, in the syntax :mod:`desktop.core.query` wrote (a query it cannot read is searched as
its plain words, with a notice).

The user's bookmark notes and tags are searched with the articles (:func:`with_notes`): an
article whose bookmark's note matches comes first, marked with that note, and opens at the
bookmark's passage; a query with a ``note:`` clause searches the notes only.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from desktop.core import answers
from desktop.core.alias_marks import named_in, names_pattern, with_alias_marks
from desktop.core.bookmarks.anchors import locate
from desktop.core.bookmarks.model import Anchor, AnchorStatus
from desktop.core.facets import labelled_facets
from desktop.core.index import SearchIndex
from desktop.core.library_entities import LibraryEntities
from desktop.core.model import Article, Hit, NoteMatch, SearchMode, SearchResult, SortOrder
from desktop.core.query import for_index, prepare
from desktop.core.query_notes import asks_notes, for_notes


class Notes(Protocol):
    """What searching asks of the user's notes (see :mod:`desktop.core.notes_search`)."""

    def search(self, text: str, limit: int) -> list[NoteMatch]: ...


NO_NOTES_NOTICE = "note: searches your bookmark notes, which this search cannot read."
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
    notes: Notes | None = None,
) -> SearchResult:
    """See :meth:`desktop.core.library.Library.search`; ``notes``: the user's notes,
    searched too (None: the articles only)."""
    counted = not as_you_type if counted is None else counted
    prepared = prepare(query)
    result = SearchResult(query, mode, 0, (), notice=prepared.notice, terms=prepared.words)
    if not prepared.text:
        return result
    if notes is None and asks_notes(prepared):
        return dataclasses.replace(result, notice=NO_NOTES_NOTICE)
    if notes is not None:
        notes_text, notes_notice = for_notes(prepared)
        matches = notes.search(notes_text, limit) if notes_text else []
        if asks_notes(prepared):  # note: searches the notes only
            found = dataclasses.replace(result, notice=result.notice or notes_notice)
            return with_notes(found, matches, index, limit, sort)
        if matches:
            found_articles = search(
                index,
                entities,
                query,
                mode=mode,
                limit=limit,
                sort=sort,
                as_you_type=as_you_type,
                counted=counted,
            )
            return with_notes(found_articles, matches, index, limit, sort)
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


def with_notes(
    result: SearchResult,
    matches: list[NoteMatch],
    index: SearchIndex,
    limit: int,
    sort: SortOrder = "relevance",
) -> SearchResult:
    """``result`` with the articles of the bookmarks whose notes matched: first (or by date),
    each marked with its best note and set to open at its bookmark's passage.

    An article already among the hits is marked, not repeated; one that is not is added, as
    the library has it now (a bookmark of an article that left the library is left out).
    In passage mode, each bookmarked passage is a hit of its own.
    """
    passages = result.mode == "passages"
    by_key = {(h.article_id, h.passage_id if passages else None): h for h in result.hits}
    noted: list[Hit] = []
    seen: set[tuple[str, str | None]] = set()
    added = 0
    for match in matches:
        article = index.article(match.article_id)
        if article is None:
            continue
        passage_id = _passage_now(article, match)
        key = (match.article_id, passage_id if passages else None)
        if key in seen:
            continue
        seen.add(key)
        hit = by_key.get(key)
        if hit is None:
            added += 1
            block = article.block(passage_id) if passage_id else None
            hit = Hit(
                article.id,
                article.title,
                article.date,
                article.source,
                match.score,
                match.snippet,
                passage_id,
                block.text if passages and block else None,
            )
        noted.append(dataclasses.replace(hit, note=match, passage_id=passage_id))
    if not noted:
        return result
    rest = [h for k, h in by_key.items() if k not in seen]
    hits = noted + rest
    if sort == "date":
        hits.sort(key=lambda h: -(h.date.sort_key() if h.date else 0))
    return dataclasses.replace(result, total=result.total + added, hits=tuple(hits[:limit]))


def _passage_now(article: Article, match: NoteMatch) -> str | None:
    """Where the bookmark's quote is in ``article`` now (its stored passage may be older)."""
    if article.block(match.passage_id) is not None:
        return match.passage_id
    anchor = Anchor(match.passage_id, match.quote, "", "", 0, len(match.quote))
    placement = locate(article, anchor)
    return None if placement.status is AnchorStatus.ORPHANED else placement.anchor.passage_id
