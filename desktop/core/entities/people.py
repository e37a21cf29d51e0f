"""People named in a sentence, by the words around their name: an honorific ("Dr. Jane
Lee"), a post or an occupation ("Jane Lee, chief executive of ...", "entrepreneur Jane Lee"),
speech ("said Jane Lee"), a firm they come from, a hyphenated given name ("Kang Hun-sik"), or
"his"/"her" after them; each rule with its confidence, the honorific left out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.core.entities.gazetteer import place_names
from desktop.core.entities.vocabulary import (
    FIELDS,
    GENERIC,
    INITIATIVE_CUES,
    ORGANISATION_CUES,
    POSTS,
    ROLES,
    TITLES,
    strip_generic,
)
from desktop.core.text import fold

_NAME = r"[A-Z][a-z]+(?:\s[A-Z]\.?(?=\s))*(?:[- ][A-Z][a-z]+(?:-[a-z]+)?){1,3}"
#: A name with its family name in capitals, as academic listings write it: "Francis KL CHAN".
_NAME_CAPS = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:\s[A-Z]{1,3})?\s[A-Z]{2,}(?![\w-])"
_TITLED_PERSON = re.compile(rf"\b(?:{TITLES})\.?\s+(?P<name>{_NAME_CAPS}|{_NAME})")
OCCUPATIONS = (
    r"entrepreneur|inventor|investor|scientist|researcher|engineer|designer|economist|lawyer|"
    r"author|writer|journalist|student|graduate|alumnus|alumna|architect|doctor|physician|"
    r"artist|developer|analyst|banker|venture capitalist|businessman|businesswoman|resident"
)
#: "Jane Lee, the firm's founder", "Jeff Tan, Global Head of ...", "Yang Hua, one of China's
#: top AI scientists", "Xu Li, born in ...", and "its co-founder and CEO, Nigel Verdon,".
_ROLE_PERSON = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+|an?\s+)?(?:[\w’'&\s]{{0,40}}?[’']s\s+)?"
    rf"(?:(?-i:[A-Z])[a-z]+\s+|(?:former|senior|associate|assistant|executive|deputy|managing)"
    rf"\s+){{0,2}}(?i:{ROLES}|manager|researcher|scientist|engineer|economist|analyst)\b"
    rf"|(?P<one>{_NAME}),\s+one\s+of\s+[\w’'&\s]{{0,40}}?\b(?i:{OCCUPATIONS}|{ROLES})s\b"
    # "Xu Li, born in the 1980s, ...", "Wang Kai, who co-founded ..."
    rf"|(?P<born>{_NAME}),\s+(?:who\s+was\s+)?born\s+(?:in|on)\b"
    rf"|(?P<who>{_NAME}),\s+who\s+(?:co-)?founded\b"
    # "the firm's co-founder and CEO, Nigel Verdon, who ..."
    rf"|\b(?i:{ROLES})(?:\s+and\s+(?i:{ROLES}))?,\s+(?P<after>{_NAME}),"
)
# The lookahead lets the search skip spaces and punctuation before trying the alternatives.
#: (or with a portfolio in lower case between: "head of venture investing Hsien-Hui Tong")
_ROLE_BEFORE = re.compile(
    rf"\b(?=[A-Za-z])(?i:{ROLES}|{OCCUPATIONS})\s+"
    rf"(?:(?:of|for)\s+(?:(?!(?:the|a|an|its|their|his|her|our)\s)[a-z][\w-]*\s+){{1,3}}?)?"
    rf"(?P<name>{_NAME})\b"
)
#: One of a list of people with their firms: "... and Simon Loong from WeLab".
_FROM_FIRM = re.compile(rf"(?P<name>{_NAME})\s+(?:from|of)\s+(?=[A-Z][\w&-]*[A-Z])")
SPEECH = (
    r"said|says|added|adds|noted|notes|explained|told|stated|commented|remarked|stressed|"
    r"reports|reported|writes|wrote"
)
#: A person quoted: "Jane Lee said", "said Jane Lee", "according to Jane Lee".
_SPEAKER = re.compile(
    rf"(?P<name>{_NAME})\s+(?:{SPEECH})\b|\b(?:{SPEECH}|according to)\s+(?P<after>{_NAME})\b"
    rf"(?!\s+(?:{ORGANISATION_CUES}|{INITIATIVE_CUES})\b)"
    # the name set off by commas before the verb: "the legislator behind it, Jane Lee, said"
    rf"|(?<=[a-z]),\s+(?P<set>{_NAME}),\s+(?:{SPEECH})\b"
)
_CUE_OR_FIELD = re.compile(rf"\b(?:{ORGANISATION_CUES}|{INITIATIVE_CUES}|{FIELDS})\b")
#: A word that describes what follows it, which ends no one's name ("told Hong Kong-based
#: news weekly ...").
_DESCRIBING = re.compile(r"-(?:based|born|listed|owned|run|backed|headquartered|made)$")
_ROLE_WORD = re.compile(rf"(?i:{ROLES})")


#: A post written before a name as a title ("Premier", "Mayor", "Vice President").
_POST_WORD = re.compile(
    rf"(?i:{POSTS})|Premier|Senator|Ambassador|Councillor|Legislator|Prime|Vice|Deputy|Acting|"
    r"Chief|Executive|Senior|Minister|King|Queen|Prince|Princess|Chairman|Chairwoman"
)
_NOT_A_NAME = re.compile(
    rf"(?:{ORGANISATION_CUES}|{INITIATIVE_CUES}|{FIELDS}|Innovation|Industry|Affairs|Trade|"
    rf"Development|Commerce|Security|Health|Welfare|Transport|Housing|Environment|Staff|Policy|"
    rf"Growth|Economy|Economic|Planning|AI|Enterprises?|Startups?|SMEs)",
)
#: A name whose given name is hyphenated, as Cantonese, Korean and Taiwanese names are
#: romanised: "Kang Hun-sik", "Mao Chi-kuo", "Herman Lam Heung-yeung" (not "Hong Kong-based").
_HYPHENATED_GIVEN = re.compile(
    r"(?<![\w’'-])(?P<name>(?:[A-Z][a-z]+\s+)?[A-Z][a-z]{1,7}\s+[A-Z][a-z]{1,6}-"
    r"(?!(?:based|born|listed|owned|run|backed|made|headquartered|led|funded|focused|wide|style"
    r"|level|like|related|oriented|driven|specific|centric|friendly|free|term|scale|class|grade"
    r"|up|on|in|off|out|over|year|old|long|time|day|way|end|side|known|founded|registered"
    r"|sized|tech|ready|and|or|to|the|ups?|offs?|ins|outs|ons|fi|profit|making|makers?)\b)"
    r"[a-z]{2,6})(?![\w-])"
)
#: Someone the sentence calls "his" or "her": "Peng Tsin Ong made his fortune".
_HIS_HER = re.compile(rf"(?P<name>{_NAME})\s+[a-z]{{2,12}}\s+(?:his|her)\b")
#: Words of the role pattern that are parts of others or too common to test for.
_NOT_KEYWORDS = frozenset(
    "executive general acting deputy founding officer man woman person managing".split()
)
#: The person rules, their confidence, and words one of which a paragraph must hold for the
#: rule to find anything (a cheap test that spares most paragraphs the costly patterns).
_PERSON_RULES: tuple[tuple[re.Pattern[str], float, tuple[str, ...]], ...] = (
    (
        _TITLED_PERSON,
        0.8,
        tuple(f"{t.lower()} " for t in TITLES.split("|"))
        + tuple(f"{t.lower()}." for t in TITLES.split("|")),
    ),
    (_ROLE_PERSON, 0.6, ()),
    (
        _ROLE_BEFORE,
        0.6,
        tuple(
            w for w in re.findall(r"[a-z]{3,}", ROLES + "|" + OCCUPATIONS) if w not in _NOT_KEYWORDS
        ),
    ),
    (_SPEAKER, 0.5, (*re.findall(r"[a-z]+", SPEECH), "according to")),
    (_FROM_FIRM, 0.5, (" from ", " of ")),
    (_HYPHENATED_GIVEN, 0.5, ("-",)),
    (_HIS_HER, 0.5, (" his ", " her ")),
)


def people_in(text: str) -> Iterator[tuple[str, float]]:
    """The people ``text`` names, each with the confidence of the rule that found them."""
    lowered = text.lower()
    for pattern, confidence, words in _PERSON_RULES:
        if words and not any(word in lowered for word in words):
            continue  # the rule's words are not in the paragraph: no need to run it
        for match in pattern.finditer(text):
            name = _person_name(next(v for v in match.groupdict().values() if v))
            if _is_a_persons_name(name):
                yield name, confidence


def introduced_people(text: str) -> Iterator[str]:
    """The people ``text`` names with their post ("Zhu Pengcheng, founder and CEO of ...") or an
    honorific ("Prof. Chao"): how a caption says who is in its picture."""
    for pattern in (_TITLED_PERSON, _ROLE_PERSON):
        for match in pattern.finditer(text):
            name = _person_name(next(v for v in match.groupdict().values() if v))
            if _is_a_persons_name(name):
                yield name


def honoured_people(text: str) -> Iterator[str]:
    """The people ``text`` names with an honorific ("Mr Lim Chuan Poh, Chairman A*STAR"): the
    one rule sure enough for a heading."""
    for match in _TITLED_PERSON.finditer(text):
        name = _person_name(match.group("name"))
        if _is_a_persons_name(name):
            yield name


def _is_a_persons_name(name: str) -> bool:
    return (
        len(name.split()) >= 2
        and not _CUE_OR_FIELD.search(name)
        and not _DESCRIBING.search(name)
        and not _opens_with_a_place(name)
    )


def _person_name(text: str) -> str:
    """A person's name without honorifics, cut before a word no name holds ("Alfred Sit The
    Secretary" is Alfred Sit).

    >>> _person_name("Prof. Alfred Sit The Secretary")
    'Alfred Sit'
    """
    words = strip_generic(text).split()
    while len(words) > 2 and (_NOT_A_NAME.fullmatch(words[0]) or _POST_WORD.fullmatch(words[0])):
        # "Technology Nicholas Yang said": the post's last word is no name; "Premier Mao
        # Chi-kuo said": nor is the post
        words.pop(0)
    for index, word in enumerate(words[1:], start=1):
        if fold(word) in GENERIC or _ROLE_WORD.fullmatch(word):
            return " ".join(words[:index])
    return " ".join(words)


def _opens_with_a_place(name: str) -> bool:
    """Whether a name starts with a place of two words or more: "Hong Kong Start-ups" is
    no one."""
    words = name.split()
    places = place_names()
    return any(" ".join(words[:count]) in places for count in range(2, len(words)))
