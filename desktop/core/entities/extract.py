"""Everything one article says about entities: mentions, discovered names, relations, figures."""

from __future__ import annotations

import dataclasses
import re
from collections import ChainMap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from desktop.core.entities.discovery import discover
from desktop.core.entities.figures import extract_figures
from desktop.core.entities.gazetteer import place_names
from desktop.core.entities.identity import merge_names
from desktop.core.entities.mentions import MentionFinder, choose
from desktop.core.entities.relations import extract_relations, organisation_owners
from desktop.core.entities.vocabulary import GENERIC, ORGANISATION_CUES, Discovered
from desktop.core.model import Article, Entity, Figure, Mention, Relation
from desktop.core.text import fold


@dataclass(frozen=True)
class ArticleEntities:
    """The entity facts of one article (derived data, stored with the index)."""

    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    figures: tuple[Figure, ...] = ()
    discovered: tuple[Entity, ...] = ()


#: The passage id of a mention in the article's byline (its authors, joined by "; ").
BYLINE = "byline"
#: The passage id of a mention in a picture's caption, which the text does not show.
CAPTION_PASSAGE = "caption"


def slug(name: str) -> str:
    """A stable id from a name.

    >>> slug("Hong Kong Productivity Council (HKPC)")
    'hong-kong-productivity-council-hkpc'
    """
    return re.sub(r"[^\w]+", "-", fold(name)).strip("-") or "entity"


#: A company's legal form at the end of its name, which the rest of the text (and other
#: articles) drop: "PCCW Ltd.", "ZhongAn Online P&C Insurance Co. Ltd.", "Acme Pte Ltd".
_LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:Co\.?|Company|Pte\.?|Pvt\.?|Sdn\.?\s+Bhd\.?))?,?\s+"
    r"(?:Ltd\.?|Limited|Inc\.?|Incorporated|Corp\.?|PLC|plc|LLC|LLP|GmbH|AG|S\.A\.|N\.V\.)$"
    r"|\s+(?:Co\.?|Company)$"
)


#: The last word of a firm's name that the article may drop: "Vitargent Biotechnology" is
#: then "Vitargent" ("Harbour University" is never "Harbour").
_FIRM_CUE_END = re.compile(
    r"\s(?:Technology|Technologies|Tech|Biotech|Biotechnology|Robotics|Therapeutics|"
    r"Pharmaceuticals|Pharma|Labs|Semiconductors?|Electronics|Holdings|Group|Ventures|"
    r"Investments|Consulting)$"
)


def without_legal_form(name: str) -> str | None:
    """A company's name without its legal form, as the text goes on to call it.

    >>> without_legal_form("ZhongAn Online P&C Insurance Co. Ltd.")
    'ZhongAn Online P&C Insurance'
    >>> without_legal_form("Hong Kong Science and Technology Parks Corporation") is None
    True
    """
    rest = _LEGAL_FORM.sub("", name)
    return rest if rest != name and sum(c.isalpha() for c in rest) >= 2 else None


def _as_entity(item: Discovered) -> Entity:
    aliases = item.aliases
    if item.type == "organisation" and (short := without_legal_form(item.name)):
        aliases = tuple(dict.fromkeys((*aliases, short)))
    return Entity(
        id="d-" + slug(item.name),
        name=item.name,
        type=item.type,
        aliases=aliases,
        kind=item.kind,
        discovered=True,
        confidence=item.confidence,
    )


def known_names(entities: Sequence[Entity]) -> frozenset[str]:
    """Every name and alias, folded: computed once per library refresh, not per article."""
    return frozenset(fold(n) for e in entities for n in (e.name, *e.aliases))


def discover_entities(
    article: Article, known: Sequence[Entity], names: frozenset[str] | None = None
) -> list[Entity]:
    """Entities the article names that ``known`` (folded ``names``) does not have."""
    names = known_names(known) if names is None else names

    def is_known(name: str) -> bool:
        # "X and <a known name>" is two names joined by "and", not a new one.
        return fold(name) in names or any(
            fold(name[m.end() :]) in names for m in re.finditer(r"\s+and\s+", name)
        )

    found = merge_names(discover(article))
    # A company's leading words are no other name the article has ("Jack Ma" of a "Jack Ma
    # and Tencent Holdings Ltd" cut wrong).
    taken = names | {fold(n) for d in found for n in (d.name, *d.aliases)}
    return [
        _with_company_short_forms(
            _with_used_short_forms(_as_entity(d), article, names), article, taken
        )
        for d in found
        if not any(is_known(n) for n in (d.name, *d.aliases))
    ]


def _with_company_short_forms(entity: Entity, article: Article, names: frozenset[str]) -> Entity:
    """A company named with its legal form or a firm's last word (`_FIRM_CUE_END`), with the
    leading words the article then calls it by on their own ("Livi is ..." of "Livi VB Ltd.",
    "SC Digital" of "SC Digital Solutions Ltd.", "Vitargent" of "Vitargent Biotechnology"):
    not a known name, not a common word, and not followed by another capitalised
    word where it stands alone ("Hong" of "Hong Kong Telecommunications Ltd." never is)."""
    short = None
    if entity.type == "organisation":
        short = without_legal_form(entity.name) or (
            entity.name if _FIRM_CUE_END.search(entity.name) else None
        )
    if short is None:
        return entity
    words = short.split()
    text = "\n".join(block.text for block in article.blocks)
    used = []
    for count in range(1, len(words)):
        form = " ".join(words[:count])
        if (
            len(form) < 3
            or not form[0].isupper()
            or fold(words[count - 1]) in GENERIC
            or re.fullmatch(ORGANISATION_CUES, words[count - 1])  # "Bank" of "Bank of China"
            or fold(form) in names
        ):
            continue
        if _stands_alone(form, text):
            used.append(form)
    return dataclasses.replace(entity, aliases=(*entity.aliases, *used)) if used else entity


def _stands_alone(form: str, text: str) -> bool:
    """Whether the text uses the words as a name of their own: somewhere with no capitalised
    word before or after them, and never as a place ("in Tianjin", "from Hong Kong")."""
    pattern = rf"(?<![\w@&.-]){re.escape(form)}(?![\w@&-])(?!\s+[A-Z(])"
    befores = [text[max(0, m.start() - 40) : m.start()] for m in re.finditer(pattern, text)]
    return not any(_PLACE_BEFORE.search(b) for b in befores) and any(
        not re.search(r"[A-Z][\w&-]*\s+$", b) for b in befores
    )


#: Before a place's name: "in", "at", "from", "across".
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|across|near|to|around|throughout)\s+$", re.I)


def _with_used_short_forms(entity: Entity, article: Article, names: frozenset[str]) -> Entity:
    """A new programme or body with the coined short form the article uses on its own as an
    alias ("Incu-Tech" of "Incu-Tech Programme"): distinctive enough to name it anywhere.
    People are left alone: a surname names someone else in another article. A short form
    that is a known name (``names``, folded) names that entity, the owner ("InnoHK" of the
    "InnoHK Launch Ceremony"): as an alias it would take the owner's mentions everywhere."""
    if entity.type == "person":
        return entity
    used = []
    for form in short_forms(entity):
        if fold(form) in names or entity.name[len(form) :].strip() in place_names():
            continue  # (nor "Block71" of "Block71 Suzhou": that is the network's Suzhou one)
        rest = re.escape(entity.name[len(form) :].strip())
        alone = re.compile(rf"(?<![\w@-]){re.escape(form)}(?![\w@-])(?!\s+{rest})")
        if any(alone.search(block.text) for block in article.blocks):
            used.append(form)
    return dataclasses.replace(entity, aliases=(*entity.aliases, *used)) if used else entity


def short_forms(entity: Entity) -> list[str]:
    """The shorter names an article may use for an entity once it has named it in full: a
    person's family or given name ("Lam", "Sun", "Chow" of "Paul Chow Man-yiu"), the coined
    first word of a programme ("Incu-Tech" of "Incu-Tech Programme").

    >>> short_forms(Entity("p", "Paul Chow Man-yiu", "person"))
    ['Paul', 'Chow']
    >>> short_forms(Entity("i", "Incu-Tech Programme", "initiative"))
    ['Incu-Tech']
    """
    words = entity.name.split()
    if len(words) < 2 and "@" not in entity.name:
        return []
    if entity.type == "person":
        return [
            w for w in words if len(w) >= 2 and w[0].isupper() and w[1:].islower() and "-" not in w
        ]
    if "@" in entity.name:  # "iDendron" of "iDendron@Qianhai"
        before_at = entity.name.split("@", 1)[0]
        return [before_at] if len(before_at) >= 4 and " " not in before_at else []
    first = words[0]
    # Coined: "Incu-Tech", "InnoCell", "DeepTech100"; not a year, nor an owner's acronym
    # ("HKUST" of "HKUST Entrepreneurship Fund" names HKUST).
    coined = "-" in first or any(c.isupper() for c in first[1:]) or any(c.isdigit() for c in first)
    wordlike = sum(c.isalpha() for c in first) >= 3 and not first.isupper()
    return [first] if coined and wordlike and len(first) >= 4 else []


def head_reference(entity: Entity) -> str | None:
    """What "the <head>" means once the article has named the entity: "the Sandbox" for the
    Fintech Supervisory Sandbox, "the Academy" for the HKU Techno-Entrepreneurship Academy.

    >>> head_reference(Entity("s", "Fintech Supervisory Sandbox", "initiative"))
    'Sandbox'
    """
    words = entity.name.split()
    if entity.type not in ("organisation", "initiative") or len(words) < 2:
        return None
    head = words[-1]
    return head if head[:1].isupper() and head[1:].islower() and len(head) >= 3 else None


#: A post's abbreviation before a surname, part of how the article names the person ("DPM
#: Heng", "CEO Lam"); an honorific ("Mr", "Dr") is not (names drop honorifics).
_TITLE_BEFORE = r"(?:[A-Z]{2,4})\s+"


def short_form_mentions(
    article: Article,
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    names: frozenset[str],
) -> list[Mention]:
    """Mentions of the short forms of entities the article names in full, in this article
    only (another article's "Lam" is someone else). A surname two people share is the one
    named last before it; another short form two entities share, or one that is itself a
    known name, is left alone."""
    owners: dict[str, set[str]] = {}
    # A byline names the reporter: their surname in the story ("He said") is someone else.
    for entity_id in dict.fromkeys(m.entity_id for m in mentions if m.passage_id != BYLINE):
        entity = entities.get(entity_id)
        if entity is None:
            continue
        for form in short_forms(entity):
            owners.setdefault(form, set()).add(entity_id)
        if (head := head_reference(entity)) is not None:
            owners.setdefault(f"the {head}", set()).add(entity_id)
            owners.setdefault(f"The {head}", set()).add(entity_id)

    def is_person(entity_id: str) -> bool:
        return getattr(entities.get(entity_id), "type", None) == "person"

    # A surname two people share ("Hsu" of Douglas Hsu and Yu-Chin Hsu) is the one named last
    # before it; a short form two bodies share is left alone.
    usable = {
        form: tuple(sorted(ids))
        for form, ids in owners.items()
        if (len(ids) == 1 or all(map(is_person, ids)))
        and fold(form) not in names
        and fold(form) not in GENERIC
    }
    if not usable:
        return []
    order = {block.id: index for index, block in enumerate(article.blocks)}
    named_at: dict[str, list[tuple[int, int]]] = {}
    for mention in mentions:
        named_at.setdefault(mention.entity_id, []).append(
            (order.get(mention.passage_id, -1), mention.start)
        )

    def owner(form: str, where: tuple[int, int]) -> str | None:
        ids = usable[form]
        if len(ids) == 1:
            return ids[0]
        latest = {i: max((p for p in named_at.get(i, ()) if p < where), default=None) for i in ids}
        named = [(p, i) for i, p in latest.items() if p is not None]
        return max(named)[1] if named else None

    forms = "|".join(map(re.escape, usable))
    pattern = re.compile(rf"(?<![\w@-])(?P<title>{_TITLE_BEFORE})?(?P<form>{forms})(?![\w@-])")
    taken: dict[str, list[tuple[int, int]]] = {}
    for mention in mentions:
        taken.setdefault(mention.passage_id, []).append((mention.start, mention.end))
    found = []
    for block in article.blocks:
        spans = taken.get(block.id, [])
        for match in pattern.finditer(block.text):
            form = match.group("form")
            named = owner(form, (order[block.id], match.start("form")))
            if named is None:
                continue
            person = is_person(named)
            # A post goes with a person's surname ("DPM Heng"), not with another entity.
            start, end = match.span(0 if person else "form")
            if not any(a < end and start < b for a, b in spans):
                text = block.text[start:end]
                if text.lower().startswith("the "):  # the mention is the head, not "the"
                    start, text = start + 4, text[4:]
                found.append(Mention(named, article.id, block.id, start, end, text))
    return found


@dataclass(frozen=True)
class KnownEntities:
    """The entities articles are matched against, with the lookups extraction needs.

    Built once per refresh: walking every known entity for each article (to index them by id,
    to list organisation names, to pick the discovered ones) made a 100,000-article build,
    with tens of thousands of discovered names, spend most of its time in those loops.
    """

    entities: tuple[Entity, ...]
    finder: MentionFinder
    names: frozenset[str]
    by_id: dict[str, Entity]
    owners: Mapping[str, str]

    @classmethod
    def of(cls, entities: Sequence[Entity]) -> KnownEntities:
        """The lookups of ``entities``."""
        return cls(
            tuple(entities),
            MentionFinder(entities),
            known_names(entities),
            {e.id: e for e in entities},
            organisation_owners(entities),
        )


def extract_entities(
    article: Article, known: Sequence[Entity] | KnownEntities, *, discover: bool = True
) -> ArticleEntities:
    """Find the article's entities: known ones everywhere, new ones by discovery rules.

    Pass a :class:`KnownEntities` when extracting from many articles, so it is built once;
    ``discover`` False when ``known`` already holds what this article's discovery finds (a
    library discovers over all its new articles first, then extracts each).
    """
    catalogue = known if isinstance(known, KnownEntities) else KnownEntities.of(known)
    new = discover_entities(article, catalogue.entities, catalogue.names) if discover else []
    # The article's new names get a finder of their own: rebuilding the library's (every
    # known name) for each article that names something new cost more than all the rest.
    own = MentionFinder(new) if new else None
    entities: Mapping[str, Entity] = ChainMap({e.id: e for e in new}, catalogue.by_id)
    owners = {**catalogue.owners, **organisation_owners(new)} if new else catalogue.owners

    def named_in(text: str, passage_id: str) -> Iterator[Mention]:
        """The mentions in one text: the library's names and the article's new ones."""
        candidates = [*catalogue.finder.candidates(text), *(own.candidates(text) if own else ())]
        for match in choose(candidates):
            yield Mention(
                match.entity_id, article.id, passage_id, match.start, match.end, match.text
            )

    mentions: tuple[Mention, ...] = (
        *(m for block in article.blocks for m in named_in(block.text, block.id)),
        *named_in("; ".join(article.authors), BYLINE),
        # A caption's people only: its bodies and places are said again in the text.
        *(
            m
            for caption in article.captions()
            for m in named_in(caption, CAPTION_PASSAGE)
            if getattr(entities.get(m.entity_id), "type", None) == "person"
        ),
    )
    order = {block.id: index for index, block in enumerate(article.blocks)}
    mentions = tuple(
        sorted(
            (*mentions, *short_form_mentions(article, mentions, entities, catalogue.names)),
            key=lambda m: (order.get(m.passage_id, -1), m.start),  # the byline first
        )
    )
    mentioned = dict.fromkeys(m.entity_id for m in mentions)
    new_ids = {e.id for e in new}
    return ArticleEntities(
        mentions=mentions,
        relations=tuple(extract_relations(article, mentions, entities, owners)),
        figures=tuple(extract_figures(article, mentions, entities)),
        discovered=(
            *(e for e in new if e.id in mentioned),
            *(
                entity
                for i in mentioned
                if i not in new_ids and (entity := catalogue.by_id.get(i)) and entity.discovered
            ),
        ),
    )
