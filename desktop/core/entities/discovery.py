"""Discovering entities the knowledge base does not know, from rules over the clean text.

Each rule says what a name looks like, never which name it is, and has a confidence:

- an acronym defined in the text, in a sentence, a title or a heading: "Hong Kong Stock
  Exchange (HKEX)" (0.9); one used twice and defined nowhere, not a common abbreviation (0.5);
- a capitalised name that ends or opens with a cue word: "... University", "... Fund",
  "Ministry of ...", "Project ..." (0.7); a government named by its place (0.6);
- a coined name: one word with capitals inside, a hyphenated pair, or joined by "@"
  ("SGInnovate", "Incu-Tech", "Health@InnoHK") (0.5 to 0.6);
- a person with a title, a post or an occupation, quoted, or listed with a firm: "Dr. Jane
  Lee", "Jane Lee, chief executive of ...", "entrepreneur Jane Lee", "said Jane Lee" (0.5 to
  0.8), without the honorific;
- a firm or a place the sentence gives a kind: "Pachira, an AI firm", "start-up Zimplistic,
  which", "companies like Baidu and WeRide", "the city of Tianjin" (0.5; see ``kind_names``).

Sentence openers, months, posts ("Secretary for ...") and names made only of fields ("Science
and Technology") are never entities. Within one article, an acronym and its long form, the
end of a longer name, spellings with "&" or a plural are one entity.

The cue words are in ``vocabulary``, the person rules in ``people``, places by name in
``gazetteer`` and by kind in ``kind_names``; ``overlaps`` makes one of finds that overlap.
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.core.entities.acronyms import find_acronyms
from desktop.core.entities.gazetteer import named_places, place_names
from desktop.core.entities.kind_names import kind_names
from desktop.core.entities.overlaps import resolve_overlaps
from desktop.core.entities.people import honoured_people, introduced_people, people_in
from desktop.core.entities.vocabulary import (
    GENERIC,
    INITIATIVE_CUES,
    JOINED_CUES,
    ORGANISATION_CUES,
    POSTS,
    ROLES,
    TITLES,
    Discovered,
    strip_generic,
)
from desktop.core.model import Article, EntityType
from desktop.core.text import fold

_INITIATIVE_KIND = {
    "fund": "fund",
    "scheme": "scheme",
    "expo": "event",
    "summit": "event",
    "forum": "event",
    "festival": "event",
    "week": "event",
    "conference": "event",
    "challenge": "event",
    "award": "event",
    "awards": "event",
    "ceremony": "event",
    "competition": "event",
}
#: Initiatives whose cue says they are a programme (the others are facilities).
_PROGRAMME_CUES = frozenset(
    {
        "programme",
        "program",
        "initiative",
        "plan",
        "fellowship",
        "blueprint",
        "strategy",
        "network",
        "sandbox",
        "survey",
        "project",
        "scheme",
    }
)
_WORD = r"(?:[A-Z][\w&'’.-]*+|\d++(?:\.\d++)?[\w-]*+)"  # possessive: no backtracking
#: What joins a name's words: a space, a small word, or a comma before "X and Y" ("Innovation,
#: Technology & Industry Bureau").
_LINK = (
    r"(?:\s+(?:of|for|and|on|de|del|la|the|&)\s+|,\s+(?=[A-Z][\w'’-]*\s+(?:&|and)\s+[A-Z])"
    # a campus's city in brackets: "National University of Singapore (Suzhou) Research Institute"
    r"|\s+\([A-Z][a-z]+\)\s+(?=[A-Z])|\s+)"
)
_CUE_NAME = re.compile(
    rf"(?:{_WORD}{_LINK}){{1,7}}(?P<cue>{ORGANISATION_CUES}|{INITIATIVE_CUES})\b"
    rf"(?:\s+(?:of|for)\s+(?:{_WORD}{_LINK}){{0,4}}{_WORD}(?:\s+\((?:{_WORD}\s+){{0,2}}{_WORD}\))?)?"
)
_ORGANISATION_CUE_WORDS = frozenset(ORGANISATION_CUES.split("|"))
_MEDIA_CUES = frozenset("Post Times Daily Press Herald Journal Tribune Gazette Telegraph".split())
_NEXT_CAPITAL = re.compile(r"\s+[A-Z]")
#: A company's legal form after its cue word: "... Holding Co.", "Bank of China (Hong Kong)
#: Ltd.", "... Insurance Co. Ltd." (the cue rule stops at the cue).
_LEGAL_TAIL = re.compile(r"(?:\s+Co\.)?(?:,?\s+(?:Ltd|Limited|Inc|Corp|PLC|LLC)\b\.?)?")
#: Where a body of that form goes on: its legal form, after its place in brackets ("Bank of
#: China (Hong Kong) Ltd."; not "University of X (Guangzhou)", a campus of its own).
_PLACE_AND_LEGAL_TAIL = re.compile(
    rf"(?:\s+\((?:[A-Z][a-z]+\s?){{1,3}}\)(?=,?\s+(?:Co\.|Ltd|Limited|Inc)))?{_LEGAL_TAIL.pattern}"
)
#: A name written as one word with capitals inside ("SGInnovate", "CoinDesk", "WeLab"), or
#: joined by "@" ("Health@InnoHK"): a coined name, not a word.
_COINED = re.compile(
    r"(?<![\w@.-])(?P<name>[A-Za-z][\w-]*@[A-Z][\w-]*[A-Za-z0-9]"
    r"|[A-Z][a-z]+(?:[A-Z][a-z]*)+[A-Z]*\d*|[A-Z]{2,}[a-z]{3,}(?:[A-Z][a-z]+)*\d*"
    r"|[A-Z]\*[A-Za-z]{3,})"  # "A*STAR", "A*ccelerate"
    r"(?![\w@-]|\.\w)"
)
#: An acronym the article uses without defining it ("CPII", "HKUST"): a body, when it is
#: used twice or more and is none of the abbreviations every text uses.
_BARE_ACRONYM = re.compile(r"(?<![\w&*-])[A-Z][A-Z0-9&]{2,7}(?![\w&*-])")  # not "A*STAR"
COMMON_ABBREVIATIONS = frozenset(
    "CEO CFO CTO COO CIO CMO CSO USD HKD RMB SGD EUR GBP JPY CNY GDP IPO ESG SME NFT API CBD "
    "KPI ROI ICT IOT PHD MBA FAQ PDF COVID SARS HIV DNA RNA USA UAE SAR PRD GBA HQ PR HR AM "
    "PM GMT HKT UTC AR VR ML NLP LED ETF REIT FDI AGM EGM IT AI UK US EU UN OK TV FY YOY "
    "THE AND FOR WITH FROM NEW NEWS MORE READ STEM MOU LLC LTD INC PLC R&D B2B B2C".split()
)
MIN_BARE_ACRONYM_USES = 2
#: A government named by its place in lower case: "the HKSAR government".
_GOVERNMENT = re.compile(
    r"(?<![\w-])(?P<name>(?:[A-Z]{2,6}|[A-Z][a-z]+)(?:\s+(?:[A-Z]{2,6}|[A-Z][a-z]+)){0,5}"
    r"\s+government)\b"
)
#: A letter after a number, spaced, that ends a name ("Chapter 18 A must"): "A" and "I" only
#: before a verb or punctuation, for "Phase 2 A new site" has the article.
_SPACED_LETTER = (
    r"(?:[B-HJ-Z]|[AI](?=\s+(?:must|is|are|was|were|will|would|can|may|shall|should|has|have|"
    r"had)\b|[,.;:)]|$))"
)
#: A name that opens with its cue: "Ministry of Education", "Committee on Innovation,
#: Technology & Industry Development", "Project Innovate", "Chapter 18A".
_CUE_FIRST = re.compile(
    (
        r"(?<![\w-])(?:(?:Ministry|Department|Office|Bureau|Council|Commission|Committee|Institute|"
        r"University|Academy|Faculty|School|College|Board|Association|Federation|Society|Agency|"
        r"Bank|Centre|Center|Laboratory)\s+(?:of|for|on)\s+(?:the\s+)?(?!(?:{posts})\b)[A-Z][\w&'’-]*"
        r"(?:(?:,(?=\s+[A-Z][\w'’-]*\s+(?:&|and)\s+[A-Z])|\s+(?:and|&|of|for|the|on|in))*"
        r"\s+(?!(?:{posts}|{titles})\b)[A-Z][\w&'’-]*){{0,6}}"
        r"|(?:Project|Operation|Chapter|Phase)\s+(?:[A-Z][\w-]*|\d+(?:[A-Z]|\s{letter})?)\b)"
    ).format(posts="(?i:" + POSTS + ")", titles=TITLES, letter=_SPACED_LETTER)
)
#: A programme named before its kind in lower case: "the Startup SG Equity scheme", "the
#: Belt and Road initiative" (a body before it is its owner: "the Government scheme").
_NAMED_KIND = re.compile(
    r"(?:\b(?:the|a|an|its|their|our)|[’']s)\s+(?P<name>[A-Z][\w&-]*(?:\s+(?:(?:and|of|&)\s+)?[A-Z][\w&-]*){0,5})"
    r"\s+(?P<kind>scheme|programme|program|initiative|fund|project|strategy|plan)\b"
)
#: What a kind noun may be followed by when it ends the name's phrase: punctuation, a function
#: word or a verb. Another noun makes it a modifier ("the Chinese New Year fund drive").
_PHRASE_ENDS = re.compile(
    r"\s*(?:$|[^\w\s]|\b(?:to|in|of|for|is|was|are|were|will|would|can|could|should|may|"
    r"might|must|has|have|had|which|that|who|whose|and|or|but|with|by|on|at|as|from|into|"
    r"under|since|after|before|this|its|their|be|been|also|now|not|a|an|the|than|until|while|"
    r"when|where|[a-z]+(?:s|ed|ing|ly))\b|\s+[A-Z0-9])"
)
#: The last word of a building or a place, which owns the plan it names ("the White House plan").
_OWNER_END = re.compile(r"\b(?:House|Hall|Palace|Building|Tower|Street|Square|Court)$")
_NAMED_KIND_WORDS = re.compile(
    r"[a-z]\s+(?:scheme|programme|program|initiative|fund|project|strategy|plan)\b"
)
#: The city that ends a college's name: "University College London", "Trinity College
#: Dublin" (one capitalised word, then the sentence or list goes on).
_COLLEGE_CITY = re.compile(
    r"\s+(?!(?:Professor|President|Dean|Principal)\b)[A-Z][a-z]{2,}(?=[,.;:)]|\s+and\s|\s+[a-z])"
)
#: The city an office abroad is named by: "Taipei Economic and Cultural Office in Boston"
#: (a city of the gazetteer, the whole capitalised run).
_OFFICE_CITY = re.compile(r"\s+in\s+(?P<city>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?![\w’'-]|\s+[A-Z])")
#: The year or edition after an event's or plan's name: "Forum 2017", "Action Plan 2030+".
_EDITION = re.compile(r"\s+(?:19|20)\d\d\+?(?![\w-])")
#: Cue words that open a body's name though they are no organisation's cue at its end.
_BODY_FIRST_CUES = frozenset({"Faculty", "Centre", "Center", "Laboratory"})
#: Cheap tests that a paragraph may hold such names at all.
_CUE_FIRST_WORDS = re.compile(
    r"\b(?:Ministry|Department|Office|Bureau|Council|Commission|Committee|Institute|University|"
    r"Academy|Faculty|School|College|Board|Association|Federation|Society|Agency|Bank|"
    r"Centre|Center|Laboratory|Project|Operation|Chapter|Phase)\s"
)
#: A coined name joined by a hyphen, standing alone: "Incu-Tech", "AsiaWorld-Expo".
_HYPHENATED = re.compile(
    r"(?<![\w@.-])(?P<name>[A-Z][A-Za-z]+-[A-Z][a-z]+)(?![\w@-]|\.\w|\s+[A-Z0-9])"
)
_REGION_WORDS = frozenset(
    "Asia Pacific Europe Africa America Americas Sino Euro Indo Middle East West North South "
    "Central Greater Atlantic Arctic Latin".split()
)
#: The end of a coined name that makes it a place to work in: "InnoCentre", "InnoPort".
_FACILITY_END = re.compile(r"(?:Centre|Center|Park|Hub|Space|Port|Campus|Expo|Cell)$")
_CUE_NEXT = re.compile(rf"\s+(?:[A-Z][\w-]*\s+){{0,3}}?(?:{ORGANISATION_CUES}|{INITIATIVE_CUES})\b")
_COINED_HINT = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]{3}|\w@[A-Z]|[A-Z]\*[A-Za-z]")
#: A company named with its legal form, whatever its other words: "Tangsueng Technology
#: Consulting Co., Ltd.", "Hong Kong Cyberport Management Co".
_LEGAL_NAME = re.compile(
    r"(?<![\w&.’'-])(?:[A-Z][\w&’'-]*(?:\.[\w&’'-]+)*\s+){1,5}?"
    r"(?:Co\.?,?\s+Ltd\.?|Co\.(?!\w)|Co\b(?!-)|Company\s+Limited|Limited|Ltd\.?|Inc\.?"
    r"|Pte\.?\s+Ltd\.?|LLC|PLC|GmbH)(?![\w-])"
)
_LEGAL_HINT = re.compile(r"\b(?:Co|Ltd|Limited|Inc|Pte|LLC|PLC|GmbH)\b")
_PLACE_CUE = re.compile(
    r"\b(?:Region|Province|District|County|State|Territory|Prefecture|Delta|River|Island|"
    r"Islands|Peninsula|Valley|Strait|Harbour|Harbor)$"
)
_ANY_CUE = re.compile(rf"\b({ORGANISATION_CUES}|{INITIATIVE_CUES})\b")
_JOINED = re.compile(rf"\b({JOINED_CUES})\.?\s+and\s+")
#: Other words a name ends with before "and" starts the next: a coined word with a digit
#: ("SingTel Innov8 and Media Development Authority"; not "FinTech and Blockchain Cluster"),
#: or a city of the gazetteer after a cue word ("Imperial College London and Johns Hopkins
#: University"; not "City University Innovation and Technology Centre").
_ENDS_BEFORE_AND = re.compile(
    rf"\b(?:[A-Za-z]+\d\w*|(?:{JOINED_CUES})\s+(?P<city>[A-Z][a-z]+))"
    r"(?P<joint>\s+and\s+)(?=[A-Z])"
)


def _own_first_word(text: str, start: int, name: str) -> str | None:
    """A word such as "Our" or "This" capitalised after "the" is the name's own: "the Our
    Hong Kong Foundation". None when the name's first word is not such a word."""
    first = name.split()[0]
    if fold(first) in GENERIC and re.search(r"\b(?:the|a|an)\s+$", text[max(0, start - 5) : start]):
        return first
    return None


#: A post of a body before its name: "the director of the ...".
_POST_OF_BEFORE = re.compile(rf"\b(?i:{ROLES})\s+of\s+(?:the\s+)?$")
#: The last word of a field or a kind of thing, never a surname: "Policy", "Engineering".
_NOUN_END = re.compile(r"(?:tion|ment|ence|ance|ogy|ics|ies|ity|ncy|acy|ism|ure|ing|ed)$")


def _holder_after_body(text: str, start: int, name: str) -> str | None:
    """The person a post's body is followed by, run into its name: "the director of the
    Center for Neurodegenerative Diseases Nancy Ip." (two capitalised words at the end of a
    body's name after a post of it, the name whole without them, the last no noun's).

    >>> _holder_after_body("the director of the Centre for Rare Diseases Mary Lee.", 20,
    ...     "Centre for Rare Diseases Mary Lee")
    'Mary Lee'
    >>> _holder_after_body("the head of the Office of Science and Technology Policy.", 16,
    ...     "Office of Science and Technology Policy") is None
    True
    """
    if not _POST_OF_BEFORE.search(text[max(0, start - 60) : start]):
        return None
    match = re.search(r"\s([A-Z][a-z]+\s[A-Z][a-z]+)$", name)
    if match is None:
        return None
    rest = name[: match.start()].split()
    given, family = match.group(1).split()
    if len(rest) < 3 or fold(rest[-1]) in _SMALL_NAME_WORDS or _NOUN_END.search(family):
        return None
    if fold(given) in FIELD_WORDS or fold(family) in FIELD_WORDS or _ANY_CUE.search(match.group(1)):
        return None
    return match.group(1)


_SMALL_NAME_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "&"})


def _defined_acronyms(text: str) -> list[Discovered]:
    """The names ``text`` defines an acronym for, with the acronym, and the name without the
    words before its letters as an alias too ("US Food and Drug Administration (FDA)" is also
    "Food and Drug Administration")."""
    found = []
    for long_form, acronym in find_acronyms(text):
        name = strip_generic(long_form)
        if not name or not name[0].isalpha():
            continue
        words = name.split()
        while len(words) > 2 and words[0][0].upper() != acronym[0].upper():
            words.pop(0)
        core = " ".join(words)
        aliases = (acronym,) if core == name else (acronym, core)
        entity_type, kind = _acronym_entity_type(name, acronym)
        found.append(Discovered(name, entity_type, 0.9, "acronym", aliases, kind))
    return found


def _acronym_alias(name: str) -> tuple[str, tuple[str, ...]]:
    """A name that ends in its acronym in brackets, as the name and that alias.

    >>> _acronym_alias("University of Hong Kong (HKU)")
    ('University of Hong Kong', ('HKU',))
    """
    match = re.fullmatch(r"(?P<name>.+?)\s*\((?P<acronym>[A-Z][\w&]{1,9})\)", name)
    if match is None:
        return name, ()
    return match.group("name"), (match.group("acronym"),)


_POST_BEFORE = re.compile(
    rf"^(?:(?i:{POSTS})\s+(?:and|&)\s+)*(?i:{POSTS})\s+(?:of|at)\s+(?:the\s+)?"
)
_POST = re.compile(rf"^(?i:{POSTS})\b")
#: A post named with its portfolio, no body: "Secretary for Innovation and Technology" (but
#: "Founder Institute" is a body).
_POST_PHRASE = re.compile(rf"^(?i:{POSTS})\s+(?:for|of|and|&|at)\b")
_TITLE_INSIDE = re.compile(rf"\s(?:{TITLES})\b")


#: The officer an office serves ends its name: "Office of the Government Chief Information
#: Officer".
_OFFICE_HOLDER = re.compile(r"\s+(?:Officer|Commissioner|Ombudsman|Secretary|Director)\b")
#: A rank just before the cue word: with a post after it, the words are a post.
_RANK_BEFORE_CUE = re.compile(r"\b(?:Deputy|Vice|Acting|Assistant|Associate)\s+\w+$")
_POST_NEXT = re.compile(rf"\s+(?:{TITLES}|(?i:{POSTS}))\b")
_PORTFOLIO_CUE = re.compile(r"\b(?:Bureau|Department|Ministry|Committee|Commission|Office)\b")


_YEAR_IN_NAME = re.compile(r"\s+(?:19|20)\d\d\+?(?=\s|$)")


def _without_year(name: str) -> str | None:
    """An edition's name without its year, when it has one and more than a word is left.

    >>> _without_year("HICOOL 2024 Global Entrepreneur Summit"), _without_year("Summit 2023")
    ('HICOOL Global Entrepreneur Summit', None)
    """
    timeless = _YEAR_IN_NAME.sub("", name).strip()
    return timeless if timeless != name and len(timeless.split()) >= 2 else None


def _split_names(text: str) -> list[str]:
    """Names in a cue-word match: after any possessive, split where "and" joins two names.

    >>> _split_names("HKSTP’s Startup Acceleration Programme")
    ['Startup Acceleration Programme']
    >>> _split_names("Hong Kong Polytechnic University and City University of Hong Kong")
    ['Hong Kong Polytechnic University', 'City University of Hong Kong']
    >>> _split_names("Innovation, Technology & Industry Bureau")
    ['Innovation, Technology & Industry Bureau']
    >>> _split_names("Harbour Team, Innovation & Technology Commission")
    ['Innovation & Technology Commission']
    >>> _split_names("SC Digital Solutions Ltd. and Zhongan Virtual Finance Ltd")
    ['SC Digital Solutions Ltd', 'Zhongan Virtual Finance Ltd']
    """
    text = re.split(r"[’']s\s+", text)[-1]
    # Only a government body lists its portfolios with commas ("Innovation, Technology &
    # Industry Bureau"); elsewhere a comma ends a name ("Harvard, Yale and Princeton").
    # A portfolio is a field ("Innovation, Technology & Industry Bureau"); other words before
    # the comma are another name ("InnoHK Team, Innovation & Technology Commission").
    segments = text.split(", ")
    kept = [segments[-1]]
    for segment in reversed(segments[:-1]):
        if not (_PORTFOLIO_CUE.search(text) and _only_fields(segment)):
            break
        kept.insert(0, segment)
    text = ", ".join(kept)
    # A sentence ends inside the match ("... HKPC. The Government"): the name is the part
    # with the cue word ("Monetary Authority of Singapore. Peng Tsin Ong made ...": before it).
    pieces = re.split(r"(?<=[a-z]{2}|[A-Z]{2})(?<!\bLtd)(?<!\bInc)(?<!\bCorp)\.\s+", text)
    text = next((p for p in reversed(pieces) if _ANY_CUE.search(p)), pieces[-1])
    # "Addressing the Launch Ceremony": "the" that no "of" or "for" leads into opens the name.
    text = re.split(r"(?<!\bof)(?<!\bfor)(?<!\bon)(?<!\band)(?<!\bat)\s+the\s+", text)[-1]
    # "President and Vice-Chancellor of Harbour University": the post is no part of the name.
    text = _POST_BEFORE.sub("", strip_generic(text))
    parts = _JOINED.split(text)
    # re.split keeps the cue words as separate items: glue each back onto its name.
    joined = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)] + [parts[-1]]
    names = [strip_generic(p) for part in joined for p in _split_after_ended(part)]
    # "Secretary for Innovation and Technology" is a post, not a body; a title inside a
    # name joins two ("Faculty of Medicine and Choh-Ming Li Professor of Medicine").
    return [
        n
        for n in names
        if len(n.split()) >= 2
        and not _POST_PHRASE.match(n)
        and not (_POST.match(n) and len(n.split()) > 2)  # "Chairman Acme Bank": a post
        and not _TITLE_INSIDE.search(n)
    ]


def _split_after_ended(text: str) -> list[str]:
    """Split where a name has ended before "and" (`_ENDS_BEFORE_AND`).

    >>> _split_after_ended("SingTel Innov8 and Media Development Authority")
    ['SingTel Innov8', 'Media Development Authority']
    >>> _split_after_ended("Hong Kong Science and Technology Parks Corporation")
    ['Hong Kong Science and Technology Parks Corporation']
    """
    names, start = [], 0
    for match in _ENDS_BEFORE_AND.finditer(text):
        if match.group("city") and match.group("city") not in place_names():
            continue  # "City University Innovation and Technology Centre" is one name
        names.append(text[start : match.start("joint")])
        start = match.end()
    return [*names, text[start:]]


def _cue_type(name: str) -> tuple[EntityType, str | None]:
    if re.match(r"(?:Centre|Center|Laboratory)\s+(?:for|of|on)\s", name):
        return "organisation", None  # "Centre for Economic Policy Research": a body
    last = _ANY_CUE.findall(name)
    cue = last[-1] if last else ""
    if not cue or re.fullmatch(ORGANISATION_CUES, cue):  # "SingTel Innov8 and ... Authority"
        return "organisation", None
    lowered = cue.lower()
    kind = _INITIATIVE_KIND.get(lowered)
    if kind is None:
        kind = "programme" if lowered in _PROGRAMME_CUES else "facility"
    return "initiative", kind


def _acronym_type(long_form: str) -> tuple[EntityType, str | None]:
    if _ANY_CUE.search(long_form):
        return _cue_type(long_form)
    if _PLACE_CUE.search(long_form):  # "Special Administrative Region (SAR)"
        return "place", None
    if long_form[:1].islower():
        return "topic", None
    return "organisation", None


def _acronym_entity_type(long_form: str, acronym: str) -> tuple[EntityType, str | None]:
    """Acronyms with lower-case letters or '&' (IoT, I&T) name fields, not bodies."""
    if not _ANY_CUE.search(long_form) and (
        "&" in acronym or (len(acronym) <= 4 and any(c.islower() for c in acronym.rstrip("s")))
    ):
        return "topic", None
    return _acronym_type(long_form)


def discover(article: Article) -> list[Discovered]:
    """Entities named in an article's paragraphs by the three rules, merged by name.

    >>> from desktop.core.model import Block
    >>> article = Article("a", "t", "s", (Block("p", "paragraph",
    ...     "The Ocean Robotics Institute (ORI) hired Dr. Mei Chan. Meanwhile, the Blue Sky "
    ...     "Fund grew."),))
    >>> [(d.name, d.type, d.aliases) for d in discover(article)]
    [('Ocean Robotics Institute', 'organisation', ('ORI',)), ('Blue Sky Fund', 'initiative', ()), \
('Mei Chan', 'person', ())]
    """
    found: dict[str, Discovered] = {}

    def add(item: Discovered) -> None:
        key = fold(item.name)
        if key in GENERIC or len(item.name) < 3 or _only_fields(item.name):
            return
        current = found.get(key)
        if current is None or current.confidence < item.confidence:
            every = {*item.aliases, *(current.aliases if current else ())}
            if item.type == "initiative" and (timeless := _without_year(item.name)):
                every.add(timeless)  # "HICOOL 2024 Summit" is the HICOOL Summit of each year
            aliases = tuple(sorted(every))
            found[key] = Discovered(
                item.name, item.type, item.confidence, item.rule, aliases, item.kind
            )

    # An acronym is defined in a title or heading as surely as in a sentence; a heading may be
    # a person with their honorific ("Mr Lim Chuan Poh, Chairman A*STAR", a speech's greeting).
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    for text in (article.title, *headings):
        for item in _defined_acronyms(text):
            add(item)
    for text in headings:
        for name in honoured_people(text):
            add(Discovered(name, "person", 0.8, "title-or-role"))
    for block in article.passages:
        text = block.text
        for item in _defined_acronyms(text):
            add(item)
        for match in _CUE_NAME.finditer(text):
            if _RANK_BEFORE_CUE.search(match.group(0)) and _POST_NEXT.match(text, match.end()):
                continue  # "the Deputy Council Chairman": a post, not a council
            if match.group("cue") in _MEDIA_CUES and _NEXT_CAPITAL.match(text, match.end()):
                continue  # "Cyberport Press Release", "Morning Daily Briefing": no newspaper
            after = _EDITION.match(text, match.end())
            if after is None and re.search(r"\b[A-Z][\w-]*\s+College$", match.group(0)):
                after = _COLLEGE_CITY.match(text, match.end())
            abroad = None
            if after is None and match.group("cue") == "Office":
                abroad = _OFFICE_CITY.match(text, match.end())
                if abroad is not None and abroad.group("city") not in place_names():
                    abroad = None
                after = abroad
            if after is None and match.group("cue") in _ORGANISATION_CUE_WORDS:
                after = _LEGAL_TAIL.match(text, match.end())
            whole = match.group(0).strip() + (after.group(0) if after else "")
            own = _own_first_word(text, match.start(), whole)
            for found_name in _split_names(whole):
                if found_name.endswith(" Trust") and len(found_name.split()) < 3:
                    continue  # "a Zero Trust model" (not the "Linux Foundation ... Trust")
                if own and whole.startswith(f"{own} {found_name}"):
                    found_name = f"{own} {found_name}"  # "the Our Hong Kong Foundation"
                name, aliases = _acronym_alias(found_name)
                if abroad is not None and name.endswith(abroad.group(0)):
                    aliases = (*aliases, name[: -len(abroad.group(0))])
                entity_type, kind = _cue_type(name.rstrip("0123456789+ "))
                add(Discovered(name, entity_type, 0.7, "cue-word", aliases, kind))
        for match in _CUE_FIRST.finditer(text) if _CUE_FIRST_WORDS.search(text) else ():
            name = strip_generic(match.group(0))
            if name.startswith("Office of") and (post := _OFFICE_HOLDER.match(text, match.end())):
                name += post.group(0)  # the Office of the Privacy Commissioner
            elif name == match.group(0) and (
                tail := _PLACE_AND_LEGAL_TAIL.match(text, match.end())
            ):
                name += tail.group(0)
            if " and " in name and _POST_NEXT.match(text, match.end()):
                # "Faculty of Medicine and Choh-Ming Li Professor of Medicine": "and" led
                # into the next holder's name, not the rest of this one.
                name = name.rsplit(" and ", 1)[0]
            if holder := _holder_after_body(text, match.start(), name):
                name = name[: -len(holder) - 1]
                add(Discovered(holder, "person", 0.6, "title-or-role"))
            cue = name.split()[0]
            # (a "Centre for ..." or "Laboratory for ..." is a body of research, as a faculty is)
            if re.fullmatch(ORGANISATION_CUES, cue) or cue in _BODY_FIRST_CUES:
                add(Discovered(name, "organisation", 0.7, "cue-word"))
            elif len(name.split()) >= 2:
                add(Discovered(name, "initiative", 0.6, "cue-word", (), "programme"))
        for match in _HYPHENATED.finditer(text) if "-" in text else ():
            name = match.group("name")
            before = text[max(0, match.start() - 30) : match.start()]
            if (
                _POST.match(name)
                or re.search(r"[A-Z][a-z]+\s+$", before)
                or _REGION_WORDS.intersection(name.split("-"))
            ):
                continue  # "Vice-Chancellor", "Huang Shao-Ning"'s given name, "Asia-Pacific"
            entity_type, kind = _coined_type(name, text)
            if entity_type == "organisation":
                entity_type, kind = "initiative", "programme"
            add(Discovered(name, entity_type, 0.5, "coined-name", (), kind))
        for match in _COINED.finditer(text) if _COINED_HINT.search(text) else ():
            if _CUE_NEXT.match(text, match.end()):
                continue  # "SeaStars Awards": the cue rule finds the whole name
            name = match.group("name")
            entity_type, kind = _coined_type(name, text)
            add(Discovered(name, entity_type, 0.6, "coined-name", (), kind))
        for match in _NAMED_KIND.finditer(text) if _NAMED_KIND_WORDS.search(text) else ():
            name = strip_generic(match.group("name"))  # "a New York fund": York, one word
            coined = bool(re.search(r"[a-z][A-Z]|\d", name))
            if _OWNER_END.search(name) or _PLACE_CUE.search(name):
                continue
            if not _PHRASE_ENDS.match(text, match.end()):
                continue
            if (len(name.split()) >= 2 or coined) and not re.search(
                rf"\b(?:{ORGANISATION_CUES})$|^(?:{ORGANISATION_CUES})\b|\b[A-Z]+$", name
            ):
                noun = match.group("kind")
                kind = _INITIATIVE_KIND.get(noun, "programme")
                add(Discovered(name, "initiative", 0.5, "kind-word", (f"{name} {noun}",), kind))
        for match in _GOVERNMENT.finditer(text) if "government" in text else ():
            name = strip_generic(match.group("name"))
            if len(name.split()) >= 2:  # "the government" names none
                add(Discovered(name, "organisation", 0.6, "cue-word"))
        for match in _LEGAL_NAME.finditer(text) if _LEGAL_HINT.search(text) else ():
            add(Discovered(strip_generic(match.group(0)), "organisation", 0.7, "legal-form"))
        for name in named_places(text):
            add(Discovered(name, "place", 0.4, "gazetteer"))
        for name, entity_type in kind_names(text):
            if entity_type == "place" and _ANY_CUE.search(name):
                continue  # "based in Harbour Science Park": a park, the cue rule's
            # "Guangdong Province" is Guangdong: known by either name.
            short = re.sub(r"\s+(?:District|Province|Prefecture|County)$", "", name)
            aliases = (short,) if entity_type == "place" and short != name else ()
            kind = "programme" if entity_type == "initiative" else None
            add(Discovered(name, entity_type, 0.5, "kind-of-name", aliases, kind))
        for match in _EMPLOYER.finditer(text):
            name = match.group("name").rstrip(".")
            # "... at the Harbour Science and Technology Parks Corporation": the cue rule's
            going_on = _AND_NAME.match(text, match.end())
            whole = name + (going_on.group(0) if going_on else "")
            if fold(name.split()[0]) not in _NOT_EMPLOYER and not _ANY_CUE.search(whole):
                add(Discovered(name, "organisation", 0.5, "employer"))
        for name, confidence in people_in(text):
            add(Discovered(name, "person", confidence, "title-or-role"))
    for name in _bare_acronyms(article):
        if name[-1].isdigit():  # "BLOCK71", as "DeepTech100": a programme's coined name
            add(Discovered(name, "initiative", 0.5, "bare-acronym", (), "programme"))
        else:
            add(Discovered(name, "organisation", 0.5, "bare-acronym"))
    for name in article.authors:
        add(Discovered(name, "person", 0.8, "byline"))
    for caption in article.captions():
        # Who stands where in the picture ("From left to right: ..."): the story's people.
        for name in introduced_people(caption) if _PLACES_PEOPLE.search(caption) else ():
            add(Discovered(name, "person", 0.6, "caption"))
    _add_other_casings(found, article)
    return resolve_overlaps(found, article)


def _add_other_casings(found: dict[str, Discovered], article: Article) -> None:
    """A coined name the article also spells with other capitals ("BioMap" and "Biomap",
    "WeLab" and "Welab"): writers drop a brand's inner capitals, and the name is the same."""
    text = "\n".join(block.text for block in article.blocks)
    for key, item in found.items():
        if item.rule != "coined-name" or " " in item.name:
            continue
        pattern = rf"(?<![\w@.-]){re.escape(item.name)}(?![\w@-])"
        spellings = {m.group(0) for m in re.finditer(pattern, text, re.IGNORECASE)}
        other = {
            s for s in spellings if s != item.name and s[0].isupper() and not s.isupper()
        } - set(item.aliases)
        if other:
            found[key] = replace(item, aliases=tuple(sorted({*item.aliases, *other})))


#: A caption that opens by naming the people in the picture in turn ("From left to right:
#: ..."); one that places a single person ("(5th from left)") names a crowd's few.
_PLACES_PEOPLE = re.compile(r"^\(?(?:from\s+)?(?:left|right)\s*(?:to|-|–)\s*(?:right|left)\b", re.I)


def _bare_acronyms(article: Article) -> list[str]:
    """Acronyms used at least twice in the article (its title included) and defined nowhere
    (a definition makes them an alias instead), common abbreviations left out."""
    counts: dict[str, int] = {}
    not_names: set[str] = set()
    for text in (article.title, *(b.text for b in article.blocks)):
        if text.isupper():
            continue  # a line in capitals: every word of it looks like an acronym
        for match in _BARE_ACRONYM.finditer(text):
            counts[match.group(0)] = counts.get(match.group(0), 0) + 1
            if _TITLE_OR_SPEAKER.match(text, match.end()) and not any(
                c.isdigit() for c in match.group(0)
            ):
                not_names.add(match.group(0))  # (a post is letters: "DPM Heng", not "BLOCK71")
    return [
        name
        for name, count in counts.items()
        if count >= MIN_BARE_ACRONYM_USES
        and name not in COMMON_ABBREVIATIONS
        and name not in not_names
    ]


#: After an acronym that is a title ("DPM Heng") or a transcript's speaker ("SKATER "Wow"").
_TITLE_OR_SPEAKER = re.compile(r"\s+(?:[A-Z][a-z]+\b(?!\s+[A-Z])|[\"“])")


#: Words that name fields of work: a name made of nothing else ("Science and Technology",
#: "Information and Communications Technology") is a subject, not a body or a programme.
FIELD_WORDS = frozenset(
    "science sciences technology technologies innovation industry research engineering "
    "information communications communication biomedical biomedicine financial finance "
    "digital data health medicine business economics education design development "
    "entrepreneurship manufacturing automation artificial intelligence robotics enterprise".split()
)


def _only_fields(name: str) -> bool:
    words = [w for w in re.findall(r"[\w-]+", fold(name)) if w not in ("and", "of", "the")]
    return bool(words) and all(w in FIELD_WORDS for w in words)


#: The body a post is held at: "Chief Innovation Officer at Societe Generale", "Global Head of
#: Consulting at 11FS" (a name with a cue word is the cue rule's; a possessive is a place's:
#: "a professor at Hong Kong's ...").
_EMPLOYER = re.compile(
    rf"\b(?i:{ROLES}|mentor|adviser|advisor|fellow|analyst|economist|researcher|engineer)"
    rf"(?:\s+of\s+[A-Z][\w&]*(?:\s+[A-Z][\w&]*){{0,2}})?\s+at\s+(?:the\s+)?"
    r"(?P<name>[A-Z0-9][\w&.-]*[\w&](?:\s+[A-Z][\w&.-]*[\w&]){0,3})(?![\w’'-]|\s+[A-Z])"
)
_AND_NAME = re.compile(r"\s+(?:and|&|of|for)\s+[A-Z][\w&.-]*(?:\s+(?:and|&|of|for|[A-Z][\w&.-]*))*")
_NOT_EMPLOYER = frozenset("the a an this that its their his her our home work least".split())


def _coined_type(name: str, text: str) -> tuple[EntityType, str | None]:
    """An "@" name, or one ending in a number ("DeepTech100"), is a programme; one the text
    puts after "at the" or "in the" ("at the InnoCentre") is a facility; other coined words
    are firms or bodies ("SGInnovate said", "at InvestHK")."""
    if "@" in name or name[-1].isdigit():
        return "initiative", "programme"
    if _FACILITY_END.search(name):
        return "initiative", "facility"
    # (a place one is at or goes to: "with the InvestHK" names a partner, not a place)
    if re.search(
        rf"\b(?:at|in|into|inside|within|near|to|from|of)\s+the\s+{re.escape(name)}\b(?![’']s)",
        text,
        re.IGNORECASE,
    ):
        return "initiative", "facility"
    return "organisation", None
