"""The words discovery rules know names by: cue words that end or open a body's or an
initiative's name, fields of study, honorifics, posts, the words that are never a name, and
what a rule finds (:class:`Discovered`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.model import EntityType
from desktop.core.text import fold

ORGANISATION_CUES = (
    "Corporation|University|Universidad|Academy|Institute|Institutet|Council|Commission|"
    "Authority|Association|Foundation|Bureau|Department|Agency|Group|Limited|Ltd|Company|Bank|"
    # "NUS Enterprise" (a field's word too: "Research, Innovation and Enterprise" is no body)
    "Enterprise|"
    "Hospital|College|School|Society|Federation|Chamber|Ministry|Office|Studios|Board|"
    "Consortium|Alliance|Committee|Government|Exchange|Capital|Ventures|Partners|Holdings|"
    "Technologies|Technology|Tech|Robotics|Therapeutics|Biotech|Biotechnology|Pharmaceuticals|"
    "Pharma|Labs|Semiconductor|Semiconductors|Electronics|Investments|Inc|Corp|Holding|"
    # news media: "South China Morning Post", "Jiji Press", "Global Times"
    "Post|Times|Daily|Press|Herald|Journal|Tribune|Gazette|Telegraph|Broadcasting|Television|"
    "Trust"
)
#: Cues after which "and" starts another name ("... University and City University"), not
#: the rest of one ("Venture Capital and Private Equity Association").
JOINED_CUES = (
    "Corporation|University|Academy|Institute|Council|Commission|Authority|Foundation|Bureau|"
    "Department|Agency|Group|Limited|Ltd|Company|Bank|Hospital|College|School|Ministry|Office|"
    "Board|Fund|Programme|Program|Scheme|Park|Centre|Center|Hub|Zone|Campus"
)
INITIATIVE_CUES = (
    "Fund|Programme|Program|Scheme|Zone|Park|Centre|Center|Lab|Laboratory|Expo|Initiative|"
    "Project|Plan|Award|Awards|Summit|Forum|Festival|Week|Conference|Challenge|Hub|Campus|"
    "Technopole|Incubator|Accelerator|Ceremony|Competition|Fellowship|Blueprint|Strategy|"
    "Network|Corridor|Sandbox|Gallery|Survey|Cluster"
)
#: Subjects, which follow "Professor of" and are never a person's name.
FIELDS = (
    "Sciences?|Engineering|Studies|Medicine|Research|Management|Economics|Finance|Law|"
    "Education|Physics|Chemistry|Mathematics|Biology|Humanities|Arts|Informatics|Computing"
)
TITLES = r"Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame|Judge"
#: Posts people hold, which open a name only as "<post> of <body>".
POSTS = (
    r"(?:(?:deputy|vice|acting|associate|assistant|permanent|executive|founding)[- ])?"
    r"(?:president|chancellor|chair(?:man|woman|person)?|director(?:-general)?|professor|dean|"
    r"head|founder|co-founder|chief executive|ceo|secretary|minister|commissioner|principal|"
    r"provost|fellow|member|officer|governor|mayor|manager|partner)"
)
ROLES = (
    r"(?:acting\s+|deputy\s+|vice[- ]|executive\s+|founding\s+|co-)?"
    r"(?:chief\s+[\w\s]{0,30}?officer|ceo|cto|cfo|coo|chair(?:man|woman|person)?|president|"
    r"director(?:-general)?|head|founder|co-founder|managing director|secretary|minister|"
    r"professor|partner|general manager|principal|dean|commissioner|chief executive)"
)

#: Words before a name that are no part of it: a duration, a count ("3-year Incu-Tech").
_LEADING_MEASURE = re.compile(
    r"^(?:\d+(?:\.\d+)?-(?:year|month|week|day)s?|(?!(?:19|20)\d\d\b)\d+(?:st|nd|rd|th)?)\s+",
    re.I,
)  # a year stays: "2021 Startup Survey" is that survey's name
_HONORIFIC = re.compile(rf"^(?:(?:{TITLES})\.?\s+)+")

#: Capitalised words that are never an entity on their own, nor the first word of one.
GENERIC = frozenset(
    "the a an this that these those its their our his her it in on at for from by with and "
    "or but as of to january february march april may june july august september october "
    "november december monday tuesday wednesday thursday friday saturday sunday meanwhile "
    "however also additionally moreover furthermore today yesterday tomorrow last next new "
    "first one another some many most major every each both all other such while when where "
    "after before since during although because if be is are was will can join visit learn "
    "read click download about under through via mr ms mrs dr prof professor".split()
)


@dataclass(frozen=True)
class Discovered:
    """A name found by a rule: its type, confidence, other names and the rule that found it."""

    name: str
    type: EntityType
    confidence: float
    rule: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None


def strip_generic(name: str) -> str:
    """The name without what surrounds it in a sentence: leading articles and connectives,
    honorifics, a duration ("3-year"), a possessive or full stop at the end.

    >>> strip_generic("The 3-year Incu-Tech Programme's")
    'Incu-Tech Programme'
    >>> strip_generic("Professor Helen Meng.")
    'Helen Meng'
    >>> strip_generic("Headquarters of Kowloon Youth Association")
    'Kowloon Youth Association'
    """
    name = re.sub(r"(?:[’']s|[.,;:])$", "", name.strip())
    words = name.split()
    while words and fold(words[0]) in GENERIC:
        words.pop(0)
    name = _HONORIFIC.sub("", " ".join(words))
    name = _SITE_OF.sub("", name)  # "the Headquarters of X" is X's building, named by X
    return _LEADING_MEASURE.sub("", name)


_SITE_OF = re.compile(r"^(?:Headquarters|Premises|Grounds)\s+of\s+(?:the\s+)?(?=[A-Z])")
