"""Marks for an article found through one of an entity's other names.

A search for "hkstp" also finds the articles that only say "Hong Kong Science Park" (the
entity's alias, matched by the ``entity:`` clause), but the index marks only the words typed,
so such a hit came back with an unmarked lead: nothing showed why it matched. Here the
entity's names are marked in the snippet, or, when the snippet does not contain one, the
snippet becomes the passage around the first paragraph that names it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from desktop.core.model import Article, Entity, Hit, Snippet

#: The longest run of query words tried as one entity name ("hong kong science park").
MAX_NAME_WORDS = 5
#: How many characters of context a rebuilt snippet keeps on each side of the name.
CONTEXT = 110


def named_in(words: Sequence[str], find: Callable[[str], Entity | None]) -> list[Entity]:
    """The entities the query's plain words name, longest runs first, each once."""
    found: dict[str, Entity] = {}
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            entity = find(" ".join(words[first : first + size]))
            if entity is not None:
                found.setdefault(entity.id, entity)
    return list(found.values())


def names_pattern(entities: Sequence[Entity]) -> re.Pattern[str] | None:
    """One pattern for every name and alias of ``entities``, whole words, any case.

    >>> names_pattern([Entity("hkstp", "HKSTP", "organization", ("Science Park",))]).pattern
    '(?<!\\\\w)(?:Science\\\\ Park|HKSTP)(?!\\\\w)'
    """
    names = {n for e in entities for n in (e.name, *e.aliases) if len(n.strip()) > 1}
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", re.I)


def _around(text: str, match: re.Match[str]) -> Snippet:
    start = max(0, match.start() - CONTEXT)
    end = min(len(text), match.end() + CONTEXT)
    if start > 0:
        start = text.find(" ", start, match.start()) + 1 or start
    if end < len(text):
        space = text.rfind(" ", match.end(), end)
        end = space if space > 0 else end
    lead = "… " if start > 0 else ""
    tail = " …" if end < len(text) else ""
    body = text[start:end]
    marks = tuple((len(lead) + m.start(), len(lead) + m.end()) for m in match.re.finditer(body))
    return Snippet(lead + body + tail, marks)


def with_alias_marks(
    hits: Sequence[Hit],
    pattern: re.Pattern[str] | None,
    article: Callable[[str], Article | None],
) -> tuple[Hit, ...]:
    """``hits`` where each unmarked snippet shows the entity name the hit was found by."""
    if pattern is None:
        return tuple(hits)
    out = []
    for hit in hits:
        if hit.snippet.marks:
            out.append(hit)
            continue
        marks = tuple((m.start(), m.end()) for m in pattern.finditer(hit.snippet.text))
        if marks:
            out.append(dataclasses.replace(hit, snippet=Snippet(hit.snippet.text, marks)))
            continue
        out.append(_from_article(hit, pattern, article))
    return tuple(out)


def _from_article(
    hit: Hit, pattern: re.Pattern[str], article: Callable[[str], Article | None]
) -> Hit:
    """The hit with its snippet taken around the first paragraph naming the entity."""
    found = article(hit.article_id)
    if found is None:
        return hit
    blocks = [b for b in found.blocks if b.id == hit.passage_id] if hit.passage_id else []
    for block in blocks or found.passages:
        match = pattern.search(block.text)
        if match is not None:
            return dataclasses.replace(hit, snippet=_around(block.text, match))
    return hit
