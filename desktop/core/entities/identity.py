"""One entity under one id: one article's spellings of a name (an acronym and its long form,
"&" and "and", the end of a longer name), finds of the same name in several articles, and a
name that is another discovered entity's alias ("InvestHK" found on its own in one article,
defined as Invest Hong Kong's acronym in another).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from desktop.core.entities.acronyms import initialism
from desktop.core.entities.vocabulary import Discovered
from desktop.core.model import Entity
from desktop.core.text import fold


def same_entity(first: Entity, other: Entity) -> Entity:
    """One entity from two finds of the same id in different articles: the first, with every
    name and alias either found (one article defines "HKU", another does not) and the
    higher confidence."""
    forms = (*first.aliases, other.name, *other.aliases)  # "Co. Ltd" and "Co Ltd": one id
    aliases = tuple(dict.fromkeys(a for a in forms if a != first.name))
    if aliases == first.aliases and first.confidence >= other.confidence:
        return first
    confidence = max(first.confidence, other.confidence)
    return dataclasses.replace(first, aliases=aliases, confidence=confidence)


def by_id(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Entities by id, several finds of one id combined (see :func:`same_entity`)."""
    found: dict[str, Entity] = {}
    for entity in entities:
        current = found.get(entity.id)
        found[entity.id] = entity if current is None else same_entity(current, entity)
    return found


#: The word a programme's name may drop once it is known ("Incu-Tech" for "Incu-Tech
#: Programme").
_PROGRAMME_WORDS = frozenset({"Programme", "Program", "Scheme", "Fund", "Initiative"})


def alias_redirects(entities: Mapping[str, Entity]) -> dict[str, str]:
    """For each discovered entity whose name is another entity's alias, that entity's id:
    the two are one, named by the fuller find (a curated entity always wins).

    >>> found = {e.id: e for e in [Entity("d-a", "Invest Kowloon", "organisation",
    ...     ("InvestK",), discovered=True), Entity("d-b", "InvestK", "organisation",
    ...     discovered=True)]}
    >>> alias_redirects(found)
    {'d-b': 'd-a'}
    """
    owner: dict[str, str] = {}
    spelt: dict[str, str] = {}  # "Hong Kong SAR Government" is the "HKSAR Government"
    for entity in sorted(entities.values(), key=lambda e: (e.discovered, -len(e.name))):
        for alias in entity.aliases:
            owner.setdefault(fold(alias), entity.id)
        for form in (entity.name, *entity.aliases):
            spelt.setdefault(spelling_key(form), entity.id)
        # "Incu-Tech" found alone in one article names the "Incu-Tech Programme" of another.
        head, _space, cue = entity.name.rpartition(" ")
        if head and " " not in head and cue in _PROGRAMME_WORDS:
            owner.setdefault(fold(head), entity.id)
    redirects = {
        entity.id: target
        for entity in entities.values()
        if entity.discovered
        and (target := _owner_of(entity, owner, spelt)) != entity.id
        and (
            entities[target].type == entity.type
            or entities[target].confidence > entity.confidence  # the surer find's type
        )
    }
    # Two finds that name each other are one entity under the longer name, not none.
    for source, target in list(redirects.items()):
        if redirects.get(target) == source and source in redirects:
            shorter = min((source, target), key=lambda i: (len(entities[i].name), i))
            longer = target if shorter == source else source
            redirects.pop(longer, None)
            redirects[shorter] = longer
    return redirects


def _owner_of(entity: Entity, owner: Mapping[str, str], spelt: Mapping[str, str]) -> str:
    """The entity whose alias the entity's name is, else the one it is another spelling of
    (see :func:`spelling_key`), else the entity itself."""
    found = owner.get(fold(entity.name), entity.id)
    return found if found != entity.id else spelt.get(spelling_key(entity.name), entity.id)


_REGION_IN_FULL = re.compile(r"\bSpecial Administrative Region\b")
#: Capitalised words before an acronym, which writers also give as initials: "Hong Kong SAR"
#: is "HKSAR".
_WORDS_BEFORE_ACRONYM = re.compile(r"^((?:[A-Z][a-z]+\s+)+)([A-Z]{2,})\b")


def spelling_key(name: str) -> str:
    """A name as its other spellings across articles compare: a region's title as its
    acronym, the words before an acronym as their initials.

    >>> spelling_key("Hong Kong Special Administrative Region Government")
    'hksar government'
    >>> spelling_key("HKSAR Government") == spelling_key("Hong Kong SAR Government")
    True
    """
    short = _REGION_IN_FULL.sub("SAR", name)
    short = _WORDS_BEFORE_ACRONYM.sub(
        lambda m: "".join(w[0] for w in m.group(1).split()) + m.group(2), short
    )
    return fold(short)


def name_key(name: str) -> str:
    """A name as one article's spellings of it compare: "&" is "and", a plural is its
    singular ("InnoStars Awards" and "Innostar Award" are one prize).

    >>> name_key("Science & Parks") == name_key("Science and Park")
    True
    >>> name_key("Chapter 18 A") == name_key("Chapter 18A")
    True
    """
    # "Chapter 18 A" is Chapter 18A.
    words = re.sub(r"(\d) ([a-z])\b", r"\1\2", fold(name).replace("&", " and ")).split()
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words
    )


def merge_names(items: Iterable[Discovered]) -> list[Discovered]:
    """Merge discoveries whose names are each other's aliases (an acronym and its long form)."""
    merged: dict[str, Discovered] = {}
    alias_owner: dict[str, str] = {}
    for item in sorted(items, key=lambda d: -d.confidence):
        keys = [name_key(item.name), *(name_key(a) for a in item.aliases)]
        owner = next((alias_owner[k] for k in keys if k in alias_owner), None)
        if owner is None:
            merged[keys[0]] = item
            owner = keys[0]
        else:
            base = merged[owner]
            names = {*base.aliases, *item.aliases, item.name} - {base.name}
            merged[owner] = Discovered(
                base.name, base.type, base.confidence, base.rule, tuple(sorted(names)), base.kind
            )
        for key in keys:
            alias_owner.setdefault(key, owner)
    return _merge_shorter_forms(list(merged.values()))


def compressed(name: str) -> str:
    """A name with all but its first word cut to initials: what "InvestHK" is of "Invest
    Hong Kong".

    >>> compressed("Invest Hong Kong")
    'InvestHK'
    """
    first, *rest = name.split()
    return first + "".join(w[0] for w in rest if w[0].isupper())


#: What a firm's name adds to the words a text also uses for it alone ("Standard Chartered"
#: of "Standard Chartered Bank"), which a person's name never is.
_FIRM_WORDS = frozenset("bank group holdings holding ltd limited company corporation inc".split())


def _firm_named_after(firm: Discovered, words: list[str]) -> bool:
    """Whether a "person" the text names is the short name of a firm it also names: the
    firm's name is those words and a firm's words ("Standard Chartered said" of Standard
    Chartered Bank), not a body a person gives a name to ("Li Ka-shing Foundation")."""
    firm_words = fold(firm.name).split()
    rest = firm_words[len(words) :]
    return (
        firm.type == "organisation"
        and firm_words[: len(words)] == words
        and bool(rest)
        and all(w.rstrip(".") in _FIRM_WORDS for w in rest)
    )


def _names_a_body(words: list[str]) -> bool:
    """Whether the words before a shorter name make it a body's own ("HKU Techno-
    Entrepreneurship Academy", "Hong Kong Applied Science ... Institute"), not another
    body of a similar name ("Chinese University of Hong Kong" is not the University of
    Hong Kong): an acronym, a coined or hyphenated word, or two words or more."""
    return len(words) >= 2 or any(
        w.isupper() or "-" in w or any(c.isdigit() for c in w) or any(c.isupper() for c in w[1:])
        for w in words
    )


def _merge_shorter_forms(items: list[Discovered]) -> list[Discovered]:
    """Within one article, a name that is the end of a longer one of the same type
    ("Techno-Entrepreneurship Academy" of "HKU Techno-Entrepreneurship Academy"), or its
    compressed form ("InvestHK"), is that entity's alias, not an entity of its own."""
    by_length = sorted(items, key=lambda d: -len(d.name.split()))
    kept: list[Discovered] = []
    for item in by_length:
        words = fold(item.name).split()
        owner = next(
            (
                index
                for index, longer in enumerate(kept)
                if (
                    longer.type == item.type
                    and len(words) >= 2
                    and fold(longer.name).split()[-len(words) :] == words
                    and _names_a_body(longer.name.split()[: -len(words)])
                )
                or (len(words) == 1 and compressed(longer.name) == item.name)
                # a bare acronym's type is a guess: "HSP" of the Hsinchu Science Park
                or (
                    (
                        longer.type == item.type
                        or (
                            item.rule == "bare-acronym"
                            and longer.type in ("organisation", "initiative")
                        )
                    )
                    and initialism(longer.name) == item.name
                )
                or (item.type == "person" and _firm_named_after(longer, words))
            ),
            None,
        )
        if owner is None:
            kept.append(item)
            continue
        base = kept[owner]
        names = {*base.aliases, *item.aliases, item.name} - {base.name}
        kept[owner] = Discovered(
            base.name, base.type, base.confidence, base.rule, tuple(sorted(names)), base.kind
        )
    return kept
