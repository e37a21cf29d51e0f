"""Acronyms defined in the text itself: "Greater Bay Area (GBA)" makes GBA an alias.

A definition counts only when the acronym's capitals are the initials of the words before the
bracket, in order, starting with the first; so "(Guangzhou)" or "(Press Release)" never do.
"""

from __future__ import annotations

import re

#: "(HKMA)", and as contracts and filings define it: "(the HKMA)", "(“MAS”)", "(MAS, the
#: regulator)".
_DEFINITION = re.compile(
    r"\((?P<defined>the\s+|[\"“‘'])?[\"“‘']?([A-Z][A-Za-z&]{1,9})[\"”’']?(?P<close>\)|,\s)"
)
#: One capitalised word in brackets inside a name, a campus's city: "(Suzhou)".
_CAMPUS = re.compile(r"\(([A-Z][a-z]+)\)(?=\s+[A-Z])")
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "de", "&"})
MAX_LONG_WORDS = 10
#: After a bracket, the rest of a name: the letters were a part's, not a definition.
_NAME_GOES_ON = re.compile(
    r"\s+(?:Summit|Forum|Conference|Expo|Festival|Week|Awards?|Programme|Program|Fund|Scheme|"
    r"Centre|Center|Lab|Hub|Challenge|Competition)\b"
)


def _initials(words: list[str]) -> list[str]:
    letters = []
    for word in words:
        for part in re.split(r"[-‐]", word):
            if part and part.lower() not in _SMALL_WORDS and part[0].isalnum():
                letters.append(part[0].upper())
    return letters


def initialism(name: str) -> str | None:
    """The capitals a text may use for a name of three words or more without defining them
    ("HKMA" once "the Hong Kong Monetary Authority" is named): its words' initials, small
    words left out.

    >>> initialism("Hong Kong Monetary Authority")
    'HKMA'
    >>> initialism("Bank of China") is None
    True
    """
    letters = "".join(w[0] for w in name.split() if w[0].isupper())
    content = [w for w in name.split() if w.lower() not in _SMALL_WORDS]
    return letters if len(letters) >= 3 and len(letters) == len(content) else None


def _is_subsequence(needle: str, haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(letter in it for letter in needle)


def _letters_match(capitals: str, words: list[str]) -> bool:
    """The acronym's capitals found in order in the words' letters, the first at the first
    word's start, as Schwartz and Hearst's rule has it ("HKEX" in "Hong Kong Stock
    eXchange", "MOE" in "Ministry Of Education"), with no more words than capitals."""
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(content) > len(capitals) or not words[0].upper().startswith(capitals[0]):
        return False
    text = " ".join(words).upper()
    position = 0
    for letter in capitals:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def find_acronyms(text: str) -> list[tuple[str, str]]:
    """(long form, acronym) pairs defined in ``text``.

    >>> find_acronyms("the Hong Kong Science and Technology Parks Corporation (HKSTP) said")
    [('Hong Kong Science and Technology Parks Corporation', 'HKSTP')]
    >>> find_acronyms("public-private partnerships (PPPs) and the Internet of Things (IoT)")
    [('public-private partnerships', 'PPPs'), ('Internet of Things', 'IoT')]
    >>> find_acronyms("Hong Kong University of Science and Technology (Guangzhou)")
    []
    >>> find_acronyms("the University of Singapore (Suzhou) Research Institute (USRI) opened")
    [('University of Singapore (Suzhou) Research Institute', 'USRI')]
    >>> find_acronyms("approved by the US Food and Drug Administration (FDA)")
    [('US Food and Drug Administration', 'FDA')]
    >>> find_acronyms('the Monetary Authority of Singapore (the “MAS”) and Invest HK (IHK, a unit)')
    [('Monetary Authority of Singapore', 'MAS'), ('Invest HK', 'IHK')]
    """
    found = []
    for match in _DEFINITION.finditer(text):
        if _NAME_GOES_ON.match(text, match.end()):
            continue  # "World of Web3 (WOW) Summit": initials inside a longer name
        acronym = match.group(2)
        # A filing's "(the “FAQs”)" defines a term, not a name: those forms want a name.
        formal = match.group("defined") or match.group("close") != ")"
        capitals = "".join(c for c in acronym if c.isupper())
        if len(capitals) < 2 and not formal:
            continue  # "(Suzhou)" is a campus's city, not the initials of the words before
        window = text[max(0, match.start() - 200) : match.start()]
        # A campus's city in brackets is a word of the name, and no initial: "National
        # University of Singapore (Suzhou) Research Institute (NUSRI)".
        window = _CAMPUS.sub(r"⁽\1⁾", window)
        window = re.split(r"[()\[\].,;:!?\"“”]", window)[-1]  # a name never crosses punctuation
        before = re.findall(r"[\w'’&⁽⁾-]+", window)
        for count in range(1, min(MAX_LONG_WORDS, len(before)) + 1):
            words = before[-count:]
            if words[0].lower() in _SMALL_WORDS or words[0][0].upper() != capitals[0]:
                continue
            if formal and not words[0][0].isupper():
                continue
            initials = _initials(words)
            if (
                _is_subsequence(capitals, initials) and len(initials) <= len(capitals) + 2
            ) or _letters_match(capitals, words):
                long_form = " ".join([*_leading_name(before[:-count]), *words])
                found.append((long_form.replace("⁽", "(").replace("⁾", ")"), acronym))
                break
    return found


#: Capitalised words that open a sentence or clause, not a name.
_NOT_NAME_WORDS = frozenset(
    "the a an in on at by for from with as this that these those its their our his her my "
    "your and but or also when while if after before under over since until according "
    "meanwhile yesterday today tomorrow last next new both each every all some many".split()
)
#: A name goes on before its acronym's letters by this many words at most.
MAX_LEADING_WORDS = 3


def _leading_name(before: list[str]) -> list[str]:
    """The capitalised words right before a long form that are part of the same name: a
    country or a founder the acronym leaves out ("US Food and Drug Administration (FDA)",
    "Fraunhofer Institute for Production Technology (IPT)")."""
    lead: list[str] = []
    for word in reversed(before[-MAX_LEADING_WORDS:]):
        if (
            not word[0].isupper()
            or word.lower() in _NOT_NAME_WORDS
            or word.lower().endswith(("'s", "’s"))
        ):
            break
        lead.insert(0, word)
    return lead
