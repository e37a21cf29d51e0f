"""Rule-based cleaning of scraped text: drop site chrome, keep every content paragraph.

Each rule is general (what a line *is*, not which site it came from) and every removal is
recorded with the rule's name and a reason, so ``show --explain`` can say what was dropped.
The rules, in order:

- ``chrome``: whole lines that are site furniture anywhere (loading placeholders, image credits,
  share buttons, navigation, copyright lines);
- ``site-notice``: notices addressed to the visitor, at the start or end of the page only;
- ``comment-form``: a trailing block of comment-form lines, in any language: known phrases in
  several languages, or short lines in another script than the article's;
- ``repeat``: a paragraph that repeats an earlier one verbatim (scrapers often duplicate blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.model import Removal
from desktop.core.text import cjk_ratio, clean_line, fold, word_count


@dataclass(frozen=True)
class Line:
    """A non-blank line of the source, with its 1-based line number."""

    number: int
    text: str


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_CHROME = _any(
    r"^(loading|please wait|processing)\s*(\.{2,}|…)?$",
    r"^(image|photo|picture|video|graphic|illustration)s?\s*(credits?|source|courtesy)?\s*[:：|-]",
    r"^(credits?|source|photo|image)s?\s*:\s*\S.{0,80}$",
    r"^(photo|image|picture)\s+(by|courtesy of)\b.{0,80}$",
    r"^(send (this|it) to a friend|share (this|this article|this story|on \w+)|share:?"
    r"|email this|print this( article)?|tweet( this)?|follow us( on .*)?|like us on .*)$",
    r"^(advertisement|sponsored( content)?|skip to (main )?content|menu|search for:?)$",
    r"^(read more|continue reading|view all|see also|related (articles|posts|stories)"
    r"|previous (article|post)|next (article|post)|back to top)\s*[:›»>]*$",
    r"^(tags?|categor(y|ies)|filed under)\s*:",
    r"^(copyright\s*)?(©|\(c\))\s*\d{4}.*$|^.{0,60}\ball rights reserved\.?$",
    r"^([\w&' -]{1,30}\s*(>|»|›)\s*){2,}[\w&' -]{1,60}$",
)

_SITE_NOTICE = _any(
    r"\b(kindly|please) bear with us\b",
    r"\bwe are (creating|preparing|working on|building) (some|something)\b",
    r"\b(coming soon|under construction|under maintenance)\b",
    r"\bthis (site|website) uses cookies\b|\baccept (all )?cookies\b",
    r"\b(subscribe|sign up) (to|for) (our|the) newsletter\b",
    r"\benable javascript\b|\byour browser (is|does)\b",
)

_COMMENT_FORM = _any(
    r"^(leave a (reply|comment)|post (a )?comment|add a comment|comments?( \(\d+\))?"
    r"|\d+ comments?|cancel reply|reply|submit)\s*[:*]?$",
    r"your email address will not be published",
    r"required fields are marked",
    r"^(name|email|e-mail|website|comment)\s*\*?$",
    r"save my name, email",
    r"^(评论|評論|留言|回复|回覆|取消回复|取消回覆|发表评论|發表評論|发表回复|發表回覆|提交评论|提交評論)",
    r"(邮箱|郵箱|电子邮件|電子郵件|電郵)(地址)?(不会|不會)被公开|被公開",
    r"必填(项|項|欄位|字段)",
    r"^(名称|名稱|显示名称|顯示名稱|网站|網站|电子邮件|電子郵件)\s*\*?$",
    r"votre adresse e-mail ne sera pas publiée|laisser un commentaire",
    r"deja un comentario|tu dirección de correo electrónico no será publicada",
    r"deine e-mail-adresse wird nicht veröffentlicht|schreibe einen kommentar",
    r"メールアドレスが公開されることはありません|コメントを残す",
)

#: Lines this short (in words) or shorter may be chrome; longer lines are always content.
MAX_CHROME_WORDS = 25
#: A repeated line must be at least this long (in words) to be dropped as a repeat: short lines
#: such as list items or "Yes." may legitimately recur.
MIN_REPEAT_WORDS = 8
#: How many lines at each end of the page count as its edge (where site notices live).
EDGE_LINES = 3


def clean_lines(raw_text: str) -> tuple[list[Line], list[Removal]]:
    """Split raw text into non-blank lines and drop the chrome; return kept lines and removals.

    >>> kept, removed = clean_lines("Loading...\\nTitle here\\nBody text.\\nShare this")
    >>> [line.text for line in kept]
    ['Title here', 'Body text.']
    >>> [(r.line, r.rule) for r in removed]
    [(1, 'chrome'), (4, 'chrome')]
    """
    lines = [
        Line(number, text)
        for number, raw in enumerate(raw_text.splitlines(), start=1)
        if (text := clean_line(raw))
    ]
    removals: list[Removal] = []
    lines = _drop_chrome(lines, removals)
    lines = _drop_site_notices(lines, removals)
    lines = _drop_comment_form(lines, removals)
    lines = _drop_repeats(lines, removals)
    removals.sort(key=lambda r: r.line)
    return lines, removals


def _drop_chrome(lines: list[Line], removals: list[Removal]) -> list[Line]:
    kept = []
    for line in lines:
        if word_count(line.text) <= MAX_CHROME_WORDS and _CHROME.search(line.text):
            removals.append(
                Removal(line.number, line.text, "chrome", "site furniture, not article text")
            )
        else:
            kept.append(line)
    return kept


def _drop_site_notices(lines: list[Line], removals: list[Removal]) -> list[Line]:
    edge = {*range(EDGE_LINES), *range(len(lines) - EDGE_LINES, len(lines))}
    kept = []
    for index, line in enumerate(lines):
        if (
            index in edge
            and word_count(line.text) <= MAX_CHROME_WORDS
            and _SITE_NOTICE.search(line.text)
        ):
            removals.append(
                Removal(line.number, line.text, "site-notice", "a notice to the site's visitors")
            )
        else:
            kept.append(line)
    return kept


def _drop_comment_form(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Drop the trailing run of comment-form lines.

    The run is read backwards from the last line while lines are short and either use a known
    comment-form phrase or are written in another script than the article body; it is dropped
    only if it holds a known phrase or at least two foreign-script lines, so a short closing
    line of the article survives.
    """
    if not lines:
        return lines
    body_is_cjk = cjk_ratio(" ".join(line.text for line in lines)) > 0.5
    start = len(lines)
    known = foreign = 0
    while start > 1:
        line = lines[start - 1]
        if word_count(line.text) > MAX_CHROME_WORDS:
            break
        is_known = bool(_COMMENT_FORM.search(line.text))
        is_foreign = (cjk_ratio(line.text) > 0.5) != body_is_cjk
        if not (is_known or is_foreign):
            break
        known += is_known
        foreign += is_foreign
        start -= 1
    if known == 0 and foreign < 2:
        return lines
    for line in lines[start:]:
        removals.append(
            Removal(line.number, line.text, "comment-form", "a comment form after the article")
        )
    return lines[:start]


def _drop_repeats(lines: list[Line], removals: list[Removal]) -> list[Line]:
    seen: dict[str, int] = {}
    kept = []
    for line in lines:
        key = fold(line.text)
        first = seen.get(key)
        if first is not None and word_count(line.text) >= MIN_REPEAT_WORDS:
            removals.append(
                Removal(line.number, line.text, "repeat", f"repeats line {first} verbatim")
            )
            continue
        seen.setdefault(key, line.number)
        kept.append(line)
    return kept
