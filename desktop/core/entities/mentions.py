"""Finding every mention of every known entity in a text, in one pass.

An Aho-Corasick automaton (pyahocorasick) holds every name and alias, so the cost does not grow
with the number of entities. Names are matched on word boundaries ("Or" is never found inside
"Organisation"); overlapping matches resolve to the longest ("Hong Kong Science Park", not
"Hong Kong"). Acronyms and names with capitals match case-sensitively ("IDEA" is not "ideas");
lower-case aliases and topics ignore case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from desktop.core.model import Entity
from desktop.core.text import is_cjk


def _is_case_sensitive(alias: str, entity: Entity) -> bool:
    """Acronym-like aliases always; otherwise names with capitals, except for topics.

    >>> topic = Entity("ai", "Big data", "topic")
    >>> _is_case_sensitive("Big data", topic), _is_case_sensitive("AI", topic)
    (False, True)
    """
    if any(c.isupper() for word in alias.split() for c in word[1:]):
        return True
    if alias.islower() or entity.type == "topic":
        return False
    return any(c.isupper() for c in alias)


#: The kind nouns that end a name and that writers often put in lower case: "the HKSAR
#: government", "the Startup SG Equity scheme" for the HKSAR Government and its scheme.
_HEAD_NOUNS = frozenset(
    "Government Administration Bureau Department Ministry Council Commission Committee "
    "Programme Program Scheme Fund Initiative Plan Strategy Project".split()
)


def _lower_case_head(alias: str) -> str | None:
    """The alias with its last word, a kind noun, in lower case; None when it has none.

    >>> _lower_case_head("HKSAR Government"), _lower_case_head("Government")
    ('HKSAR government', None)
    >>> _lower_case_head("Hong Kong Fund"), _lower_case_head("Global Fund")
    ('Hong Kong fund', None)
    """
    head, space, last = alias.rpartition(" ")
    if not space or last not in _HEAD_NOUNS or not any(c.isupper() for c in head):
        return None
    if " " not in head and sum(c.isupper() or c.isdigit() for c in head) < 2:
        return None  # "China Fund": "a China fund" is any fund; "Global fund flows" none
    return f"{head} {last.lower()}"


#: What a text may write after a known name that is still its name: a place's kind
#: ("Guangdong province"), a company's own legal form, abbreviated or not ("Hong Kong Science
#: and Technology Parks Corp" of the "... Parks Corporation"), by the form its name ends with.
_PLACE_TAIL = re.compile(r"\s+(?i:province|district|county|prefecture)(?![\w-])")
_LEGAL_TAILS = {
    "Corporation": re.compile(r"\s+(?:Corp\.?|Corporation)(?![\w&@-])"),
    "Company": re.compile(r"\s+(?:Co\.?|Company)(?![\w&@-])"),
    "Limited": re.compile(r",?\s+(?:Ltd\.?|Limited)(?![\w&@-])"),
}


def _tail(entity: Entity) -> re.Pattern[str] | None:
    """The tail `_with_tail` may add to a mention of the entity."""
    if entity.type == "place":
        return _PLACE_TAIL
    if entity.type == "organisation":
        return _LEGAL_TAILS.get(entity.name.rpartition(" ")[2])
    return None


@dataclass(frozen=True)
class Match:
    """An entity named at ``start:end`` of the text."""

    entity_id: str
    start: int
    end: int
    text: str
    #: Whether the match took a tail the name does not have (`_TAILS`): a name spelt so
    #: exactly, another entity's, is the surer match.
    tailed: bool = False


def _lower(text: str) -> str:
    """Lower-case without changing the length (so offsets stay valid): the whole string at
    once when that keeps its length, as nearly every text does ("İ" is the exception)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class MentionFinder:
    """Every name and alias of a set of entities, ready to scan texts."""

    def __init__(self, entities: Iterable[Entity], for_queries: bool = False) -> None:
        """Index every name and alias.

        ``for_queries``: people type queries in lower case, so multi-word and CJK names match
        ignoring case there; single words stay case-sensitive ("or" is not Eric Or).
        """
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        self._size = 0
        for entity in entities:
            for alias in {entity.name, *entity.aliases}:
                alias = alias.strip()
                if len(alias) < 2:
                    continue
                sensitive = _is_case_sensitive(alias, entity)
                if for_queries:
                    acronym = len(alias) >= 3 and alias.isupper() and alias.isalpha()
                    multiword_or_cjk = " " in alias or any(map(is_cjk, alias))
                    sensitive = sensitive and not (acronym or multiword_or_cjk)
                tail = None if for_queries else _tail(entity)
                if sensitive:
                    self._exact.add_word(alias, (entity.id, len(alias), tail))
                    if (variant := _lower_case_head(alias)) is not None:
                        self._exact.add_word(variant, (entity.id, len(variant), tail))
                else:
                    self._folded.add_word(_lower(alias), (entity.id, len(alias), tail))
                self._size += 1
        for automaton in (self._exact, self._folded):
            if len(automaton):
                automaton.make_automaton()

    def __len__(self) -> int:
        return self._size

    def find(self, text: str) -> list[Match]:
        """Mentions in ``text``, left to right, longest first where they overlap.

        >>> finder = MentionFinder([Entity("or", "Eric Or", "person", ("Or",)),
        ...     Entity("hk", "Hong Kong", "place"), Entity("hkstp", "HKSTP", "organisation",
        ...     ("Hong Kong Science Park",))])
        >>> [m.text for m in finder.find("Or met the Organisation at Hong Kong Science Park.")]
        ['Or', 'Hong Kong Science Park']
        """
        return choose(self.candidates(text))

    def candidates(self, text: str) -> list[Match]:
        """Every name found in ``text``, overlapping ones included (see :func:`choose`)."""
        found: list[Match] = []
        for automaton, haystack in ((self._exact, text), (self._folded, _lower(text))):
            if not len(automaton):
                continue
            for end_index, (entity_id, length, tail) in automaton.iter(haystack):
                start, end = end_index - length + 1, end_index + 1
                if _on_boundaries(text, start, end):
                    whole = _with_tail(text, end, tail)
                    found.append(Match(entity_id, start, whole, text[start:whole], whole > end))
        return found


def _with_tail(text: str, end: int, tail: re.Pattern[str] | None) -> int:
    """Where a mention ends with the tail the text adds to the name (see `_tail`), so that
    the article's own spelling of the name is the mention's.

    >>> text = "Nansha district of Guangzhou"
    >>> text[: _with_tail(text, 6, _PLACE_TAIL)], text[: _with_tail(text, 6, None)]
    ('Nansha district', 'Nansha')
    """
    found = tail.match(text, end) if tail else None
    return found.end() if found else end


def choose(candidates: Iterable[Match]) -> list[Match]:
    """The mentions among overlapping candidates: left to right, the longest where they
    overlap, an exact spelling before one with a tail. Candidates of several finders may be
    chosen among together (a library's entities and one article's new ones), as if one
    finder held them all."""
    chosen: list[Match] = []
    for match in sorted(candidates, key=lambda m: (m.start, -(m.end - m.start), m.tailed)):
        if chosen and match.start < chosen[-1].end:
            continue
        chosen.append(match)
    return chosen


def _on_boundaries(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    if not is_cjk(first) and (before.isalnum() or before == "_"):
        return False
    return is_cjk(last) or not (after.isalnum() or after == "_")
