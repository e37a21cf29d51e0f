"""Answering a question by pointing at a paragraph: re-ranking candidate passages.

A bag-of-words engine ranks a paragraph that merely repeats the question's words as high as the
one that answers it. The candidates the index found are therefore re-scored on features of what
an answer looks like, all general:

- coverage: the share of the question's content words (weighted by rarity) in the paragraph,
  where a word also counts when an alias of it is present (HKSTP / Hong Kong Science Park), in
  part when a related word is (*set up* / *established*, from :mod:`desktop.core.lexicon`), and
  in part when the question refers to a thing by its kind ("the city", "the sandbox") and the
  paragraph names a thing of that kind;
- focus: the same share within the paragraph's best sentence;
- proximity: how many of the question's adjacent word pairs stand together in the paragraph;
- answer type: a sentence of the paragraph holds what the question asks for (a date for
  *when*, a count for *how many*, a name for *who*: :mod:`desktop.core.answer_types`).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from desktop.core.answer_types import COUNT, KIND_NOUNS, answer_type, has_answer_type, singular
from desktop.core.entities.graph import EntityGraph
from desktop.core.index import Candidate, SearchIndex, analyze, term_spans
from desktop.core.lexicon import Alternatives, Lexicon, bundled_path, load
from desktop.core.model import Hit
from desktop.core.query import QUESTION_STARTS, plain_query
from desktop.core.text import sentence_spans

#: Words that shape a question but are not what it is about.
QUESTION_WORDS = QUESTION_STARTS | {
    "many", "much", "there", "had", "kind", "kinds", "type", "types", "sort", "sorts",
}  # fmt: skip

WEIGHTS = {"coverage": 0.4, "focus": 0.35, "proximity": 0.1, "answer_type": 0.2}
#: The index's own score breaks near ties.
ENGINE_WEIGHT = 0.02
#: A related word found anywhere in a long paragraph is weaker evidence than in one sentence.
RELATED_IN_PARAGRAPH = 0.5
#: How much a thing of the kind the question names counts for the word naming the kind, and
#: a thing whose name has that word.
KIND_CREDIT = 0.6
NAMED_KIND_CREDIT = 0.8

Tokenize = Callable[[str], list[str]]
TermSpans = Callable[[str], Sequence[tuple[str, int, int]]]
#: Names found in a text: (entity type, stems of the entity's names, start, end).
Named = tuple[str, frozenset[str], int, int]
FindNames = Callable[[str], Sequence[Named]]


@dataclass(frozen=True)
class Passage:
    """A candidate paragraph and the score the index gave it."""

    key: str
    text: str
    engine_score: float


def content_terms(question: str, tokenize: Tokenize) -> list[str]:
    """The question's terms without its question words, in order, each once."""
    kept = [w for w in re.findall(r"\w+(?:[-&]\w+)*", question) if w.lower() not in QUESTION_WORDS]
    terms: list[str] = []
    for term in tokenize(" ".join(kept)):
        if term not in terms:
            terms.append(term)
    return terms


#: A thing referred to: a determiner, then its noun or an adjective and its noun.
_REFERENCE = re.compile(r"\b(?:the|its|their|this|that)\s+([\w'’-]+)(?:\s+([\w'’-]+))?")


def kind_references(question: str, tokenize: Tokenize) -> dict[str, tuple[str, str]]:
    """The question's terms that refer to a thing by its kind: term -> (entity type, noun).

    >>> kind_references("How many firms has the park nurtured in the city's new zone?", str.split)
    {'park': ('initiative', 'park'), 'city': ('place', 'city')}
    >>> kind_references("What did its new sandbox test?", str.split)
    {'sandbox': ('initiative', 'sandbox')}
    """
    found = {}
    for match in _REFERENCE.finditer(question):
        for word in match.groups():
            noun = singular((word or "").lower())
            kind = next((t for t, nouns in KIND_NOUNS.items() if noun in nouns), None)
            if kind:
                for term in tokenize(noun):
                    found[term] = (kind, noun)
                break
    return found


#: How much the two words of a compound the library does not know count for it.
COMPOUND_CREDIT = 0.8


def compounds(
    question: str, tokenize: Tokenize, frequency: Callable[[str], tuple[int, int]]
) -> dict[str, tuple[str, str]]:
    """Words of the question the library lacks, split into two it has (the most common pair):
    *workspaces* -> *work* + *spaces*. Term of the word -> the two words.

    >>> known = {"work": 9, "space": 5, "spac": 0, "ork": 0, "works": 9, "paces": 3}
    >>> compounds("How many workspaces?", lambda w: [w.lower().removesuffix("s")],
    ...     lambda t: (100, known.get(t, 0)))
    {'workspace': ('work', 'spaces')}
    """
    found = {}
    for word in re.findall(r"[^\W\d_]{6,}", question):
        terms = tokenize(word)
        if len(terms) != 1 or frequency(terms[0])[1] > 0 or word.lower() in QUESTION_WORDS:
            continue
        best: tuple[int, str, str] | None = None
        for cut in range(3, len(word) - 2):
            left, right = word[:cut], word[cut:]
            stems = tokenize(left) + tokenize(right)
            if len(stems) == 2:
                shared = min(frequency(stems[0])[1], frequency(stems[1])[1])
                if shared and (best is None or shared > best[0]):
                    best = (shared, left, right)
        if best:
            found[terms[0]] = (best[1], best[2])
    return found


@dataclass
class Question:
    """What the ranker needs of a question, worked out once for all its candidates.

    Attributes:
        terms: its content terms, in order; ``weights``: how rare each is.
        kind: what it asks for (:func:`answer_type`).
        related: for each term, the stems that may stand for it, strongest first, and how much
            they count (related words, a compound's parts).
        kinds: its terms that refer to a thing by its kind: term -> (entity type, noun).
        aliases: the terms of two names of one thing (either form satisfies the other).
        counted: the stems a number must be followed by to count what *how many* counts.
    """

    text: str
    terms: list[str]
    weights: dict[str, float]
    kind: str | None
    related: Alternatives = field(default_factory=dict)
    kinds: dict[str, tuple[str, str]] = field(default_factory=dict)
    aliases: Sequence[tuple[list[str], list[str]]] = ()
    counted: frozenset[str] = frozenset()

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """Adjacent terms, which an answer often has together too."""
        return list(itertools.pairwise(self.terms))

    def with_aliases(self, found: set[str]) -> set[str]:
        """``found`` and the terms of each name an alias in it stands for."""
        for left, right in self.aliases:
            if set(right) <= found:
                found |= set(left)
            if set(left) <= found:
                found |= set(right)
        return found

    def credit(self, term: str, found: set[str], named: Sequence[Named], related: float) -> float:
        """How much of ``term`` a text with the terms ``found`` and the names ``named`` has."""
        if term in found:
            return 1.0
        best = 0.0
        for stems, weight in self.related.get(term, {}).items():  # strongest first
            if all(stem in found for stem in stems):
                best = weight * related
                break
        if term in self.kinds:
            entity_type = self.kinds[term][0]
            for name_type, name_terms, _start, _end in named:
                if term in name_terms:  # "the sandbox": the Fintech Supervisory Sandbox (FSS)
                    return max(best, NAMED_KIND_CREDIT)
                if name_type == entity_type:  # "the city": Hong Kong
                    best = max(best, KIND_CREDIT)
        return best

    def coverage(self, found: set[str], named: Sequence[Named], related: float = 1.0) -> float:
        """The rarity-weighted share of the question's terms a text has (``related``: how much
        related words count, against what the lexicon says)."""
        had = sum(w * self.credit(t, found, named, related) for t, w in self.weights.items())
        return had / (sum(self.weights.values()) or 1.0)


_TYPE_LETTERS = {"person": "p", "organisation": "o", "place": "l", "initiative": "i", "topic": "t"}


def prepare(
    question: str,
    term_spans: TermSpans,
    document_frequency: Callable[[str], tuple[int, int]],
    aliases: Sequence[tuple[list[str], list[str]]] = (),
    lexicon: Lexicon | None = None,
    present: set[str] | None = None,
) -> Question:
    """The question's terms, their rarity, what it asks for and what may stand for its words
    (of those, only the ones whose terms are all ``present``, when given: the candidates')."""
    tokenize: Tokenize = lambda text: [t for t, _s, _e in term_spans(text)]  # noqa: E731
    terms = content_terms(question, tokenize)
    weights = {}
    for term in terms:
        total, df = document_frequency(term)
        weights[term] = math.log(1 + (total + 1) / (df + 0.5))
    related = lexicon.alternatives(terms, tokenize) if lexicon else {term: {} for term in terms}
    for term, (left, right) in compounds(question, tokenize, document_frequency).items():
        if term in related:
            related[term][(*tokenize(left), *tokenize(right))] = COMPOUND_CREDIT

    def rarity(stems: tuple[str, ...]) -> float:
        total, df = min(document_frequency(stem) for stem in stems)
        return math.log(1 + (total + 1) / (df + 0.5))

    if present is not None:
        related = {
            term: {stems: w for stems, w in alternatives.items() if present.issuperset(stems)}
            for term, alternatives in related.items()
        }
    # A word the library lacks ("workspaces") is worth what stands in for it ("work spaces"):
    # its own rarity, the highest there is, would make any stand-in look weak beside it.
    for term, alternatives in related.items():
        if alternatives and document_frequency(term)[1] == 0:
            weights[term] = max(rarity(stems) for stems in alternatives)
    # A related word is no better evidence than it is rare: *place* for *set* says little.
    for term, alternatives in related.items():
        scaled = [
            (weight * min(1.0, rarity(stems) / weights[term]), stems)
            for stems, weight in alternatives.items()
        ]
        related[term] = {stems: weight for weight, stems in sorted(scaled, reverse=True)}
    return Question(
        text=question,
        terms=terms,
        weights=weights,
        kind=answer_type(question),
        related=related,
        kinds=kind_references(question, tokenize),
        aliases=aliases,
        counted=_counted(question, tokenize, related),
    )


def counted_noun(question: str) -> str | None:
    """The noun a *how many* question counts.

    >>> [counted_noun(q) for q in ["How many young tech firms ask?", "How many came?",
    ...     "How many people does it hire?"]]
    ['firms', None, 'people']
    """
    match = re.match(r"\s*how many\s+(.*)", question, re.IGNORECASE)
    if not match:
        return None
    words = re.findall(r"[\w'’-]+", match.group(1))[:4]
    nouns = [w for w in words if _is_plural(w) and w.lower() not in {"does", "was", "has"}]
    return nouns[0] if nouns else None


def _counted(question: str, tokenize: Tokenize, related: Alternatives) -> frozenset[str]:
    """The stems of the counted noun and of the words that may stand for it."""
    noun = counted_noun(question)
    stems = tokenize(noun) if noun else []
    if not stems:
        return frozenset()
    head = stems[-1]
    return frozenset({head, *(alternative[-1] for alternative in related.get(head, {}))})


#: How much a bare number answers a *how many* question, against a count of its noun.
BARE_COUNT = 0.6
#: A count's noun follows it within this many terms ("800 to 1,000 ICT startup firms").
COUNT_REACH = 5


#: Plurals without an "s" that a count may come before ("300 people", "50 staff").
_IRREGULAR_PLURALS = frozenset({"people", "staff", "children", "alumni", "men", "women"})


def _is_plural(word: str) -> bool:
    word = word.lower().strip('.,;:!?)”"')
    return word in _IRREGULAR_PLURALS or (len(word) > 3 and word.endswith("s"))


def _counts(question: Question, text: str, spans: Sequence[tuple[str, int, int]]) -> bool:
    """Whether ``text`` counts what the question counts: a number, then its noun in the
    plural (a number before a singular is a name or a size: "the 708090 co-working space")."""
    for match in COUNT.finditer(text):
        one = match.group(0).lower() in {"1", "one"}
        after = [(t, s, e) for t, s, e in spans if s >= match.end()][:COUNT_REACH]
        if any(
            term in question.counted and (one or _is_plural(text[start:end]))
            for term, start, end in after
        ):
            return True
    return False


def features(
    question: Question, passage: Passage, term_spans: TermSpans, named: Sequence[Named] = ()
) -> dict[str, float]:
    """The ranker's features of one passage for one question, each between 0 and 1."""
    spans = term_spans(passage.text)
    sequence = [term for term, _start, _end in spans]
    bounds = sentence_spans(passage.text) or [(0, len(passage.text))]
    sentences = []
    counts = []
    for a, b in bounds:
        terms = [t for t, s, _e in spans if a <= s < b]
        names = [n for n in named if a <= n[2] < b]
        asked = set(question.terms)
        # A name the question gives is not its answer ("Who leads HKSTP?" is not "HKSTP").
        letters = "".join(_TYPE_LETTERS.get(n[0], "") for n in names if not set(n[1]) <= asked)
        share = question.coverage(question.with_aliases(set(terms)), names)
        sentences.append((share, passage.text[a:b], letters))
        if question.counted:
            local = [(t, s - a, e - a) for t, s, e in spans if a <= s < b]
            counts.append(_counts(question, passage.text[a:b], local))
    focus = max(c for c, _s, _n in sentences)
    adjacent = set(itertools.pairwise(sequence))
    adjacent |= {(a, b) for a, b in zip(sequence, sequence[2:], strict=False)}
    pairs = question.pairs
    # The answer is in a sentence about the question: graded by how much that one is.
    typed = max(
        (
            c * (1.0 if not counts or counts[i] else BARE_COUNT)
            for i, (c, s, n) in enumerate(sentences)
            if has_answer_type(s, question.kind, question.text, n)
        ),
        default=0.0,
    )
    return {
        "coverage": _window_coverage(question, bounds, spans, named),
        "focus": focus,
        "proximity": sum(1 for p in pairs if p in adjacent) / len(pairs) if pairs else 0.0,
        "answer_type": typed / focus if focus else 0.0,
    }


#: Coverage is read over this many sentences at most: a long paragraph has many words, and
#: the question's may be scattered over it by chance.
WINDOW = 3


def _window_coverage(
    question: Question,
    bounds: Sequence[tuple[int, int]],
    spans: Sequence[tuple[str, int, int]],
    named: Sequence[Named],
) -> float:
    """The best coverage of the question by ``WINDOW`` consecutive sentences."""
    best = 0.0
    for first in range(max(1, len(bounds) - WINDOW + 1)):
        a, b = bounds[first][0], bounds[min(first + WINDOW, len(bounds)) - 1][1]
        terms = [t for t, s, _e in spans if a <= s < b]
        names = [n for n in named if a <= n[2] < b]
        share = question.coverage(question.with_aliases(set(terms)), names, RELATED_IN_PARAGRAPH)
        best = max(best, share)
    return best


def rank(
    question: str,
    passages: Sequence[Passage],
    term_spans: TermSpans,
    document_frequency: Callable[[str], tuple[int, int]],
    aliases: Sequence[tuple[list[str], list[str]]] = (),
    lexicon: Lexicon | None = None,
    find_names: FindNames | None = None,
) -> list[tuple[Passage, float]]:
    """Re-score candidate passages for a question; best first.

    ``term_spans(text)`` gives each term of a text with its character span (the index's
    analyzer); ``document_frequency(term)`` returns (passages in the library, passages with
    the term);
    ``aliases`` pairs the terms of two names of one thing (either form satisfies the other);
    ``lexicon`` relates words to others that may stand for them; ``find_names(text)`` finds
    the names of known entities in a text.
    """
    present = {t for p in passages for t, _s, _e in term_spans(p.text)}
    prepared = prepare(question, term_spans, document_frequency, aliases, lexicon, present)
    if not prepared.terms or not passages:
        return [(p, p.engine_score) for p in passages]
    top_engine = max(p.engine_score for p in passages) or 1.0
    scored = []
    for passage in passages:
        named = find_names(passage.text) if find_names else ()
        values = features(prepared, passage, term_spans, named)
        score = sum(WEIGHTS[name] * value for name, value in values.items())
        scored.append((passage, score + ENGINE_WEIGHT * passage.engine_score / top_engine))
    scored.sort(key=lambda ps: -ps[1])
    return scored


# -- from a question to its passages ---------------------------------------------------------

#: How many loosely matching passages the answer ranker re-scores.
ANSWER_POOL = 40
#: The candidate pool of a question is found with its rarest words only: common ones ("Hong",
#: "Kong") match half the library and add nothing the ranker would keep.
POOL_WORDS = 4
COMMON_SHARE = 0.05
#: Related words a question's pool is also found with, at most, each at this boost.
POOL_RELATED = 8
POOL_RELATED_EACH = 2
#: How many of a word's related words are looked at for those (the most frequent senses').
POOL_RELATED_READ = 10
POOL_RELATED_BOOST = 0.5
#: Words that say little of what a question is about: their related words would find
#: anything (they still count as themselves: "currently" may be the page's word too).
LIGHT_WORDS = frozenset(
    "most more less least far so own other others new one ones make made get got take took "
    "also just only very much many some any each every all both same such there here now "
    "then still even well way thing things kind kinds type types sort lot part put set go "
    "come give use used behind after before into over under about above across against "
    "along among around between beyond during through toward towards upon within without "
    "up down out off usually currently already often always never ever again alone".split()
)


def answer(
    question: str,
    limit: int,
    index: SearchIndex,
    names: EntityGraph,
    lexicon: Lexicon | None = None,
    per_article: bool = False,
) -> tuple[int, tuple[Hit, ...]]:
    """The passages of ``index`` that answer ``question``, best first, with the question's
    words (and the aliases of the entities it names) marked; and how many matched loosely.
    ``per_article``: the best passage of each article only, and how many articles have one
    (a question asked in article mode lists the articles ranked by their best passage).

    The pool is found with the question's rarest words, the aliases of its entities and words
    related to its own (``lexicon``, the bundled table by default), then re-ranked by
    :func:`rank`.
    """
    lexicon = lexicon or load(bundled_path())
    pairs = _alias_pairs(names, question)
    frequency = _frequencies(index)
    loose = pool_query(question, pairs, lexicon, frequency)
    total, pool = index.candidates(loose, ANSWER_POOL)
    by_key = {_key(c): c for c in pool}
    ranked = rank(
        question,
        [Passage(_key(c), c.text, c.score) for c in pool],
        term_spans,
        frequency,
        pairs,
        lexicon,
        name_finder(names),
    )
    wanted = set(content_terms(question, analyze))
    for own, other in pairs:
        if set(own) <= wanted:
            wanted |= set(other)
    if per_article:
        best: dict[str, tuple[Passage, float]] = {}
        for passage, score in ranked:
            best.setdefault(by_key[passage.key].article_id, (passage, score))
        ranked, total = list(best.values()), len(best)
    hits = tuple(
        index.passage_hit(by_key[p.key], score, sorted(wanted)) for p, score in ranked[:limit]
    )
    return total, hits


def _frequencies(index: SearchIndex) -> Callable[[str], tuple[int, int]]:
    """A memoised (passages, passages with the term) for one question."""
    totals: dict[str, tuple[int, int]] = {}

    def frequency(term: str) -> tuple[int, int]:
        if term not in totals:
            count, frequencies = index.document_frequencies([term])
            totals[term] = (count, frequencies[term])
        return totals[term]

    return frequency


def pool_query(
    question: str,
    pairs: Sequence[tuple[list[str], list[str]]],
    lexicon: Lexicon,
    frequency: Callable[[str], tuple[int, int]],
) -> str:
    """The loose query a question's candidates are found with."""
    content = [w for w in content_terms(question, lambda s: s.split()) if w.isalnum()]
    extra = _related_words(question, lexicon, frequency)
    extra += [w for pair in compounds(question, analyze, frequency).values() for w in pair]
    words = _rarest(content, frequency) + [" ".join(other) for _own, other in pairs] + extra
    return plain_query(words or [question])


def name_finder(names: EntityGraph) -> FindNames:
    """The names of the graph's entities in a text, with their type and their names' stems."""
    finder = names.finder_for_queries()
    stems: dict[str, frozenset[str]] = {}

    def find(text: str) -> list[Named]:
        found: list[Named] = []
        for match in finder.find(text):
            entity = names.entity(match.entity_id)
            if entity is None:
                continue
            if entity.id not in stems:
                forms = (entity.name, *entity.aliases)
                stems[entity.id] = frozenset(t for form in forms for t in analyze(form))
            found.append((entity.type, stems[entity.id], match.start, match.end))
        return found

    return find


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


def _related_words(
    question: str, lexicon: Lexicon, frequency: Callable[[str], tuple[int, int]]
) -> list[str]:
    """Words related to the question's (the first few of each that the library has, not too
    common ones), boosted below the question's own."""
    words = [w.lower() for w in re.findall(r"\w+(?:[-&]\w+)*", question)]
    words = [w for w in words if w not in QUESTION_WORDS]
    terms = [" ".join(analyze(w)) for w in words]
    keys = [t for w, t in zip(words, terms, strict=True) if t and w not in LIGHT_WORDS]
    keys += [f"{a} {b}" for a, b in itertools.pairwise(terms) if a and b]
    chosen: list[str] = []
    for key in keys:
        taken = 0
        for word, _relation in lexicon.words(key)[:POOL_RELATED_READ]:
            stems = analyze(word)
            if taken == POOL_RELATED_EACH or len(stems) != 1 or word in chosen:
                continue
            total, df = frequency(stems[0])
            if 0 < df <= COMMON_SHARE * total:
                chosen.append(word)
                taken += 1
    return [f"{w}^{POOL_RELATED_BOOST}" for w in chosen[:POOL_RELATED]]


def _key(candidate: Candidate) -> str:
    return f"{candidate.article_id}/{candidate.passage_id}"
