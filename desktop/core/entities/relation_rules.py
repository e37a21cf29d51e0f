"""The relation rules: for two mentions in one sentence, their types, the words between them
(and before or after), and the relation those words state. Most specific first."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.model import EntityType, RelationType

#: Roles that lead an organisation (an "acting chief corporate development officer" works
#: there but does not lead it; a "former" or "then" chief executive led it when the sentence
#: was true of them).
ROLE = (
    r"(?:(?:former|then|acting|interim|founding)\s+|co-)?"
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
    #: What the first entity's name must hold ("... Cluster", "Department of ...").
    first_name: re.Pattern[str] | None = None


#: A unit's word in a body's name: "FinTech and Blockchain Cluster", "Department of Medicine".
UNIT_NAME = re.compile(
    r"\b(?:Cluster|Department|Faculty|School|Division|Unit|Office|Centre|Center)\b"
)


def _rule(
    relation: RelationType,
    first: Sequence[EntityType],
    second: Sequence[EntityType],
    between: str,
    after: str | None = None,
    reverse: bool = False,
    subject: bool = False,
    before: str | None = None,
    first_name: re.Pattern[str] | None = None,
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
        first_name,
    )


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
#: A side or the middle of a place: "in the northwest of Taiwan", "in the heart of Shenzhen".
_SIDE = (
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|(?:north|south|east|west)ern|central|"
    r"heart|cent(?:re|er)|middle)"
)
#: A verb after a post and a comma: the post's clause has ended.
_VERB = r"(?:\w+ed|gave|said|says|told|spoke|took|made|met|is|was|has|had|will|would)"


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
        # (or in a relative clause: "Wang Kai, who co-founded the Centre")
        r"^(?:,\s+who)?\s+(?:\w+\s+)?(?:leads|led|chairs|chaired|heads|headed|founded|"
        r"co-founded)\s+(?:the\s+)?$",
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
    # the Chairman of the HKPC, Mr Willy Lin / the director of the Centre Nancy Ip
    _rule(
        "leads",
        ORG + INIT,
        PERSON,
        rf"^\s*,?\s+{_HONORIFIC}$",
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
    # Peng made his fortune ... before sitting on the boards of SingTel and the Foundation
    _rule(
        "works at",
        PERSON,
        ORG,
        r"\b(?:sits?|sat|sitting|serves?|served|serving)\s+(?:at|on)\s+(?:the\s+)?boards?\s+"
        r"(?:of\s+)?(?:the\s+)?$",
        subject=True,
    ),
    # Dr. Jane Lee from Acme Bank / Jane Lee of Acme Bank (the name, then whose she is)
    _rule("works at", PERSON, ORG, r"^\s+(?:from|of)\s+(?:the\s+)?$"),
    # Lam has been working in finance ... before joining Cyberport
    _rule("works at", PERSON, ORG, r"\b(?:joined|joining|joins)\s+(?:the\s+)?$", subject=True),
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
    # Innophys, created at the Tokyo University of Science / a spin-off of Harbour University
    _rule(
        "incubates",
        ORG,
        ORG,
        # (after a name's own full stop: "Innophys Co., created at ...")
        r"^\.?,?\s*(?:(?:which|that)\s+)?(?:(?:is|was|were|had been)\s+)?(?:(?:created|born|"
        r"founded|started)\s+(?:at|in)|spun\s+(?:off|out)\s+(?:from|of)|(?:an?\s+)?"
        r"spin-?(?:off|out)\s+(?:company\s+)?(?:of|from))\s+(?:the\s+)?$",
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
    # the FinTech and Blockchain Cluster at Cyberport / the Department of X at the University
    _rule("part of", ORG + INIT, ORG, r"^\s+at\s+(?:the\s+)?$", first_name=UNIT_NAME),
    _rule(
        "part of",
        ORG,
        ORG,
        # (with what kind of arm and of which kind of body: "the VC arm of government agency")
        r"^,?\s*(?:a|an|the)?\s*(?:(?:wholly[- ]owned|fully[- ]owned)\s+)?"
        r"(?:(?-i:[\w-]+)\s+){0,2}?(?:subsidiary|part|member|unit|division|arm)\s+of\s+"
        r"(?:the\s+)?(?:(?-i:[a-z][\w-]*)\s+){0,3}?$|^,?\s*(?:(?:is|was|are|were)\s+)?"
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
    # In collaboration with Acme Bank, the University will ... (the partner before the subject)
    _rule(
        "partners with",
        ORG,
        ORG,
        r"^\s*(?:\([^)]{1,20}\)\s*)?,\s+(?:the\s+)?$",
        before=r"\b(?:in\s+)?(?:collaboration|partnership|co-?operation|conjunction)\s+with\s+"
        r"(?:the\s+)?$",
    ),
    # As a founding member of the Alliance, the Authority will ...
    _rule(
        "member of",
        ORG + INIT,
        ORG,
        r"^\s*(?:\([^)]{1,20}\)\s*)?,\s+(?:the\s+)?$",
        reverse=True,
        before=r"\bas\s+(?:an?|the|one)\s+(?:of\s+the\s+)?(?:founding\s+|full\s+|new\s+)?"
        r"members?\s+of\s+(?:the\s+)?$",
    ),
    _rule(
        "partners with",
        ORG,
        ORG + PLACE,
        r"\b(?:signed|partnered|partnering|partnerships?|agreements?|cooperat\w*|collaborat\w*|"
        r"teamed up|joined hands|memorand(?:um|a)|mous?|alliances?|"
        r"work(?:s|ed|ing)?\s+(?:closely|together|hand in hand))\b[^.;]*\bwith\s+(?:the\s+)?$",
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
    # HKSTP's TechConnect programme / the Foundation announced ... its inaugural InnoStars Awards
    _rule(
        "runs",
        ORG,
        INIT,
        rf"(?:^[’']s|\bits)\s+(?:(?:inaugural|first|new|annual|own|latest|flagship)\s+)?{_Q}$",
    ),
    # HKSTP’s incubation programmes, Incu-Tech, Incu-App and Incu-Bio (the list is the kind's)
    _rule(
        "runs",
        ORG,
        INIT,
        r"^[’']s\s+(?:[\w-]+\s+){0,2}?(?:programmes|programs|schemes|initiatives|funds|"
        rf"events|awards)\s*(?:,|:|[—–]|\bsuch as|\bincluding|\bnamely)\s+(?:the\s+)?{_Q}$",
    ),
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
    # the Shanghai-based accelerator X / Beijing-based X set up ...
    _rule(
        "located in",
        PLACE,
        ORG + INIT,
        r"^-(?:based|headquartered)\s+(?:(?-i:[a-z][\w-]*)\s+){0,5}?$",
        reverse=True,
    ),
    # X, the world's largest accelerator and headquartered in California
    _rule(
        "located in",
        ORG + INIT,
        PLACE,
        r"^\s*,\s+(?:an?|the)\s+[^,;.()]{0,80}?\s+and\s+(?:headquartered|based)\s+in\s+"
        r"(?:the\s+)?$",
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
    # Nansha district of Guangzhou (the mention may hold "district": "Nansha district" of ...)
    _rule(
        "located in",
        PLACE,
        PLACE,
        r"^\s+(?:(?:district|county|city|province|town|village|island|area)\s+)?of\s+"
        r"(?:the\s+)?$",
    ),
    # Hsinchu is in the northwest of Taiwan
    _rule(
        "located in",
        PLACE,
        PLACE,
        rf"^\s+(?:is|lies|sits)\s+(?:(?:located|situated)\s+)?in\s+(?:the\s+{_SIDE}\s+"
        r"(?:part\s+)?of\s+)?(?:the\s+)?$",
    ),
    # 2 Park Road, Hsinchu in Taiwan (a place that is no verb's object, and no list: not
    # "recreate Silicon Valley in Asia", "Singapore, Paris in France")
    _rule(
        "located in",
        PLACE,
        PLACE,
        r"^\s+in\s+(?:the\s+)?$",
        before=r"(?:^|[\w)]\s*[,:(]\s*|\b(?:at|in|from|to)\s+(?:the\s+)?)$",
    ),
    # Guangzhou, south China's Guangdong province (a place, then the larger one it is in)
    _rule(
        "located in",
        PLACE,
        PLACE,
        rf"^,\s+(?:{_SIDE}\s+)?(?-i:[A-Z][\w-]*)[’']s\s+$",
    ),
)
