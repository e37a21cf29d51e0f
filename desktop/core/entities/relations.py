"""Typed relations between entities, each backed by the sentence that states it.

The rules are general: two mentions in one sentence, the words between them (and just after
the second), and the types of the two entities. A rule never names an entity. Before the rules
run, references are resolved within the article: "the park" or "the Academy" is the latest
entity whose name contains that word, and a sentence-opening "It"/"Its" is the subject of the
sentence before. A mention whose name starts with another organisation's name ("HKSTP
Co-Acceleration Programme") is run by, or part of, that organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from desktop.core.model import (
    Article,
    Entity,
    EntityType,
    Evidence,
    Figure,
    Mention,
    Relation,
    RelationType,
)
from desktop.core.text import fold, sentence_spans

#: Roles that lead an organisation (an "acting chief corporate development officer" works
#: there but does not lead it).
ROLE = (
    r"(?:acting\s+|interim\s+|founding\s+|co-)?"
    r"(?:chief executive(?: officer)?|ceo|chair(?:man|woman|person)?|president|"
    r"director(?:-general)?|executive director|managing director|head|founder|dean|"
    r"vice-chancellor|principal(?!\s+(?!of\b|at\b)[a-z]))"  # not "principal liaison officer"
)
#: Roles of someone who works at an organisation without leading it.
WORK_ROLE = (
    r"(?:officer|manager|director|partner|professor|researcher|scientist|engineer|analyst|"
    r"spokes(?:man|woman|person)|secretary|vice[- ]president|associate|fellow|advis[eo]r|"
    r"lecturer|lead|consultant|principal|executive|head|chair(?:man|woman|person)?|"
    r"member|commissioner|economist|strategist|specialist|coordinator|counsel|editor|"
    r"reporter|correspondent|founder|co-founder|ceo|cto|cfo|coo|president)"
)
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


@dataclass(frozen=True)
class Rule:
    """One relation rule: source and target types, the words between them, the direction."""

    relation: RelationType
    first: frozenset[EntityType]
    second: frozenset[EntityType]
    between: re.Pattern[str]
    after: re.Pattern[str] | None = None
    reverse: bool = False
    subject: bool = False
    before: re.Pattern[str] | None = None


def _rule(
    relation: RelationType,
    first: Sequence[EntityType],
    second: Sequence[EntityType],
    between: str,
    after: str | None = None,
    reverse: bool = False,
    subject: bool = False,
    before: str | None = None,
) -> Rule:
    """A rule; with ``subject``, the words are a verb whose subject must be the first
    mention itself (not "at the Park", not "the University's researchers")."""
    return Rule(
        relation,
        frozenset(first),
        frozenset(second),
        re.compile(between, re.IGNORECASE),
        re.compile(after, re.IGNORECASE) if after else None,
        reverse,
        subject,
        re.compile(before, re.IGNORECASE) if before else None,
    )


#: Before a mention that is no subject: a preposition ("Located at the Park and ...").
_OBJECT_BEFORE = re.compile(
    r"\b(?:at|in|on|from|with|to|of|by|under|for|into|through|across|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: After a mention that is no subject: the noun it modifies ("PolyU researchers won").
_MODIFIES = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:[’']s\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:researchers?|scientists?|students?|teams?|staff|alumni|professors?|scholars?|"
    r"start-?ups?|members?|graduates?|centres?|centers?|laborator(?:y|ies)|labs?|clusters?|"
    r"projects?|companies|firms?|partners?|officials?|delegations?)\b",
    re.IGNORECASE,
)

#: After a mention that stands for one of its people: "Alibaba's founder", "HKU’s president".
_POSSESSED_ROLE = re.compile(rf"^\.?[’']s\s+(?:[\w-]+\s+)?(?:{ROLE}|{WORK_ROLE})\b", re.IGNORECASE)


ORG: tuple[EntityType, ...] = ("organisation",)
INIT: tuple[EntityType, ...] = ("initiative",)
PERSON: tuple[EntityType, ...] = ("person",)
PLACE: tuple[EntityType, ...] = ("place",)
_Q = r"[\s“”\"‘’']*"
#: A title before a person's name, which names are found without.
_HONORIFIC = r"(?:(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor|Sir|Dame)\.?\s+)?"

#: After a person named in a list of people with their posts, that person's own post: the
#: post before the name belongs to the one before ("A, Professor of X, B, Professor of Y").
_OWN_ROLE_NEXT = rf"^(?!\s*,\s+(?:the\s+)?(?:[\w()-]+\s+){{0,3}}?(?:{ROLE}|{WORK_ROLE})\b)"

#: A body's unit after its name: who heads the unit works at the body.
_UNIT_OF = re.compile(
    r"[’']s\s+(?:[a-z][\w-]*\s+){0,3}?(?:programmes?|programs?|unit|team|"
    r"division|department|office|centre|center|lab|arm|business|operations)\b"
)
#: A verb after a post and a comma: the post's clause has ended.
_VERB = r"(?:\w+ed|gave|said|says|told|spoke|took|made|met|is|was|has|had|will|would)"
#: A body's name owning another's, not a post: "HSP’s National Science and Technology Council".
_OWNER_OF_ANOTHER = re.compile(
    rf"[’']s\s+(?!(?i:{ROLE}|{WORK_ROLE}|deputy|vice|acting|senior|executive|associate)\b)[A-Z]"
)


#: The rules, most specific first; the first that matches a pair wins.
RULES = (
    # Person, the Academy's Chairman / Person, acting chief ... officer at the Corporation
    _rule("leads", PERSON, ORG + INIT, r"^,\s+(?:the\s+)?$", after=rf"^[’']s\s+{ROLE}\b"),
    # Mr Lim Chuan Poh, Chairman A*STAR (a listing's post and body, with no "of")
    _rule("leads", PERSON, ORG, rf"^,\s+(?=(?-i:[A-Z]))(?:{ROLE})\s+$"),
    _rule(
        "leads",
        PERSON,
        ORG + INIT,
        # (not "head of incubation programmes at": the head of a unit works at the body)
        rf"^,\s+(?:the\s+)?{ROLE}\b(?!\s+of\s+(?!the\b)[a-z])[\w\s,&()-]{{0,60}}?\b(?:of|at)\s+"
        r"(?:the\s+)?$",
    ),
    _rule(
        "leads",
        PERSON,
        ORG + INIT,
        r"^\s+(?:\w+\s+)?(?:leads|led|chairs|chaired|heads|headed|founded|co-founded)\s+"
        r"(?:the\s+)?$",
    ),
    _rule(
        "leads",
        PERSON,
        ORG + INIT,
        r"^\s+(?:\w+\s+)?(?:chaired|chairs|chairing|presided over|convened)\s+(?:the\s+|a\s+)?"
        r"(?:[\w-]+\s+){0,3}?(?:meeting|session|conference)s?\s+of\s+(?:the\s+)?$",
    ),
    _rule(
        "leads",
        ORG + INIT,
        PERSON,
        rf"^[’']s\s+{ROLE}(?:\s+(?:and|&)\s+{ROLE})*\s*,?\s+{_HONORIFIC}$",
        reverse=True,
    ),
    _rule("leads", ORG + INIT, PERSON, rf"^\s+{ROLE}\s+{_HONORIFIC}$", reverse=True),
    # Under the leadership of President Way Kuo, CityU has grown
    _rule(
        "leads",
        PERSON,
        ORG,
        r"^\s*,\s+(?:the\s+)?$",
        before=rf"\bunder\s+(?:the\s+)?leadership\s+of\s+(?:(?:its|the)\s+)?(?:{ROLE}\s+)?"
        rf"{_HONORIFIC}$",
    ),
    # the Chairman of the HKPC, Mr Willy Lin
    _rule(
        "leads",
        ORG + INIT,
        PERSON,
        rf"^\s*,\s+{_HONORIFIC}$",
        after=_OWN_ROLE_NEXT,
        reverse=True,
        before=rf"\b{ROLE}(?:\s+(?:and|&)\s+{ROLE})*\s+(?:of|at)\s+(?:the\s+)?$",
    ),
    _rule(
        "works at",
        ORG + INIT,
        PERSON,
        rf"^\s*,\s+{_HONORIFIC}$",
        after=_OWN_ROLE_NEXT,
        reverse=True,
        before=rf"\b{WORK_ROLE}\b[\w\s()&-]{{0,40}}?\s+(?:of|at)\s+(?:the\s+)?$",
    ),
    # Person, Vice-President (Research) of the University / Person, the Academy's adviser
    _rule(
        "works at",
        PERSON,
        ORG,
        # (no verb after the post: "Jo Wu, an associate researcher, gave a glimpse of ...")
        rf"^,\s+(?:the\s+)?(?:[\w’'&()-]+\s+){{0,6}}?{WORK_ROLE}\b"
        rf"(?:(?!,\s+{_VERB}\b)[\w\s,&()’'-]){{0,60}}?\b(?:of|at|from|with|for)\s+(?:the\s+)?$",
    ),
    _rule(
        "works at",
        PERSON,
        ORG,
        r"^,\s+(?:the\s+)?$",
        after=rf"^[’']s\s+(?:[\w&-]+\s+){{0,4}}?{WORK_ROLE}\b",
    ),
    # SGInnovate's head of venture investing Hsien-Hui Tong / AngelCentral partner Huang
    _rule(
        "works at",
        ORG,
        PERSON,
        rf"^(?:[’']s)?\s+(?:[\w&()-]+\s+){{0,5}}?{WORK_ROLE}(?:\s+[\w&()-]+){{0,4}}\s*,?\s+"
        rf"{_HONORIFIC}$",
        reverse=True,
    ),
    # Dr. Fujita leads five research projects at the university
    _rule(
        "works at",
        PERSON,
        ORG,
        r"^\s+(?:\w+\s+)?(?:leads|led|heads|headed|runs|conducts|conducted|teaches|taught|"
        r"studies|studied|researches)\b[^.;]{0,60}?\b(?:at|in)\s+(?:the\s+)?$",
    ),
    _rule(
        "works at",
        PERSON,
        ORG,
        r"^\s+(?:\w+\s+)?(?:works|worked|joined|joins|serves|served)\b[^.;]{0,40}?"
        r"\b(?:at|for|with)\s+(?:the\s+)?$",
    ),
    # X is funded by Y / with funding from Y / Y funds X
    _rule(
        "funds",
        ORG + INIT,
        ORG,
        r"\b(?:funded|financed|sponsored|endowed|backed)\s+by\s+(?:the\s+)?$|"
        r"\b(?:funding|grants?|donations?|sponsorship)\s+from\s+(?:the\s+)?$",
        reverse=True,
    ),
    _rule(
        "funds",
        ORG,
        ORG + INIT,
        r"^\s+(?:\w+\s+)?(?:funds|funded|finances|financed|sponsors|sponsored|endowed|donated"
        r"\b[^.;]{0,60}?\bto)\s+(?:the\s+)?$",
    ),
    # InnoHK is a major initiative of the Government / X, a scheme run by Y
    _rule(
        "runs",
        INIT,
        ORG,
        r"^[\s,]*(?:(?:is|was|are|were)\s+)?(?:an?|the|one of the)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:initiative|programme|program|scheme|project|fund|plan|flagship)s?\s+"
        r"(?:of|by|from|under)\s+(?:the\s+)?$",
        reverse=True,
    ),
    # TechConnect programme, a co-incubation initiative with Microsoft Hong Kong (a bare "with"
    # or "by" only close by: "Within the Sandbox, banks can try ... compliance with the HKMA's
    # rules" says nothing of who runs it; nor "with" after "by" a name the rules do not know: "an
    # initiative by NUS Enterprise with SingTel Innov8" is NUS Enterprise's)
    _rule(
        "runs",
        INIT,
        ORG,
        rf"^(?!.*\bby\s+(?:the\s+)?[A-Z][\w&@-]*(?:\s+[A-Z][\w&@-]*)*\s+with\b)"
        rf".{{0,60}}\b(?:with|by)\s+(?:the\s+)?{_Q}$|\b(?:together with|in partnership with|"
        rf"run by|managed by|organi[sz]ed by|operated by|launched by)\s+(?:the\s+)?{_Q}$",
        reverse=True,
    ),
    # The facilities at Cyberport ... are managed by Hong Kong Cyberport Management Co.
    _rule(
        "manages",
        ORG,
        ORG,
        r"\b(?:managed|operated|run|administered)\s+by\s+(?:the\s+)?$",
        reverse=True,
    ),
    _rule(
        "manages",
        ORG,
        ORG,
        r"^[\s,]*(?:which|that|who)?\s*(?:manages|managed|operates|operated|administers)\s+"
        r"(?:the\s+)?$",
    ),
    # CPII, one of the 28 research laboratories of InnoHK / X is a member of Y
    _rule(
        "member of",
        ORG + INIT,
        ORG + INIT,
        r"^[\s,]*(?:(?:is|was|became|becomes)\s+)?(?:an?\s+)?(?:member|members)\s+of\s+"
        r"(?:the\s+)?$|^[\s,]*(?:(?:is|was)\s+)?one of the\b[^.;]{0,60}?\b(?:of|under|at|in)\s+"
        r"(?:the\s+)?$",
    ),
    # i2Cool ... has received incubation support from HKSTP
    _rule(
        "incubates",
        ORG,
        ORG,
        r"\b(?:incubation|incubated|nurtured)\b[\w\s,]*\b(?:from|by)\s+"
        r"(?:the\s+)?$",
        reverse=True,
    ),
    # Hai Robotics ... was nurtured under PolyU's programme
    _rule(
        "incubates",
        ORG,
        ORG + INIT,
        r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?(?:incubated|nurtured)\b[^.;]*"
        r"\b(?:under|by|at|in|from|with)\s+(?:the\s+)?$",
        reverse=True,
    ),
    # X incubates / has nurtured Y (a verb: "the X incubation programme" incubates nothing)
    _rule(
        "incubates",
        ORG + INIT,
        ORG,
        r"^(?![^.;]*\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?(?:incubated|nurtured))"
        r"[^.;]*\b(?:incubates|incubated|incubating|nurtures|nurtured|nurturing)\b[^.;]*$",
        subject=True,
    ),
    _rule(
        "part of",
        ORG,
        ORG,
        r"^,?\s*(?:a|an|the)?\s*(?:(?:wholly[- ]owned|fully[- ]owned)\s+)?(?:subsidiary|part|"
        r"member|unit|division|arm)\s+of\s+(?:the\s+)?$|^,?\s*(?:(?:is|was|are|were)\s+)?"
        r"(?:(?:wholly|fully|majority)[- ])?owned\s+by\s+(?:the\s+)?$",
    ),
    # Walnut Technology, founded by Henri Peng / the firm was co-founded by Li Wei
    _rule(
        "leads",
        ORG,
        PERSON,
        r"^,?\s*(?:(?:which|that)\s+)?(?:(?:is|was|were|had been)\s+)?(?:co-?)?founded\s+"
        r"(?:in\s+\d{4}\s+)?by\s+(?:the\s+)?$",
        reverse=True,
    ),
    _rule(
        "partners with",
        ORG,
        ORG + PLACE,
        r"\b(?:signed|partnered|partnering|partnership|agreement|cooperat\w*|collaborat\w*|"
        r"teamed up|joined hands|memorandum|mou|alliance)\b[^.;]*\bwith\s+(?:the\s+)?$",
        subject=True,
    ),
    # Livi is a joint venture formed by Bank of China (Hong Kong), JD Digits and Jardines
    _rule(
        "invests in",
        ORG,
        ORG,
        r"^,?\s*(?:(?:is|was|a|an|the)\s+)*joint[- ]venture\s+(?:(?:formed|set up|established"
        r"|created|founded|owned)\s+)?(?:by|between|of)\s+(?:the\s+)?$",
        reverse=True,
    ),
    _rule(
        "invests in",
        ORG + PERSON,
        ORG + INIT,
        r"\binvest(?:ed|s|ing)?\s+(?:[\w$.,]+\s+){0,4}in\s+(?:the\s+)?$",
        subject=True,
    ),
    # HKSTP has also established its "GBA InnoExpress" / HKSTP's TechConnect programme
    _rule(
        "runs",
        ORG,
        INIT,
        rf"\b(?:establish\w*|launch\w*|set up|sets up|runs?|operat\w*|manag\w*|host\w*|"
        rf"organi[sz]\w*|introduc\w*|unveil\w*|creat\w*|rolled out|start(?:s|ed)|opened|"
        rf"re-?position\w*|re-?brand\w*|develop(?:s|ed|ing)|buil[dt]\w*|construct\w*)\b"
        rf"(?:\s+[\w’'“”\"-]+){{0,8}}?\s+{_Q}$",
        subject=True,
    ),
    _rule("runs", ORG, INIT, rf"(?:^[’']s\s+{_Q}$|\bits\s+{_Q}$)"),
    # MGI has set up its αLab within the park
    _rule(
        "located in",
        INIT,
        ORG + INIT,
        r"^[\s”\"’']*,?\s*(?:(?:is|are|was|were|will be)\s+)?(?:(?:located|based|housed|"
        r"situated|set up|sits?)\s+)?(?:within|inside)\s+(?:the\s+)?$",
    ),
    _rule(
        "located in",
        ORG + INIT,
        INIT,
        r"^[\s”\"’']*(?:\([^)]*\)\s*)?,?\s*(?:which is\s+)?(?:is\s+|are\s+|will be\s+)?"
        r"(?:located|based|situated|housed|held|hosted)\s+(?:in|at)\s+(?:the\s+)?$",
    ),
    _rule(
        "located in",
        ORG + INIT,
        PLACE,
        r"^[\s”\"’']*(?:\([^)]*\)\s*)?,?\s*(?:which is\s+)?"
        r"(?:(?:located|based|situated|headquartered|founded|set up)\b[\w\s]*?\s+)?"
        r"(?:in|at)\s+(?:the\s+)?$",
    ),
    # X – a Shanghai-headquartered accelerator / X, the Shenzhen-based firm
    _rule(
        "located in",
        ORG + INIT,
        PLACE,
        r"^\s*[,–—-]\s*(?:which is\s+|is\s+)?(?:an?|the)\s+$",
        after=r"^-(?:based|headquartered)\b",
    ),
    # X ... with offices in Beijing, Shenzhen and Singapore / has its headquarters in Y
    _rule(
        "located in",
        ORG + INIT,
        PLACE,
        r"\b(?:with|has|have|had|opened|set up)\s+(?:\w+\s+){0,2}?(?:offices?|headquarters|"
        r"branch(?:es)?|bases?|campus(?:es)?)\s+in\s+(?:the\s+)?$",
        subject=True,
    ),
    # Nansha district of Guangzhou
    _rule(
        "located in",
        PLACE,
        PLACE,
        r"^\s+(?:district|county|city|province|town|village|island|area)\s+of\s+(?:the\s+)?$",
    ),
)
_PAIR_LIMIT = 160


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
        if not re.fullmatch(r"[\s”\"’'“‘]*(?:,|and|, and|or)?[\s”\"’'“‘]*(?:\w+\s+)?", gap):
            break
        if re.fullmatch(r",\s+an?\s+", gap) or re.match(r"[’']s\b", gap):
            # "by SGInnovate, a Singapore government agency": what it is, not a list; "in
            # Tianhe District, south China’s Guangzhou": where the first one is
            break
        start = spans[k].start
        k -= 1
    for span in spans[i + 1 : k + 1]:
        kind = entities[span.entity_id].type
        if kind in {"organisation", "person", "initiative"} and span.entity_id != first.entity_id:
            return None  # another actor stands between: the pair is not what the words link
    text = sentence[first.end : start]
    return text if len(text) <= _PAIR_LIMIT else None


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
    for block in article.passages:
        block_mentions = sorted(by_block.get(block.id, []), key=lambda s: s.start)
        previous_subject: str | None = None
        for start, end in sentence_spans(block.text):
            sentence = block.text[start:end]
            inside = [m for m in block_mentions if start <= m.start and m.end <= end]
            spans = _sentence_spans(sentence, start, inside, entities, recent, previous_subject)
            evidence = Evidence(article.id, block.id, sentence)
            for relation in _pairs(sentence, spans, entities, evidence):
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
            if between is None:
                continue
            after = sentence[second.end :]
            type_a, type_b = entities[first.entity_id].type, entities[second.entity_id].type
            if type_a != "person" and _POSSESSED_ROLE.match(after):
                continue  # "backed by Alibaba's founder Jack Ma": the founder is the party
            if type_b == "place" and re.match(r"[’']s\b", after):
                continue  # "in south China’s Guangzhou": the place is Guangzhou
            if type_a == "person" and _OWNER_OF_ANOTHER.match(after):
                continue  # "Chief Secretary of HSP’s National ... Council": the council's post
            for rule in RULES:
                if type_a not in rule.first or type_b not in rule.second:
                    continue
                if not rule.between.search(between):
                    continue
                if rule.after is not None and not rule.after.search(after):
                    continue
                if rule.subject and not (
                    _is_subject(sentence, first) and _is_whole(sentence, second)
                ):
                    continue
                if rule.before is not None and (
                    j != i + 1
                    or not rule.before.search(sentence[max(0, first.start - 80) : first.start])
                ):
                    continue  # an apposition: the very next mention, no list
                source, target = (second, first) if rule.reverse else (first, second)
                relation: RelationType = rule.relation
                if relation == "runs" and "branch" in fold(entities[target.entity_id].name):
                    relation = "branch of"
                    source, target = target, source
                elif relation == "leads" and type_a == "person" and _UNIT_OF.match(after):
                    relation = "works at"  # "head of Cyberport’s incubation programme"
                out.append(Relation(relation, source.entity_id, target.entity_id, evidence))
                break
    return out


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


_MONEY = re.compile(
    r"(?:HK\$|US\$|RMB|HKD|USD|\$|€|£|¥)\s?\d[\d,.]*\s*(?:billion|million|thousand|bn|m|k)?\+?"
    r"(?:\s+(?:billion|million))?",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"\b(?:(?:more than|over|nearly|about|around|almost|up to|some)\s+)?"
    r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+)\+?\s+(?:[a-z-]+\s+){0,2}?"
    r"(?!(?:this|its|was|has|is|as|us)\b)[a-z-]{2,}s\b"
)
_DATE = re.compile(
    r"\b(?:in|since|by|from)\s+(?:(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+)?(?:19|20)\d\d\b"
)


def extract_figures(
    article: Article, mentions: Sequence[Mention], entities: Mapping[str, Entity]
) -> list[Figure]:
    """Money, counts and dates, each given to the nearest organisation, initiative or person."""
    figures = []
    for block in article.passages:
        block_mentions = [
            m
            for m in mentions
            if m.passage_id == block.id
            and entities[m.entity_id].type in {"organisation", "initiative", "person"}
        ]
        if not block_mentions:
            continue
        for start, end in sentence_spans(block.text):
            sentence = block.text[start:end]
            inside = [m for m in block_mentions if start <= m.start < end]
            if not inside:
                continue
            for kind, pattern in (("money", _MONEY), ("count", _COUNT), ("date", _DATE)):
                for match in pattern.finditer(sentence):
                    position = start + match.start()
                    nearest = min(inside, key=lambda m: abs(m.start - position))
                    figures.append(
                        Figure(
                            nearest.entity_id,
                            kind,  # type: ignore[arg-type]
                            match.group(0).strip(),
                            Evidence(article.id, block.id, sentence),
                        )
                    )
    return figures
