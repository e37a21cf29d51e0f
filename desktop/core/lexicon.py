"""Related words, so that a question in other words than its page's still finds the page.

A question asks when a scheme was *set up*; the page says it was *established*. The table in
``resources/word_relations.tsv`` (derived from WordNet by ``tests/bench/build_word_relations.py``)
maps an index stem, or two, to related words, each with how it is related (words, not stems,
so that a question's candidates can be searched with them). A
related word is weaker evidence than the word itself, and some relations weaker than others:
the weights below say how much a related word counts for the question's own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.locations import resources_dir

#: How much a related word counts for the word itself, by relation: an inflection (*built* /
#: *build*), a synonym, a derivation (*valuation* / *valuate*), a similar adjective, a
#: hypernym, a word that has this one among its synonyms (but not the other way round).
RELATION_WEIGHTS = {"i": 0.9, "s": 0.7, "d": 0.7, "a": 0.5, "h": 0.35, "r": 0.5, "m": 0.4}

#: A question's stems -> for each, its alternatives: (stems that must all be present, weight).
Alternatives = dict[str, dict[tuple[str, ...], float]]
Analyze = Callable[[str], list[str]]


def bundled_path() -> Path:
    """The table shipped in ``resources/`` (beside ``seeds/``, as the knowledge base is)."""
    return resources_dir() / "word_relations.tsv"


@dataclass(frozen=True)
class Lexicon:
    """Stem (or two stems, space-separated) -> related words and their relation letters."""

    #: Each key's line of related words, as the table has it: read when first asked for.
    lines: Mapping[str, str]

    @classmethod
    def parse(cls, text: str) -> Lexicon:
        r"""Read the table's format: ``stems TAB word:relation ...`` (``_`` joins words).

        >>> Lexicon.parse("# a comment\nset up\testablish:s open_up:h\n").words("set up")
        (('establish', 's'), ('open up', 'h'))
        """
        lines = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                key, _tab, targets = line.partition("\t")
                lines[key] = targets
        return cls(lines)

    def words(self, key: str) -> tuple[tuple[str, str], ...]:
        """The words related to a stem (or two), most frequent senses first."""
        return _words(self.lines.get(key, ""))

    def alternatives(self, terms: Sequence[str], analyze: Analyze) -> Alternatives:
        r"""What may stand for each of the question's terms in a passage, and how much it counts.

        ``analyze`` turns a word into the index's stems. Two adjacent terms that form a phrase
        of the table (*set up*, *draw in*) get the phrase's related words too: *established*
        stands for *set* and for *up*.

        >>> lexicon = Lexicon.parse("spend\texpenditure:s\nset up\testablished:s\n")
        >>> lexicon.alternatives(["set", "up", "spend"], lambda w: [w[:5]])["up"]
        {('estab',): 0.7}
        """
        found: Alternatives = {term: {} for term in terms}
        for at, term in enumerate(terms):
            self._add(found, [term], term, analyze)
            if at + 1 < len(terms):
                self._add(found, [term, terms[at + 1]], f"{term} {terms[at + 1]}", analyze)
        return found

    def _add(self, found: Alternatives, owners: list[str], key: str, analyze: Analyze) -> None:
        for word, relation in self.words(key):
            stems = tuple(analyze(word))
            weight = RELATION_WEIGHTS.get(relation, 0.0)
            for owner in owners:
                if stems and owner not in stems and found[owner].get(stems, 0.0) < weight:
                    found[owner][stems] = weight


@functools.lru_cache(maxsize=4096)
def _words(line: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (word.replace("_", " "), relation)
        for word, _colon, relation in (target.rpartition(":") for target in line.split())
    )


@functools.cache
def load(path: Path) -> Lexicon:
    """The table at ``path``, read once per process (it is read-only package data). A table
    that cannot be read leaves questions answered by their own words only: an empty one.

    >>> load(Path("/nonexistent/word_relations.tsv")).lines
    {}
    """
    try:
        return Lexicon.parse(path.read_text("utf-8"))
    except (OSError, UnicodeError):
        return Lexicon({})
