"""Typed relations between entities, each backed by the sentence that states it.

The rules (``relation_rules``) are general: two mentions in one sentence, the words between
them (and just after the second), and the types of the two entities. A rule never names an
entity. Before the rules
run, references are resolved within the article: "the park" or "the Academy" is the latest
entity whose name contains that word, and a sentence-opening "It"/"Its" is the subject of the
sentence before. A mention whose name starts with another organisation's name ("HKSTP
Co-Acceleration Programme") is run by, or part of, that organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from desktop.core.entities.gazetteer import place_names
from desktop.core.entities.relation_rules import ROLE, RULES, UNIT_NAME, WORK_ROLE
from desktop.core.model import (
    Article,
    Entity,
    EntityType,
    Evidence,
    Mention,
    Relation,
    RelationType,
)
from desktop.core.text import fold, sentence_spans

_REFERENCE = re.compile(
    r"\b(?:the|The)\s+(?P<word>(?i:park|academy|university|corporation|company|institute|programme|"
    r"program|scheme|fund|lab|laboratory|centre|center|group|firm|commission|council|branch))\b"
)
_PRONOUN = re.compile(r"(?:^|,\s+)(?P<word>[Ii]ts?)\b")
ACTORS: frozenset[EntityType] = frozenset({"organisation", "initiative"})


@dataclass(frozen=True)
class Span:
    """An entity at a place in one sentence (a mention, or a resolved reference)."""

    entity_id: str
    start: int
    end: int


#: Before a mention that is no subject: a preposition ("Located at the Park and ...").
_OBJECT_BEFORE = re.compile(
    r"\b(?:at|in|on|from|with|to|of|by|under|for|into|through|across|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: After a mention that is no subject: the noun it modifies ("PolyU researchers won").
_MODIFIES = re.compile(
    # (the words before the noun are no verb: "NUS officially launched start-up incubator X")
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:[’']s\s+)?(?:(?![\w-]+(?:ed|ly)\s)[\w-]+\s+){0,2}?"
    r"(?:researchers?|scientists?|students?|teams?|staff|alumni|professors?|scholars?|"
    r"start-?ups?|members?|graduates?|centres?|centers?|laborator(?:y|ies)|labs?|clusters?|"
    r"projects?|companies|firms?|partners?|officials?|delegations?)\b",
    re.IGNORECASE,
)

_POSSESSIVE = re.compile(r"^\.?[’']s\b")
#: After a mention that stands for one of its people: "Alibaba's founder", "HKU’s president".
_POSSESSED_ROLE = re.compile(rf"^\.?[’']s\s+(?:[\w-]+\s+)?(?:{ROLE}|{WORK_ROLE})\b", re.IGNORECASE)


#: A body's unit after its name: who heads the unit works at the body.
_UNIT_OF = re.compile(
    r"[’']s\s+(?:[a-z][\w-]*\s+){0,3}?(?:programmes?|programs?|unit|team|"
    r"division|department|office|centre|center|lab|arm|business|operations)\b"
)
#: A body's name owning another's, not a post: "HSP’s National Science and Technology Council".
_OWNER_OF_ANOTHER = re.compile(
    rf"[’']s\s+(?!(?i:{ROLE}|{WORK_ROLE}|deputy|vice|acting|senior|executive|associate)\b)[A-Z]"
)


_PAIR_LIMIT = 160
_LIST_GAP = re.compile(
    r"[\s”\"’'“‘]*(?:,|and|, and|or)?[\s”\"’'“‘]*"
    r"(?:(?!(?:with|by|from|at|of|to|in|for|on|under|via)\s)\w+\s+)?"
)


def _sentence_spans(
    sentence: str,
    offset: int,
    mentions: Sequence[Span],
    entities: Mapping[str, Entity],
    recent: list[str],
    previous_subject: str | None,
) -> list[Span]:
    """Mentions in the sentence plus resolved references, in order."""
    spans = [Span(m.entity_id, m.start - offset, m.end - offset) for m in mentions]
    occupied = [(s.start, s.end) for s in spans]
    for match in _REFERENCE.finditer(sentence):
        start, end = match.start(), match.end()
        if any(a < end and start < b for a, b in occupied):
            continue
        word = match.group("word").lower()
        earlier = [
            *recent,
            *(s.entity_id for s in sorted(spans, key=lambda s: s.start) if s.end <= start),
        ]
        target = next(
            (
                entity_id
                for entity_id in reversed(earlier)
                if entities[entity_id].type in ACTORS
                and any(
                    re.search(_head_pattern(word), fold(name))
                    for name in (entities[entity_id].name, *entities[entity_id].aliases)
                )
            ),
            None,
        )
        if target is not None:
            spans.append(Span(target, start, end))
    pronoun = _PRONOUN.search(sentence)
    if pronoun and previous_subject:
        start, end = pronoun.start("word"), pronoun.end("word")
        if (
            not any(s.start < start and entities[s.entity_id].type in ACTORS for s in spans)
            or pronoun.start() > 0
        ):
            spans.append(Span(previous_subject, start, end))
    return sorted(spans, key=lambda s: s.start)


def _head_pattern(word: str) -> str:
    """What a reference's head word matches in a name: the word, or for a long one its stem
    in any language's spelling ("the university" is the Universidad de San Martín)."""
    return rf"\b{word[:6]}\w*" if len(word) >= 7 else rf"\b{word}\b"


def _between(
    sentence: str, spans: Sequence[Span], i: int, j: int, entities: Mapping[str, Entity]
) -> str | None:
    """The words between spans i and j, skipping a list of same-type mentions before j."""
    first, second = spans[i], spans[j]
    start = second.start
    k = j - 1
    while k > i and entities[spans[k].entity_id].type == entities[second.entity_id].type:
        gap = sentence[spans[k].end : start]
        # (a list goes on through "and", "or" or a word such as "the", never a preposition:
        # "by NUS Enterprise with SingTel" names one party, and "with" another)
        if not re.fullmatch(_LIST_GAP, gap):
            break
        if re.fullmatch(r",\s+an?\s+", gap) or re.match(r"[’']s\b", gap):
            # "by SGInnovate, a Singapore government agency": what it is, not a list; "in
            # Tianhe District, south China’s Guangzhou": where the first one is
            break
        start = spans[k].start
        k -= 1
    if k > i and _owner_of_next(sentence, spans[k], start, entities, second):
        # "Chief Secretary of HSP’s National Science Council": the council is what "of"
        # leads to, the owner before it only says whose; "manager of the Cluster at
        # Cyberport": the unit is Cyberport's, and who works there works at Cyberport
        start = spans[k].start
        k -= 1
    for span in spans[i + 1 : k + 1]:
        kind = entities[span.entity_id].type
        if kind in {"organisation", "person", "initiative"} and span.entity_id != first.entity_id:
            return None  # another actor stands between: the pair is not what the words link
    text = sentence[first.end : start]
    return text if len(text) <= _PAIR_LIMIT else None


def _owner_of_next(
    sentence: str, owner: Span, start: int, entities: Mapping[str, Entity], owned: Span
) -> bool:
    """Whether ``owner`` is a body's possessive right before the body ``owned``, or a unit
    at it."""
    if entities[owner.entity_id].type not in ACTORS or entities[owned.entity_id].type not in ACTORS:
        return False
    gap = sentence[owner.end : start]
    return bool(re.fullmatch(r"[’']s\s+", gap)) or bool(
        re.fullmatch(r"\s+at\s+(?:the\s+)?", gap)
        and UNIT_NAME.search(entities[owner.entity_id].name)
    )


def extract_relations(
    article: Article,
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    owners: Mapping[str, str] | None = None,
) -> list[Relation]:
    """Relations stated in the article's paragraphs; ``mentions`` carry passage ids.

    ``owners`` are :func:`organisation_owners` of ``entities``, when already at hand.
    """
    by_block: dict[str, list[Span]] = {}
    for mention in mentions:
        block_id = mention.passage_id
        by_block.setdefault(block_id, []).append(
            Span(mention.entity_id, mention.start, mention.end)
        )
    found: list[Relation] = []
    seen: set[tuple[str, str, str, str]] = set()
    recent: list[str] = []
    ministries = _ministries(mentions, entities)
    for block in article.passages:
        block_mentions = sorted(by_block.get(block.id, []), key=lambda s: s.start)
        previous_subject: str | None = None
        for start, end in sentence_spans(block.text):
            sentence = block.text[start:end]
            inside = [m for m in block_mentions if start <= m.start and m.end <= end]
            spans = _sentence_spans(sentence, start, inside, entities, recent, previous_subject)
            evidence = Evidence(article.id, block.id, sentence)
            posts = _minister_relations(sentence, spans, entities, ministries, evidence)
            for relation in [*_pairs(sentence, spans, entities, evidence), *posts]:
                key = (relation.type, relation.source, relation.target, sentence)
                if key not in seen and relation.source != relation.target:
                    seen.add(key)
                    found.append(relation)
            for span in spans:
                recent.append(span.entity_id)
            actors = [s for s in spans if entities[s.entity_id].type in ACTORS]
            previous_subject = actors[0].entity_id if actors else None
    if owners is None:
        owners = organisation_owners(entities.values())
    found.extend(_name_prefix_relations(article, by_block, entities, owners, seen))
    return found


def _pairs(
    sentence: str, spans: Sequence[Span], entities: Mapping[str, Entity], evidence: Evidence
) -> list[Relation]:
    out = []
    for i, first in enumerate(spans):
        for j in range(i + 1, len(spans)):
            second = spans[j]
            if first.entity_id == second.entity_id:
                continue
            between = _between(sentence, spans, i, j, entities)
            # "Seeds Capital and SGInnovate have been appointed to manage ...": a verb's
            # subjects joined by "and" each do what it says (for verb rules only: in
            # "Lee and Wong, chief executive of X" the post is Wong's)
            joint = None if between is not None else _after_coordinated(sentence, spans, i, j)
            verb_only = joint is not None
            between = between if joint is None else _between(sentence, spans, joint, j, entities)
            if between is None:
                continue
            after = sentence[second.end :]
            type_a, type_b = entities[first.entity_id].type, entities[second.entity_id].type
            owned = _owned_next(type_a, type_b, after)
            if owned == "skip":
                continue
            for rule in RULES:
                if type_a not in rule.first or type_b not in rule.second:
                    continue
                if not rule.between.search(between):
                    continue
                if rule.after is not None and not rule.after.search(after):
                    continue
                if verb_only and not rule.subject:
                    continue
                if rule.first_name is not None and not rule.first_name.search(
                    entities[first.entity_id].name
                ):
                    continue
                if rule.subject and not (
                    _is_subject(sentence, first) and _is_whole(sentence, second)
                ):
                    continue
                if rule.before is not None and (
                    # the very next mention but the first one's own acronym: "with the
                    # Harbour Institute (HI), the Bank"
                    any(s.entity_id != first.entity_id for s in spans[i + 1 : j])
                    or not rule.before.search(sentence[max(0, first.start - 80) : first.start])
                ):
                    continue  # an apposition: the very next mention, no list
                source, target = (second, first) if rule.reverse else (first, second)
                relation: RelationType = rule.relation
                if relation == "runs" and "branch" in fold(entities[target.entity_id].name):
                    relation = "branch of"
                    source, target = target, source
                elif relation == "leads" and owned == "unit":
                    relation = "works at"
                out.append(Relation(relation, source.entity_id, target.entity_id, evidence))
                break
    return out


#: A minister's post after their name: ", Deputy Minister of Science and Technology".
_MINISTER = re.compile(
    r"^,\s+(?P<rank>(?:(?:Deputy|Vice|Senior|Assistant|Acting|Permanent|Parliamentary)\s+)*)"
    r"Minister\s+(?:of\s+State\s+)?(?:of|for)\s+(?:the\s+)?"
    r"(?P<portfolio>[A-Z][\w&'’-]*(?:(?:\s+(?:and|&|of|for|the))*\s+[A-Z][\w&'’-]*)*)"
)


def _ministries(mentions: Sequence[Mention], entities: Mapping[str, Entity]) -> dict[str, str]:
    """The article's ministries by portfolio, folded: "science and technology"."""
    found = {}
    for entity_id in {m.entity_id for m in mentions}:
        name = entities[entity_id].name
        if entities[entity_id].type == "organisation" and name.startswith("Ministry of "):
            found[fold(name[len("Ministry of ") :]).replace("&", "and")] = entity_id
    return found


def _minister_relations(
    sentence: str,
    spans: Sequence[Span],
    entities: Mapping[str, Entity],
    ministries: Mapping[str, str],
    evidence: Evidence,
) -> list[Relation]:
    """A person, then a minister's post whose portfolio is a ministry the article names:
    the minister leads it, a deputy or a minister of state works at it ("Yu-Chin Hsu, Deputy
    Minister of Science and Technology" works at the Ministry of Science and Technology)."""
    out = []
    for span in spans:
        if entities[span.entity_id].type != "person" or not ministries:
            continue
        post = _MINISTER.match(sentence[span.end : span.end + 120])
        if post is None:
            continue
        ministry = ministries.get(fold(post.group("portfolio")).replace("&", "and"))
        if ministry is not None:
            deputy = post.group("rank") or "of State" in post.group(0)
            kind: RelationType = "works at" if deputy else "leads"
            out.append(Relation(kind, span.entity_id, ministry, evidence))
    return out


def _after_coordinated(sentence: str, spans: Sequence[Span], i: int, j: int) -> int | None:
    """The last of the names joined to span i by "and" or commas before span j ("A, B and
    C"), when there is one."""
    k = i
    while k + 1 < j and re.fullmatch(
        r",?\s+and\s+|,\s+", sentence[spans[k].end : spans[k + 1].start]
    ):
        k += 1
    return k if k > i else None


def _owned_next(type_a: EntityType, type_b: EntityType, after: str) -> str | None:
    """What a possessive right after the second mention makes of a pair, whose second party
    then owns what the sentence is about. "skip": the owner is not the party ("backed by
    Alibaba's founder Jack Ma", "in south China’s Guangzhou", "Chief Secretary of HSP’s
    National ... Council"); "unit": a person heads a unit of the owner, and so works at it
    ("head of Cyberport’s incubation programme"); None: no possessive that matters."""
    if not _POSSESSIVE.match(after):
        return None
    if type_b == "place":
        return "skip"
    if type_a != "person":
        return "skip" if _POSSESSED_ROLE.match(after) else None
    if _OWNER_OF_ANOTHER.match(after):
        return "skip"
    return "unit" if _UNIT_OF.match(after) else None


def _is_subject(sentence: str, span: Span) -> bool:
    """Whether a mention can be its verb's subject: no preposition leads into it and it
    does not modify a noun after it."""
    return not (
        _OBJECT_BEFORE.search(sentence[max(0, span.start - 30) : span.start])
        or _MODIFIES.match(sentence[span.end : span.end + 60])
    )


def _is_whole(sentence: str, span: Span) -> bool:
    """Whether a verb's object is the mention itself, not a noun it modifies ("established
    six InnoHK centres" established centres, not InnoHK)."""
    return not _MODIFIES.match(sentence[span.end : span.end + 60])


def organisation_owners(entities: Iterable[Entity]) -> dict[str, str]:
    """Each organisation's names and aliases (names win), to find what a longer name is part
    of ("HKSTP Institute" of "HKSTP")."""
    organisations = [e for e in entities if e.type == "organisation"]
    owners = {name: e.id for e in organisations for name in e.aliases}
    owners.update({e.name: e.id for e in organisations})
    return owners


def _name_prefix_relations(
    article: Article,
    by_block: Mapping[str, Sequence[Span]],
    entities: Mapping[str, Entity],
    owners: Mapping[str, str],
    seen: set[tuple[str, str, str, str]],
) -> list[Relation]:
    """ "HKSTP Co-Acceleration Programme" is run by HKSTP; "HKSTP Institute ..." is part of it."""
    linked: set[tuple[str, str]] = set()
    out = []
    for block in article.passages:
        for span in by_block.get(block.id, []):
            entity = entities[span.entity_id]
            if entity.type not in ACTORS:
                continue
            words = entity.name.split()
            for count in range(1, len(words)):
                prefix = " ".join(words[:count])
                owner = owners.get(prefix)
                if owner is None or owner == entity.id or len(entity.name) <= len(prefix) + 3:
                    continue
                if prefix in place_names():
                    # A place's name says where, not whose: the Tokyo University of Science is
                    # no part of a "Tokyo government" that the article also calls "Tokyo".
                    continue
                if (owner, entity.id) in linked:
                    break
                linked.add((owner, entity.id))
                relation: RelationType = "part of" if entity.type == "organisation" else "runs"
                if "branch" in fold(entity.name):
                    relation = "branch of"
                elif _MANAGING_BODY.search(entity.name[len(prefix) :]):
                    relation = "manages"  # "Cyberport Management Company" manages Cyberport
                source, target = (owner, entity.id) if relation == "runs" else (entity.id, owner)
                sentence = _sentence_at(block.text, span.start)
                if any((r, s, t) == (relation, source, target) for r, s, t, _ in seen):
                    break
                seen.add((relation, source, target, sentence))
                out.append(
                    Relation(relation, source, target, Evidence(article.id, block.id, sentence))
                )
                break
    return out


#: The rest of a name that makes it the body behind a brand, not a part of it.
_MANAGING_BODY = re.compile(r"\b(?:Management|Holdings|Operations)\b", re.IGNORECASE)


def _sentence_at(text: str, position: int) -> str:
    for start, end in sentence_spans(text):
        if start <= position < end:
            return text[start:end]
    return text
