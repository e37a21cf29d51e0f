"""Names that two rules found overlapping within one article, made one: a body named after
a person and "and", a gazetteer's place that is a word of someone's name, a name cut short
inside a longer one, a firm's short name."""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.core.entities.vocabulary import Discovered
from desktop.core.model import Article
from desktop.core.text import fold


def resolve_overlaps(found: dict[str, Discovered], article: Article) -> list[Discovered]:
    """The finds of one article (by folded name), overlaps made one."""
    return _merged_prefixes(_without_leading_people(found), article)


def _without_leading_people(found: dict[str, Discovered]) -> list[Discovered]:
    """A body's name that starts with a person found in the article and "and" names two
    ("founder Jack Ma and Tencent Holdings Ltd"): the body is what follows. A place named
    only by the gazetteer that is a word of a person's name is dropped."""
    people = {key for key, item in found.items() if item.type == "person"}
    # A gazetteer's place that is a word of someone's name is them ("Georgia Lam", "Lam").
    their_words = {fold(word) for key in people for word in key.split()}
    kept: dict[str, Discovered] = {}
    for key, item in found.items():
        if item.rule == "gazetteer" and key in their_words:
            continue
        head, joint, rest = item.name.partition(" and ")
        if item.type != "person" and joint and fold(head) in people and len(rest.split()) >= 2:
            item = replace(item, name=rest)
            key = fold(rest)
        kept.setdefault(key, item)
    return list(kept.values())


#: What a company's full name adds to the short name it goes by: "Vitargent Biotechnology",
#: "Harbour Robotics Holdings Ltd".
_COMPANY_TAIL = re.compile(
    r"(?:,?\s+(?:Technology|Technologies|Tech|Biotech|Biotechnology|Robotics|Therapeutics|"
    r"Pharmaceuticals|Pharma|Labs|Semiconductors?|Electronics|Holdings?|Group|Ventures|"
    r"Investments|Consulting|International|Co|Company|Ltd|Limited|Inc|Corp)\b\.?)+"
)


def _merged_prefixes(items: list[Discovered], article: Article) -> list[Discovered]:
    """A body's name cut short, the start of a longer name found and never used outside it
    ("Tangsueng Technology" of "Tangsueng Technology Consulting Co., Ltd."), goes; a firm's
    short name, its full name less a firm's last words (`_COMPANY_TAIL`: "Vitargent" of
    "Vitargent Biotechnology"), becomes its alias."""
    bodies = [d for d in items if d.type in ("organisation", "initiative")]
    text = "\n".join(block.text for block in article.blocks)
    drop: set[str] = set()
    short_names: dict[str, set[str]] = {}
    bodies_named: set[str] = set()
    for short in bodies:
        longer = [d for d in bodies if d.name.startswith(f"{short.name} ")]
        if not longer:
            continue
        uses = re.finditer(rf"(?<![\w@&-]){re.escape(short.name)}(?![\w@&-])", text)
        alone = [u for u in uses if not any(text.startswith(d.name, u.start()) for d in longer)]
        (whole,) = longer if len(longer) == 1 else (None,)
        # (a spelling of its own, "Biomap" of "BioMap", is the short name used alone)
        spelt_otherwise = any(
            re.search(rf"(?<![\w@&-]){re.escape(a)}(?![\w@&-])", text) for a in short.aliases
        )
        if not alone and short.name in text and not spelt_otherwise:
            drop.add(short.name)
        elif whole is not None and (
            (
                short.type == whole.type == "organisation"
                and not short.name.isupper()
                and _COMPANY_TAIL.fullmatch(whole.name[len(short.name) :])
            )
            or (short.rule != "acronym" and _word_in_capitals(short.name))
        ):
            drop.add(short.name)
            short_names.setdefault(whole.name, set()).update((short.name, *short.aliases))
            if short.type == "organisation":
                bodies_named.add(whole.name)  # "president at ATLATL": the whole is a body
    return [
        replace(
            d,
            aliases=tuple(sorted({*d.aliases, *short_names[d.name]})),
            type="organisation" if d.name in bodies_named else d.type,
            kind=None if d.name in bodies_named else d.kind,
        )
        if d.name in short_names
        else d
        for d in items
        if d.name not in drop
    ]


def _word_in_capitals(name: str) -> bool:
    """Whether a name in capitals is a word (a brand: "ATLATL", "ZOOM") rather than initials
    ("HKUST", "CUHK", "ASTRI"): five letters or more, a third of them vowels, never three
    consonants in a row. Such a word the article uses alone and as the start of one longer
    name ("ATLATL Innovation Centre") is that body's short name, as a firm's first word is.

    >>> _word_in_capitals("ATLATL"), _word_in_capitals("HKUST"), _word_in_capitals("ASTRI")
    (True, False, False)
    """
    if len(name) < 5 or not name.isalpha() or not name.isupper():
        return False
    vowels = sum(c in "AEIOUY" for c in name)
    return vowels * 3 >= len(name) and not re.search(r"[^AEIOUY]{3}", name)
