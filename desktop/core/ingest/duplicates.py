"""Recognising the same article twice: exact copies and near-duplicates, on the clean text.

The same article imported under two names, or syndicated by another site with its own chrome,
a different first line or a "Read more" tail, should be shown once. Two articles about the same
event from different writers should not: they share names and phrases, but few runs of five
words in a row.

How (Broder's resemblance on word shingles, sampled "mod m"):

- the clean text is folded (case, accents, quotes) and split into words, each CJK character a
  word; a *shingle* is a run of :data:`SHINGLE_WORDS` words, hashed to 32 bits;
- a long text keeps only the shingle hashes divisible by :data:`SAMPLE_MODULUS` (a uniform
  sample: two copies sample the same shingles); a short one keeps them all;
- two texts are near-duplicates when the smaller shares at least :data:`MIN_CONTAINMENT` of its
  shingles with the larger, and the two are of comparable length (:data:`MIN_LENGTH_RATIO`),
  so a short press release quoted inside a long feature is not a copy of it;
- candidates come from an inverted index of the sampled hashes, so the work grows with the
  library, not with its square.

A fingerprint is plain data (:meth:`Fingerprint.to_json`), so a library can keep it beside each
article and compare new files without re-reading old ones.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from desktop.core.text import fold

K = TypeVar("K", bound=Hashable)

#: Words per shingle: long enough that articles on one topic rarely share a run.
SHINGLE_WORDS = 5
#: Long texts keep the shingles whose hash is divisible by this (about a quarter of them).
SAMPLE_MODULUS = 4
#: Texts with fewer distinct shingles than this keep every shingle (a sample would be noise).
FULL_BELOW = 80
#: Share of the smaller text's shingles found in the other for the two to be duplicates.
MIN_CONTAINMENT = 0.7
#: The shorter text has at least this share of the longer one's shingles.
MIN_LENGTH_RATIO = 0.5
#: Fewer shared sample hashes than this is never a near-duplicate (too little evidence).
MIN_SHARED = 4
#: Sample hashes shared by more originals than this are too common to find candidates with.
MAX_POSTING = 1000

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[^\W_]+")


def words(text: str) -> list[str]:
    """The folded words of a text, each CJK character one word.

    >>> words("HKSTP’s new 香港科技園 Lab!")
    ['hkstp', 's', 'new', '香', '港', '科', '技', '園', 'lab']
    """
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection keeps of a text.

    Attributes:
        exact: a hash of the folded words: equal for texts that differ only in spacing, case,
            accents or punctuation.
        hashes: the shingle hashes kept (all of them when ``full``, else a mod-m sample).
        size: how many distinct shingles the whole text has.
        full: whether ``hashes`` holds every shingle.
    """

    exact: str
    hashes: frozenset[int]
    size: int
    full: bool

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (for a manifest)."""
        return {
            "exact": self.exact,
            "hashes": sorted(self.hashes),
            "size": self.size,
            "full": self.full,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fingerprint:
        """The inverse of :meth:`to_json`."""
        return cls(data["exact"], frozenset(data["hashes"]), data["size"], data["full"])


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of a clean text (title and paragraphs, as ``Article.plain_text()``)."""
    tokens = words(text)
    exact = hashlib.blake2b(" ".join(tokens).encode(), digest_size=12).hexdigest()
    width = min(SHINGLE_WORDS, len(tokens))
    shingles = (
        {
            zlib.crc32(" ".join(tokens[i : i + width]).encode())
            for i in range(len(tokens) - width + 1)
        }
        if tokens
        else set()
    )
    if len(shingles) < FULL_BELOW:
        return Fingerprint(exact, frozenset(shingles), len(shingles), True)
    sample = frozenset(h for h in shingles if h % SAMPLE_MODULUS == 0)
    return Fingerprint(exact, sample, len(shingles), False)


def _comparable(a: Fingerprint, b: Fingerprint) -> tuple[frozenset[int], frozenset[int]]:
    """Both hash sets on the same footing: a full set restricted to the sample is the sample."""
    if a.full and b.full:
        return a.hashes, b.hashes
    return (
        frozenset(h for h in a.hashes if h % SAMPLE_MODULUS == 0),
        frozenset(h for h in b.hashes if h % SAMPLE_MODULUS == 0),
    )


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """The share of the smaller text's shingles that the other text also has (0 to 1).

    >>> story = "The corporation opened a robotics hub for thirty start-ups on Tuesday."
    >>> containment(fingerprint(story), fingerprint("Breaking: " + story))
    1.0
    """
    first, second = _comparable(a, b)
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def is_near_duplicate(a: Fingerprint, b: Fingerprint) -> bool:
    """True for the same text twice, or one text with small changes (chrome, a changed line)."""
    if a.exact == b.exact:
        return True
    if min(a.size, b.size) < MIN_LENGTH_RATIO * max(a.size, b.size):
        return False
    first, second = _comparable(a, b)
    return len(first & second) >= MIN_SHARED and containment(a, b) >= MIN_CONTAINMENT


class DuplicateFinder(Generic[K]):
    """Incremental detection: add texts one by one; each is told which earlier one it copies.

    The first text of a group is its original; later copies point to it (a copy of a copy
    points to the same original), and only originals are indexed.
    """

    def __init__(self) -> None:
        self._exact: dict[str, K] = {}
        self._prints: dict[K, Fingerprint] = {}
        self._postings: dict[int, list[K]] = {}

    def add(self, key: K, print_: Fingerprint) -> K | None:
        """Record ``key``; return the key of the original it duplicates, or None."""
        original = self._exact.get(print_.exact)
        if original is None:
            original = self._near(print_)
        if original is not None:
            return original
        self.remember(key, print_)
        return None

    def remember(self, key: K, print_: Fingerprint) -> None:
        """Record an original already known to be one, without comparing it to the others
        (a library re-registers its indexed articles on every refresh)."""
        self._exact.setdefault(print_.exact, key)
        self._prints[key] = print_
        for value in print_.hashes:
            self._postings.setdefault(value, []).append(key)

    def _near(self, print_: Fingerprint) -> K | None:
        shared: Counter[K] = Counter()
        for value in print_.hashes:
            posting = self._postings.get(value)
            if posting and len(posting) <= MAX_POSTING:
                shared.update(posting)
        for candidate, count in shared.most_common():
            if count < MIN_SHARED and not (print_.full and self._prints[candidate].full):
                break
            if is_near_duplicate(print_, self._prints[candidate]):
                return candidate
        return None


def find_duplicates(items: Iterable[tuple[K, str]]) -> dict[K, K]:
    """Map each duplicate's key to its original's key; originals and unique texts are absent.

    ``items`` are (key, clean text) pairs; the first of each group, in iteration order, is the
    original, so pass them oldest (or preferred) first.

    >>> story = ("The Hong Kong Science and Technology Parks Corporation opened a robotics hub "
    ...     "on Tuesday, giving thirty start-ups shared laboratories and test floors.")
    >>> find_duplicates([("a", story), ("b", "SHARE THIS. " + story), ("c", "Other news.")])
    {'b': 'a'}
    """
    finder: DuplicateFinder[K] = DuplicateFinder()
    found: dict[K, K] = {}
    for key, text in items:
        original = finder.add(key, fingerprint(text))
        if original is not None:
            found[key] = original
    return found
