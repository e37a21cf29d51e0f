"""Answering a question by pointing at a paragraph: re-ranking candidate passages.

A bag-of-words engine ranks a paragraph that merely repeats the question's words as high as the
one that answers it. The candidates the index found are therefore re-scored on features of what
an answer looks like, all general:

- coverage: the share of the question's content words (weighted by rarity) in the paragraph,
  where a word also counts when an alias of it is present (HKSTP / Hong Kong Science Park);
- focus: the same share within the paragraph's best sentence;
- proximity: how many of the question's adjacent word pairs stand together in the paragraph;
- answer type: a sentence of the paragraph holds what the question asks for: a date for
  *when*, a number for *how many*, a name for *who*, a list for *which/what* + plural noun.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.core.entities.graph import EntityGraph
from desktop.core.index import Candidate, SearchIndex, analyze, term_spans
from desktop.core.model import Hit
from desktop.core.query import QUESTION_STARTS
from desktop.core.text import sentence_spans

#: Words that shape a question but are not what it is about.
QUESTION_WORDS = QUESTION_STARTS | {"many", "much", "there", "had"}

WEIGHTS = {"coverage": 0.4, "focus": 0.35, "proximity": 0.1, "answer_type": 0.15}

_YEAR_OR_DATE = re.compile(
    r"\b(1[89]|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
    r"|\b(last|next|this) (year|month|week)\b|\byesterday\b|\btoday\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+")
_LIST = re.compile(r"\bsuch as\b|\binclud(e|es|ing)\b|,[^,]+,[^,]+(,| and )", re.IGNORECASE)
_PLACE = re.compile(r"\b(in|at|from|near) (the )?[A-Z]\w+")

Tokenize = Callable[[str], list[str]]
TermSpans = Callable[[str], Sequence[tuple[str, int, int]]]


@dataclass(frozen=True)
class Passage:
    """A candidate paragraph and the score the index gave it."""

    key: str
    text: str
    engine_score: float


def answer_type(question: str) -> str | None:
    """What kind of thing the question asks for, from its opening words.

    >>> [answer_type(q) for q in ["When did it open?", "How many companies came?",
    ...     "Who leads IDEA?", "Which programmes did it set up?", "What does it do?"]]
    ['date', 'number', 'name', 'list', None]
    """
    words = question.lower().rstrip("?").split()
    if not words:
        return None
    first, second = words[0], words[1] if len(words) > 1 else ""
    if first == "when" or (first in {"what", "which"} and second in {"year", "date", "month"}):
        return "date"
    if first == "how" and second in {"many", "much"}:
        return "number"
    if first in {"who", "whom", "whose"}:
        return "name"
    if first == "where":
        return "place"
    if (
        first in {"what", "which"}
        and len(second) > 3
        and second.endswith("s")
        and second not in {"does", "was", "has", "is"}
    ):
        return "list"
    return None


def _has_answer_type(sentence: str, kind: str | None, question: str) -> bool:
    if kind == "date":
        return bool(_YEAR_OR_DATE.search(sentence))
    if kind == "number":
        return bool(_NUMBER.search(sentence))
    if kind == "name":
        asked = question.casefold()
        return any(m.group(0).casefold() not in asked for m in _NAME.finditer(sentence))
    if kind == "place":
        return bool(_PLACE.search(sentence))
    if kind == "list":
        return bool(_LIST.search(sentence))
    return False


def content_terms(question: str, tokenize: Tokenize) -> list[str]:
    """The question's terms without its question words, in order, each once."""
    kept = [w for w in re.findall(r"\w+(?:[-&]\w+)*", question) if w.lower() not in QUESTION_WORDS]
    terms: list[str] = []
    for term in tokenize(" ".join(kept)):
        if term not in terms:
            terms.append(term)
    return terms


def rank(
    question: str,
    passages: Sequence[Passage],
    term_spans: TermSpans,
    document_frequency: Callable[[str], tuple[int, int]],
    aliases: Sequence[tuple[list[str], list[str]]] = (),
) -> list[tuple[Passage, float]]:
    """Re-score candidate passages for a question; best first.

    ``term_spans(text)`` gives each term of a text with its character span (the index's
    analyzer); ``document_frequency(term)`` returns (passages in the library, passages with
    the term);
    ``aliases`` pairs the terms of two names of one thing (either form satisfies the other).
    """
    terms = content_terms(question, lambda text: [t for t, _s, _e in term_spans(text)])
    if not terms or not passages:
        return [(p, p.engine_score) for p in passages]
    weights = {}
    for term in terms:
        total, df = document_frequency(term)
        weights[term] = math.log(1 + (total + 1) / (df + 0.5))
    weight_sum = sum(weights.values())
    pairs = list(itertools.pairwise(terms))
    kind = answer_type(question)
    top_engine = max(p.engine_score for p in passages) or 1.0

    def covered(found: set[str]) -> set[str]:
        for left, right in aliases:
            if set(right) <= found:
                found |= set(left)
            if set(left) <= found:
                found |= set(right)
        return found

    def coverage(found: set[str]) -> float:
        return sum(w for t, w in weights.items() if t in found) / weight_sum

    scored = []
    for passage in passages:
        spans = term_spans(passage.text)
        sequence = [term for term, _start, _end in spans]
        found = covered(set(sequence))
        bounds = sentence_spans(passage.text) or [(0, len(passage.text))]
        sentence_scores = [
            (coverage(covered({t for t, s, _e in spans if a <= s < b})), passage.text[a:b])
            for a, b in bounds
        ]
        focus, _best = max(sentence_scores)
        adjacent = set(itertools.pairwise(sequence))
        adjacent |= {(a, b) for a, b in zip(sequence, sequence[2:], strict=False)}
        proximity = sum(1 for pair in pairs if pair in adjacent) / len(pairs) if pairs else 0.0
        typed = any(
            _has_answer_type(s, kind, question) for c, s in sentence_scores if c >= focus * 0.6
        )
        score = (
            WEIGHTS["coverage"] * coverage(found)
            + WEIGHTS["focus"] * focus
            + WEIGHTS["proximity"] * proximity
            + WEIGHTS["answer_type"] * typed
            + 0.02 * passage.engine_score / top_engine
        )
        scored.append((passage, score))
    scored.sort(key=lambda ps: -ps[1])
    return scored


# -- from a question to its passages ---------------------------------------------------------

#: How many loosely matching passages the answer ranker re-scores.
ANSWER_POOL = 40
#: The candidate pool of a question is found with its rarest words only: common ones ("Hong",
#: "Kong") match half the library and add nothing the ranker would keep.
POOL_WORDS = 4
COMMON_SHARE = 0.05


def answer(
    question: str, limit: int, index: SearchIndex, names: EntityGraph
) -> tuple[int, tuple[Hit, ...]]:
    """The passages of ``index`` that answer ``question``, best first, with the question's
    words (and the aliases of the entities it names) marked; and how many matched loosely.

    The pool is found with the question's rarest words and the aliases of its entities, then
    re-ranked by :func:`rank`.
    """
    pairs = _alias_pairs(names, question)
    totals: dict[str, tuple[int, int]] = {}

    def frequency(term: str) -> tuple[int, int]:
        if term not in totals:
            count, frequencies = index.document_frequencies([term])
            totals[term] = (count, frequencies[term])
        return totals[term]

    content = [w for w in content_terms(question, lambda s: s.split()) if w.isalnum()]
    loose = " ".join(_rarest(content, frequency) + [" ".join(other) for _own, other in pairs])
    total, pool = index.candidates(loose or question, ANSWER_POOL)
    by_key = {_key(c): c for c in pool}
    ranked = rank(
        question, [Passage(_key(c), c.text, c.score) for c in pool], term_spans, frequency, pairs
    )
    wanted = set(content_terms(question, analyze))
    for own, other in pairs:
        if set(own) <= wanted:
            wanted |= set(other)
    hits = tuple(
        index.passage_hit(by_key[p.key], score, sorted(wanted)) for p, score in ranked[:limit]
    )
    return total, hits


def _alias_pairs(names: EntityGraph, text: str) -> list[tuple[list[str], list[str]]]:
    """For each entity named in the question, its name's terms and each alias's terms."""
    pairs = []
    for match in names.finder_for_queries().find(text):
        entity = names.entity(match.entity_id)
        if entity is None:
            continue
        own = analyze(match.text)
        for alias in (entity.name, *entity.aliases):
            other = analyze(alias)
            if own and other and other != own and alias.isascii():
                pairs.append((own, other))
    return pairs


def _rarest(words: list[str], frequency: Callable[[str], tuple[int, int]]) -> list[str]:
    """The words worth finding candidates with: the rare ones, at least three, at most six."""
    scored = []
    for word in words:
        stems = analyze(word)
        if stems:
            total, df = min(frequency(stem) for stem in stems)
            scored.append((df / max(total, 1), word))
    scored.sort()
    rare = [w for share, w in scored if share <= COMMON_SHARE]
    return (rare if len(rare) >= 3 else [w for _s, w in scored[:3]])[:POOL_WORDS]


def _key(candidate: Candidate) -> str:
    return f"{candidate.article_id}/{candidate.passage_id}"
