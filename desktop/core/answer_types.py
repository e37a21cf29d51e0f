"""What a question asks for, and whether a sentence holds it: a date for *when*, a sum of
money for *how much*, a count for *how many*, a share for *what share*, a size for *how large*,
a name (or people named by what they do) for *who*, a place for *where*, a list for
*which/what* + plural noun, a reason for *why*. The answer ranker (:mod:`desktop.core.answers`)
prefers passages whose sentences hold the kind of thing asked for.
"""

from __future__ import annotations

import re

_YEAR_OR_DATE = re.compile(
    r"\b(1[89]|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
    r"|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(last|next|this) (year|month|week)\b|\byesterday\b|\btoday\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?"
)
#: A count: a number that is not a year, a date or a sum of money.
COUNT = re.compile(
    rf"(?<![$\d.,])\b(?!(1[89]|20)\d\d\b)\d[\d,.]*\+?(?![\d%])(?!\s*(per ?cent|percent))"
    rf"|\b({_NUMBER_WORDS})\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[$€£¥]\s?\d|\b(hk|us|s|rmb|sgd|hkd|usd|eur|gbp|cny)\$?\s?\d"
    r"|\d\s?(million|billion|bn|m)\b|\b(yuan|dollars?|euros?|pounds)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\d\s?(%|per ?cent\b|percent\b)|\b(half|third|quarter|majority)\b", re.I)
_SIZE = re.compile(
    r"\d[\d,.]*\s?(square|sq|cubic|hectares?|acres?|km|kilomet|met|feet|ft|m2|m²|m³|storeys|floors)"
    r"|[$€£¥]\s?\d|\d\s?(million|billion)\b",
    re.IGNORECASE,
)
#: A name anywhere: one or more capitalised words, or an acronym.
_ANY_NAME = re.compile(
    r"\b(?:[A-Z][\w&@-]*[a-z]\w*|[A-Z]{2,}\w*)(?:[ -](?:of |and |the )?[A-Z]\w*)*"
)
#: People named by what they do answer *who* as a name does ("staffed by engineers",
#: "popular among domestic helpers"): nouns for people, in the plural.
_PEOPLE = re.compile(
    r"\b(?:[a-z]{3,}(?:ers|ists|ians|eurs)|staff|teams|experts|people|residents|students|"
    r"investors|mentors|advisors|directors|members|officials|employees|graduates|alumni)\b"
)
#: Plurals in -ers and -ists that are things, not people.
_THINGS = frozenset(
    "others numbers centers papers computers orders letters offers layers waters towers powers "
    "matters borders barriers chambers clusters containers filters markers meters quarters "
    "registers tiers headquarters answers shares rivers servers chapters banners corners "
    "characters parameters shelters remainders".split()
)
#: A word in -ers before a determiner is a verb ("HKSTP fosters the growth"), not people.
_DETERMINER_NEXT = re.compile(r"\s+(?:a|an|the|its|their|his|her|our|this|these|those|new|more)\b")
_LIST = re.compile(r"\bsuch as\b|\binclud(e|es|ing)\b|,[^,]+,[^,]+(,| and )", re.IGNORECASE)
_PLACE = re.compile(r"\b(in|at|from|near|to) (the )?[A-Z]\w+")

#: Nouns a question refers to a thing by, and the entity type such a thing has.
KIND_NOUNS = {
    "place": {"city", "country", "territory", "region", "nation", "state", "economy", "market"},
    "organisation": {
        "company", "firm", "organisation", "organization", "university", "institution",
        "council", "agency", "corporation", "operator", "bank", "group", "body", "regulator",
        "government", "authority", "startup", "school", "institute",
    },
    "initiative": {
        "scheme", "programme", "program", "fund", "initiative", "plan", "project", "zone",
        "park", "hub", "centre", "center", "sandbox", "event", "summit", "award", "prize",
        "competition", "platform", "campus", "facility", "cluster", "policy", "blueprint",
    },
}  # fmt: skip
#: Nouns a *what* question asks a sum of money with, and words for the most or least of one.
_MONEY_NOUNS = {
    "valuation", "value", "amount", "sum", "cost", "price", "budget", "cap", "fee", "funding",
    "investment", "capital", "revenue", "salary", "grant", "subsidy", "money",
}  # fmt: skip
_EXTREMES = {"most", "least", "maximum", "minimum", "highest", "lowest", "largest", "smallest"}
_REASON = re.compile(
    r"\b(because|due to|owing to|thanks to|as a result|in order to|so that|so as to|since|"
    r"given|need(s|ed)? (a|an|to)|ha(s|ve|d) to|must|require[sd]?|reason|why|lack)\b",
    re.IGNORECASE,
)
#: Nouns a *which* question asks for places with.
_WHICH_PLACES = {"places", "countries", "cities", "economies", "markets", "regions", "place"}


def answer_type(question: str) -> str | None:
    """What kind of thing the question asks for, from its opening words.

    >>> [answer_type(q) for q in ["When did it open?", "How many companies came?",
    ...     "Who leads IDEA?", "Which programmes did it set up?", "What does it do?",
    ...     "How much did it raise?", "What share of firms left?", "How large is the park?",
    ...     "Where and when was it held?", "Which university built it?"]]
    ['date', 'number', 'name', 'list', None, 'money', 'percent', 'size', 'place+date', 'name']
    >>> [answer_type(q) for q in ["What valuation must it have?", "What is the most it gives?",
    ...     "Why did it move?"]]
    ['money', 'money', 'reason']
    """
    words = re.findall(r"[\w'’]+", question.lower())
    if not words:
        return None
    first, second = words[0], words[1] if len(words) > 1 else ""
    third = words[2] if len(words) > 2 else ""
    if {first, third} == {"where", "when"} and second == "and":
        return "place+date"
    if first == "when" or (first in {"what", "which"} and second in {"year", "date", "month"}):
        return "date"
    if first == "how" and second == "many":
        return "number"
    if first == "how" and second == "much":
        return "number" if third in {"space", "land", "area", "time", "floor"} else "money"
    if first == "how" and second in {"large", "big", "long", "tall", "high"}:
        return "size"
    if first in {"what", "which"} and second in {"share", "percentage", "proportion", "portion"}:
        return "percent"
    if first in {"what", "which"} and (
        set(words[1:3]) & _MONEY_NOUNS or (second == "is" and set(words[2:4]) & _EXTREMES)
    ):
        return "money"
    if first == "why":
        return "reason"
    if first in {"who", "whom", "whose"}:
        return "name"
    if first == "where":
        return "place"
    if first in {"what", "which", "in"} and (second in _WHICH_PLACES or third in _WHICH_PLACES):
        return "places"
    if first in {"which"} and singular(second) in KIND_NOUNS["organisation"]:
        return "name"
    if (
        first in {"what", "which"}
        and len(second) > 3
        and second.endswith("s")
        and second not in {"does", "was", "has", "is"}
    ):
        return "list"
    return None


def singular(word: str) -> str:
    word = re.sub(r"['’]s$", "", word)
    return re.sub(r"ies$", "y", word) if word.endswith("ies") else word.removesuffix("s")


def has_answer_type(sentence: str, kind: str | None, question: str, names: str) -> bool:
    """Whether ``sentence`` holds what ``kind`` asks for (``names``: its entities' types)."""
    if kind is None:
        return False
    if "+" in kind:
        return all(has_answer_type(sentence, k, question, names) for k in kind.split("+"))
    if kind == "date":
        return bool(_YEAR_OR_DATE.search(sentence))
    if kind == "number":
        return bool(COUNT.search(sentence))
    if kind == "money":
        return bool(_MONEY.search(sentence))
    if kind == "percent":
        return bool(_PERCENT.search(sentence))
    if kind == "size":
        return bool(_SIZE.search(sentence))
    if kind == "reason":
        return bool(_REASON.search(sentence))
    if kind == "name":
        return (
            bool(set(names) & {"p", "o"})
            or _has_new_name(sentence, question)
            or any(_names_people(sentence, m) for m in _PEOPLE.finditer(sentence))
        )
    if kind == "place":
        return "l" in names or bool(_PLACE.search(sentence))
    if kind == "places":
        return names.count("l") >= 2 or ("l" in names and bool(_LIST.search(sentence)))
    if kind == "list":
        return bool(_LIST.search(sentence))
    return False


def _names_people(sentence: str, match: re.Match[str]) -> bool:
    """Whether a plural that may name people ("engineers") does: not a thing, not a verb."""
    if match.group(0) in _THINGS:
        return False
    return not _DETERMINER_NEXT.match(sentence, match.end())


def _has_new_name(sentence: str, question: str) -> bool:
    """A name of several words, or an acronym, that the question does not give."""
    asked = question.casefold()
    return any(
        (" " in name or name.isupper()) and name.casefold() not in asked
        for name in (m.group(0) for m in _ANY_NAME.finditer(sentence))
    )
