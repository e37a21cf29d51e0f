"""Discovery that reaches the whole library: the indexed articles that name an entity a
refresh has just discovered elsewhere, found by the index itself (a phrase search per name),
so that the library reads them again instead of scanning every article's text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.core.index import SearchIndex
from desktop.core.manifest import Entry
from desktop.core.model import Entity
from desktop.core.query import any_phrase

#: At most this many unchanged articles are read again in one refresh because they name an
#: entity it discovered; the rest are found by the next one that discovers nothing new.
RELINK_LIMIT = 2000
RELINK_NAMES_A_QUERY = 32
RELINK_NAMES = 20 * RELINK_NAMES_A_QUERY


def articles_naming(
    index: SearchIndex, manifest: Mapping[str, Entry], entities: Sequence[Entity]
) -> list[str]:
    """The files of indexed articles whose text names one of ``entities``, found by the
    index (a phrase search per name, a few names a query), at most RELINK_LIMIT."""
    names = sorted(
        {n for e in entities for n in (e.name, *e.aliases) if len(n) >= 3 and '"' not in n}
    )[:RELINK_NAMES]
    path_of = {e.article_id: p for p, e in manifest.items() if e.indexed}
    paths: dict[str, None] = {}
    for start in range(0, len(names), RELINK_NAMES_A_QUERY):
        batch = names[start : start + RELINK_NAMES_A_QUERY]
        query = any_phrase(batch)
        outcome = index.search(query, "article", RELINK_LIMIT, False, counted=False)
        paths.update(
            dict.fromkeys(path_of[h.article_id] for h in outcome.hits if h.article_id in path_of)
        )
        if len(paths) >= RELINK_LIMIT:
            break
    return list(paths)[:RELINK_LIMIT]
