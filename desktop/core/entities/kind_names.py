"""Names the text gives a kind: a firm, a programme or a place with no cue word in its name.

"Pachira" or "Tianjin" says nothing of what it is; the sentence around it does. Four
kinds of pattern, each with the kind noun as the head of its phrase:

- an apposition after the name: "Pachira, an artificial intelligence firm"; "Ctrip Finance,
  the fintech unit of ...";
- a kind before the name: "NUS start-up Zimplistic, which ...", "e-commerce giant JD.com",
  "start-up Airwallex moved ...", "a leading drone maker, DJI, ...";
- a list after a kind: "tech companies like Baidu, Pony AI and WeRide";
- a name given: "an accelerator called BioMap InnoHub", "start-up incubator Block71";
- a place by its kind or where something is: "the northeastern Chinese city of Tianjin",
  "Tianhe District", "a firm based in Hengqin, Zhuhai", "the Shenzhen-based firm".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.core.model import EntityType
from desktop.core.text import fold

#: Nouns for a firm. A word in -maker is one too ("chipmaker").
FIRM_NOUNS = (
    r"company|firm|start-?up|subsidiary|unit|arm|giant|conglomerate|unicorn|insurer|lender|"
    r"bank|operator|developer|provider|manufacturer|brand|retailer|platform|exchange|"
    r"consultancy|\w*maker"
)
#: One word of a name: capitalised, or a coined word with a dot ("JD.com"); "-based" is a
#: modifier ("Singapore-based").
_WORD = r"(?:[A-Z][\w&@’'.-]*[\w@]|[A-Z])(?<!-based)"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
#: "Pachira, an artificial intelligence firm" (not "Jane Lee, a startup founder": the kind
#: noun must end its phrase).
_APPOSITION = re.compile(
    rf"(?<![\w@&.’'-])(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[\w&’'-]+\s+){{0,4}}?"
    rf"(?:{FIRM_NOUNS})(?=\s*[,.;:)—–-]|\s+(?:of|in|that|which|based|founded|set|owned|"
    rf"backed|known|with|from|by|whose|under|behind|run)\b)"
)
#: "start-up Zimplistic, which ...": the name, then punctuation or a function word (not
#: "the company Yao founded"; not "service provider Wang Kai, who": a person).
_KIND_BEFORE = re.compile(
    rf"\b(?:{FIRM_NOUNS})\s+(?P<name>{_NAME})(?=\s*[,.;:)—–]|\s+(?:is|was|has|had|which|"
    rf"that|and|in|to|for|with|will|said|says|also|founder|co-founder|chairman|ceo)\b)"
    rf"(?!,\s+who\b)"
)
#: "FinTech start-up Airwallex moved ...": the name as the subject of a verb in the past, unless
#: an article opens the kind ("the company Yao founded" is a relative clause).
_KIND_BEFORE_VERB = re.compile(
    rf"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\bthis )"
    rf"\b(?:{FIRM_NOUNS})\s+(?P<name>{_NAME})(?=\s+[a-z]+ed\b)"
)
#: "a leading drone manufacturer, DJI, opened ...": the name set off by commas after its kind;
#: "his startup, Add Care." after a possessive, where the sentence may end with the name.
_KIND_COMMA = re.compile(
    rf"\b(?:a|an|the)\s+(?:[\w&’'-]+\s+){{0,4}}?(?:{FIRM_NOUNS}),\s+(?P<name>{_NAME}),"
    rf"|\b(?:his|her|their|its|my|our)\s+(?:own\s+)?(?:[a-z][\w&’'-]*\s+){{0,2}}?"
    rf"(?:{FIRM_NOUNS}),\s+(?P<own>{_NAME})(?=\s*[,.;:]|\s*$)"
)
#: A news outlet as the source of a report: "..., reported CNA.", "in an interview with
#: Xinhua." (a person quoted this way has two names and is the people rules' to find).
_OUTLET = re.compile(
    r"\b(?:reported|(?:an|a recent|an exclusive)\s+interview\s+with)\s+"
    r"(?P<name>[A-Z][A-Za-z]+)(?=\s*[.,;:)]|\s*$)"
)
#: "tech companies like Baidu, Pony AI and WeRide"; "internet giants Ant Financial and
#: Tencent" (only giants go without "like": "the start-ups Hong Kong nurtured").
_LIST_HEAD = re.compile(
    r"\b(?:companies|firms|start-?ups|giants|banks|brands|platforms|insurers|lenders)"
    r"\s+(?:like|such as|including)\s+|\bgiants\s+(?=[A-Z])"
)
_LIST_ITEM = re.compile(rf"(?P<name>{_NAME})(?:,\s+(?:and\s+)?|\s+and\s+|(?=\W|$))")
_PLACE_OF = re.compile(
    rf"\b(?:city|province|town|village|district|county|island|capital|municipality)\s+of\s+"
    rf"(?P<name>{_NAME})"
)
#: A place named with its kind after it: "Tianhe District", "Lantau Island", "Pearl River
#: Delta" (not the "Pearl Delta Expo"; a district stays one in a body's name, "... Tianhe
#: District Committee").
_PLACE_KIND = re.compile(
    r"(?<![\w&@’'.-])(?P<name>(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:District|Province|Prefecture|County|(?:Island|Delta|Peninsula|Strait)(?!\s+[A-Z])))\b"
)
#: A place where something is: "a firm based in Hengqin, Zhuhai", "born in Penang" (the whole
#: capitalised run: "based in Hong Kong Science Park" names a park, which the caller drops).
_PLACE_IN = re.compile(
    rf"\b(?:based|headquartered|located|born|incorporated|registered|situated)\s+in\s+"
    rf"(?P<name>{_NAME})(?:,\s+(?P<more>{_NAME})(?=\s*[,.;:)]|\s*$))?(?![\w’'@&-]|\s+[A-Z(])"
)
#: "the Shenzhen-based firm", the whole name before "-based" ("a Hong Kong-based firm" is not
#: in "Kong"), after a word in lower case (not a headline's "A Cloud-based Platform Wins").
_PLACE_BASED = re.compile(
    r"\b[a-z]+[,;:]?\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)-(?:based|headquartered)\b"
)
#: Nouns for a programme or a place to work in, which a text names by "called" or puts
#: before the name ("an accelerator called BioMap InnoHub", "start-up incubator Block71").
INITIATIVE_NOUNS = (
    r"accelerator|incubator|programme|program|scheme|initiative|hub|platform|competition|"
    r"contest|conference|summit|festival|exhibition|fair|campaign"
)
#: "an accelerator called BioMap InnoHub", "a firm named Acme", "a scheme dubbed "Fast Lane"".
_CALLED = re.compile(
    rf"\b(?:(?P<programme>{INITIATIVE_NOUNS})|(?:{FIRM_NOUNS}))\s+"
    rf"(?:called|named|dubbed|branded|known\s+as)\s+[\"“‘]?(?P<name>{_NAME})"
)
#: "start-up incubator Block71 Suzhou on Thursday": a programme's kind right before its name.
_INITIATIVE_BEFORE = re.compile(
    r"\b(?:incubator|accelerator)\s+(?P<name>"
    + _NAME
    + r")(?=\s*[,.;:)—–]|\s+(?:is|was|has|had|which|that|and|in|on|at|to|for|with|will|"
    r"opened|launched)\b)"
)
#: Each place pattern with a cheap test that the text may hold it (most paragraphs do not).
_PLACE_PATTERNS = (
    (_PLACE_OF, re.compile(r"\s(?:of)\s")),
    (_PLACE_KIND, re.compile(r"District|Province|Prefecture|County|Island|Delta|Peninsula|Strait")),
    (
        _PLACE_IN,
        re.compile(r"(?:based|headquartered|located|born|incorporated|registered|situated) in"),
    ),
    (_PLACE_BASED, re.compile(r"-(?:based|headquartered)")),
)
#: Words that open no firm's name: posts, ranks and the words that start sentences.
_NOT_FIRST = frozenset(
    "the a an this that these those its their our his her it in on at for from by with and "
    "or but as of to however meanwhile also today yesterday last next new former chairman "
    "chief president founder director ceo mr ms mrs dr prof professor".split()
)


def kind_names(text: str) -> Iterator[tuple[str, EntityType]]:
    """The names ``text`` gives a firm's or a place's kind, with that type, each once.

    >>> list(kind_names("Macau resident Ho Kok Tou founded Pachira, an artificial "
    ...     "intelligence firm, in Hengqin. Rivals are tech companies like Baidu, Pony AI and "
    ...     "WeRide. NUS start-up Zimplistic, which won, began in the Chinese city of Tianjin."))
    [('Pachira', 'organisation'), ('Zimplistic', 'organisation'), \
('Baidu', 'organisation'), ('Pony AI', 'organisation'), ('WeRide', 'organisation'), \
('Tianjin', 'place')]
    """
    return iter(dict.fromkeys(_kind_names(text)))


def _kind_names(text: str) -> Iterator[tuple[str, EntityType]]:
    for pattern in (_APPOSITION, _KIND_BEFORE, _KIND_BEFORE_VERB, _KIND_COMMA, _OUTLET):
        for match in pattern.finditer(text):
            if name := _firm_name(match.group("name") or match.groupdict().get("own") or ""):
                yield name, "organisation"
    for match in (
        _CALLED.finditer(text) if re.search(r"called|named|dubbed|branded|known as", text) else ()
    ):
        if name := _firm_name(match.group("name")):
            yield name, "initiative" if match.group("programme") else "organisation"
    for match in _INITIATIVE_BEFORE.finditer(text):
        if name := _firm_name(match.group("name")):
            yield name, "initiative"
    for head in _LIST_HEAD.finditer(text):
        position = head.end()
        while item := _LIST_ITEM.match(text, position):
            if name := _firm_name(item.group("name")):
                yield name, "organisation"
            position = item.end()
            if not text[item.end("name") : position].strip():
                break  # the list ended
    for pattern, hint in _PLACE_PATTERNS:
        if not hint.search(text):
            continue  # the pattern's words are not in the text: no need to run it
        for match in pattern.finditer(text):
            for name in (match.group("name"), match.groupdict().get("more")):
                if name and (place := _place_name(name)):
                    # (a name with a number is a building or a site's: "located in Block 9")
                    yield place, "initiative" if any(c.isdigit() for c in place) else "place"


def _place_name(words: str) -> str | None:
    """The place without a sentence's opening words ("Meanwhile Tianhe District")."""
    kept = words.rstrip(".").split()
    while len(kept) > 1 and fold(kept[0]) in _NOT_FIRST:
        kept.pop(0)
    return _firm_name(" ".join(kept))


def _firm_name(words: str) -> str | None:
    """The name without a trailing full stop; None when its first word opens no name."""
    name = words.rstrip(".")
    if len(name) < 2 or fold(name.split()[0]) in _NOT_FIRST:
        return None
    return name
