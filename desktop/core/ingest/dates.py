"""Recognising a line that is only a publication date, in the formats scrapes use.

A date line may carry a label ("Published:", "Updated on") and a time of day; what matters is
that nothing else is on the line, so that a sentence mentioning a date is never taken for one.
"""

from __future__ import annotations

import re
from datetime import date as _date

from desktop.core.model import ArticleDate

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_LABEL = r"(?:(?:published|posted|updated|date|last updated|first published)(?:\s+on)?\s*:?\s*)?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{2,4}\b)?"
_TIME = rf"(?:[,\s·•|-]+(?:at\s+)?{_CLOCK})?"
#: A time of day before the date: "Published: 11:31, September 19, 2025".
_TIME_FIRST = rf"(?:{_CLOCK}\s*[,·•|-]?\s*)?"
#: What may follow the date: a separator and more fields, or when it was updated ("2024-10-28
#: 15:12 Last Updated At:15:28").
_TAIL = _TIME + r"\s*(?:[|·•].*|(?:last\s+)?updated(?:\s+(?:at|on))?\s*:?\s*[\d:/.-]{4,16})?$"
_LABEL = _LABEL + _TIME_FIRST

_PATTERNS = [
    # December 2, 2024 / Dec. 2nd 2024, 5:25 pm
    re.compile(rf"^{_LABEL}{_WEEKDAY}{_MONTH}\s+{_DAY}[,.]?\s+{_YEAR}{_TAIL}", re.I),
    # a source, the time and the date: "People's Daily Online) 09:13, June 25, 2024"
    re.compile(
        rf"^(?-i:[A-Z][\w'’&.]*(?:\s+[\w'’&.]+){{0,4}})[)\s|·•,-]+{_CLOCK}[,\s]+"
        rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}$",
        re.I,
    ),
    # a byline with the date and time: "Sarah Tran Oct 15, 2019 10:00"
    re.compile(
        rf"^(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{1,2}})\s+{_MONTH}\s+{_DAY},?\s+{_YEAR}"
        rf"[,\s·•|-]+(?:at\s+)?{_CLOCK}$",
        re.I,
    ),
    # 2 December 2024 / Monday, 2 Dec 2024 / 16-Sep-2019
    re.compile(rf"^{_LABEL}{_WEEKDAY}{_DAY}(?:\s+|-){_MONTH}(?:,?\s+|-){_YEAR}{_TAIL}", re.I),
    # 2024-12-02 / 2024/12/02 / 2024.12.02, and a dateline after it: "2017-11-06, Li Wei in X"
    re.compile(
        rf"^{_LABEL}{_YEAR}[-/.](?P<month_n>\d{{1,2}})[-/.]{_DAY}(?:T[\d:.+-]+Z?)?"
        rf"(?:{_TAIL}|,\s+[^.!?]{{1,60}}$)",
        re.I,
    ),
    # 02-12-2024 / 02.12.2024: day first, as Hong Kong, Britain and most of the world write it
    re.compile(rf"^{_LABEL}{_DAY}[-.](?P<month_n>\d{{1,2}})[-.]{_YEAR}{_TAIL}", re.I),
    # 30/4/2024 or 4/30/2024: only when the order cannot be mistaken (a day above 12)
    re.compile(rf"^{_LABEL}(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{_YEAR}{_TAIL}", re.I),
    # 2024年12月2日 / 2024年12月
    re.compile(r"^(?P<year>\d{4})\s*年\s*(?P<month_n>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?$"),
    # January 2022 / 2022 January
    re.compile(rf"^{_LABEL}{_MONTH},?\s+{_YEAR}$", re.I),
    re.compile(rf"^{_LABEL}{_YEAR},?\s+{_MONTH}$", re.I),
    # 2024-12 (month)
    re.compile(rf"^{_LABEL}{_YEAR}-(?P<month_n>\d{{2}})$", re.I),
]


def parse_date_line(line: str) -> ArticleDate | None:
    """The date a line states, if the line is nothing but a date (labels and times allowed).

    >>> parse_date_line("December 2, 2024, 5:25 pm")
    ArticleDate(year=2024, month=12, day=2)
    >>> parse_date_line("2022 January")
    ArticleDate(year=2022, month=1, day=None)
    >>> parse_date_line("Published on 3 Mar 2023 | Hong Kong")
    ArticleDate(year=2023, month=3, day=3)
    >>> parse_date_line("In 2023, HKSTP took a bold step.") is None
    True
    """
    text = line.strip()
    if len(text) > MAX_DATE_LINE:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            return _from_match(match)
    return None


#: A date line is at most this long (labels, a time, a byline after a bar included).
MAX_DATE_LINE = 90
_LABELLED = re.compile(
    r"\b(?:published|posted|first published|date|released|issued)(?:\s+on)?\s*[:：]?\s*", re.I
)
_UPDATED = re.compile(r"\s*(?:[|·•]|\b(?:last\s+)?updated\b|\bsource\b)", re.I)


#: A line of the page's fields, starting with the date: "2021-05-20 12:00:00 Source: China
#: Today Author: staff reporter Zhou Lin".
FIELDS_LINE = re.compile(
    r"^(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(\s+\d{1,2}:\d{2}(:\d{2})?)?\s+"
    r"(?i:source|author|reporter|writer|editor|from|views?)\s*[:：]"
)


#: A wire story's dateline: "HONG KONG SAR - Media OutReach Newswire - 28 August 2024 - The".
_ANY_MONTH, _ANY_DAY, _ANY_YEAR = (
    re.sub(r"\?P<\w+>", "?:", part) for part in (_MONTH, _DAY, _YEAR)
)
_DATELINE = re.compile(
    r"^(?:[A-Z][\w .,'’()/]{1,60}?\s*[-–—,]\s*){1,3}"
    rf"(?P<date>{_ANY_MONTH}\s+{_ANY_DAY},?\s+{_ANY_YEAR}|{_ANY_DAY}\s+{_ANY_MONTH},?\s+{_ANY_YEAR})"
    r"\s*(?:/[\w ]{1,30}/)?\s*(?:[-–—:,]+)\s+\S",
    re.IGNORECASE,
)


def dateline_date(paragraph: str) -> ArticleDate | None:
    """The date of a dateline that opens a paragraph (the place, perhaps a wire, the date).

    >>> dateline_date("HONG KONG, March 3, 2023 /PRNewswire/ -- HKSTP said today it would")
    ArticleDate(year=2023, month=3, day=3)
    >>> dateline_date("In March 3, 2023 terms, nothing.") is None
    True
    """
    match = _DATELINE.match(paragraph[:200])
    return parse_date_line(match.group("date")) if match else None


def labelled_date(line: str) -> ArticleDate | None:
    """A date a short line labels as the publication date, wherever it stands in the line:
    "By Li Wei in Shenzhen Source: Global Times Published: 2019/8/29 22:38:40".

    >>> labelled_date("Author: Jane Zhang / Xi Wenjing Date:2022-05-07")
    ArticleDate(year=2022, month=5, day=7)
    >>> labelled_date("2021-05-20 12:00:00 Source:Daily Author:staff reporter ZHOU LIN")
    ArticleDate(year=2021, month=5, day=20)
    >>> labelled_date("The plan was published on the website.") is None
    True
    """
    if len(line) > 4 * MAX_DATE_LINE:
        return None
    if fields := FIELDS_LINE.match(line):
        return parse_date_line(fields.group("date"))
    for match in _LABELLED.finditer(line):
        rest = line[match.end() :]
        cut = _UPDATED.search(rest)
        parsed = parse_date_line(rest[: cut.start()] if cut else rest)
        if parsed is not None:
            return parsed
    return None


#: The most words a labelled date line may carry after its date (a section's name).
_SECTION_WORDS = 4


def label_first_date(line: str) -> ArticleDate | None:
    """The date of a line that opens with a date label, then the date, then perhaps a
    section's name: the label says what the date is, so the words after it are not a title.

    >>> label_first_date("date 2024-06-25 We Are China")
    ArticleDate(year=2024, month=6, day=25)
    >>> label_first_date("Dated words are 2024 old") is None
    True
    """
    text = line.strip()
    label = _LABELLED.match(text)
    if label is None or len(text) > MAX_DATE_LINE:
        return None
    words = text[label.end() :].split()
    for taken in range(min(len(words), 7), 0, -1):
        if len(words) - taken > _SECTION_WORDS:
            break
        parsed = parse_date_line(" ".join(words[:taken]))
        if parsed is not None:
            return parsed
    return None


def segment_date(line: str) -> ArticleDate | None:
    """The date of one of a short line's fields between separators: "孵化器 · 2026-05-19".

    For lines already known not to be article text (site chrome), whose fields are a
    section, a source, a date.

    >>> segment_date("孵化器 · 2026-05-19"), segment_date("News | March 3, 2023 | Tech")
    (ArticleDate(year=2026, month=5, day=19), ArticleDate(year=2023, month=3, day=3))
    """
    if len(line) > MAX_DATE_LINE:
        return None
    for field in _SEPARATORS.split(line):
        if (parsed := parse_date_line(field)) is not None:
            return parsed
    return None


_SEPARATORS = re.compile(r"\s*[|·•]\s*")


def _from_match(match: re.Match[str]) -> ArticleDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if (first > 12) == (second > 12):
            return None  # 3/4/2024: March or April, so no date rather than a wrong one
        day_n, month_n = (first, second) if first > 12 else (second, first)
        return _checked(year, month_n, day_n)
    if groups.get("month"):
        month: int | None = MONTHS[groups["month"].lower().rstrip(".")]
    elif groups.get("month_n"):
        month = int(groups["month_n"])
    else:
        month = None
    day = int(groups["day"]) if groups.get("day") else None
    return _checked(year, month, day)


def _checked(year: int, month: int | None, day: int | None) -> ArticleDate | None:
    try:
        _date(year, month or 1, day or 1)
    except ValueError:
        return None
    return ArticleDate(year, month, day)
