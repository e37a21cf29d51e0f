"""Rule-based cleaning of scraped text: drop site chrome, keep every content paragraph.

Each rule is general (what a line *is*, not which site it came from) and every removal is
recorded with the rule's name and a reason, so ``show --explain`` can say what was dropped.
The rules, in order:

- ``chrome``: whole lines that are site furniture anywhere (loading placeholders, image credits,
  share buttons, navigation, copyright lines), and short menu lines at the top in another
  script than the article's;
- ``page-title``: the page's own title above the headline, the headline and the site's name;
- ``site-notice``: notices addressed to the visitor (cookies, sign-in and paywall prompts),
  at the start or end of the page only;
- ``comment-form``: a trailing block of comment-form lines, in any language: known phrases in
  several languages, or short lines in another script than the article's;
- ``repeat``: a paragraph that repeats an earlier one verbatim (scrapers often duplicate blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.ingest.dates import FIELDS_LINE, parse_date_line
from desktop.core.model import CAPTION, Removal
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
    r"^(credits?|source|photo|image|from)s?\s*:\s*\S.{0,80}$",
    # a press release's preamble: "The following is issued on behalf of the ... Authority:"
    r"^the following (is|was) (issued|released|a (press )?release|a statement)\b.{0,100}$",
    r"^(photo|image|picture)\s+(by|courtesy of)\b.{0,80}$",
    r"^(send (this|it) to a friend|share (this|this article|this story|on \w+)|share:?"
    r"|email this|print this( article)?|tweet( this)?|follow us( on .*)?|like us on .*)$",
    r"^(advertisement|sponsored( content)?|menu|search for:?|breaking news|just in|pdf view"
    r"|print( version)?|e-?paper)$",
    r"^skip to (the )?(main )?(content|navigation|search)\b.{0,40}$",
    r"^go ?to \S+\.[a-z]{2,}\S*$",
    r"^(email|e-mail|print|share|send|save) this (article|story|page|post)\b.{0,60}$",
    # "5 min read", on a short line, glued to its neighbours too: "2 hours ago7 min read0 comments"
    r"^(?!.{120}).*(?<![\d.])\d+\s*min(ute)?s?\s+read(?![a-z])",
    r"^(authors?|reporters?|editors?|writers?|text|words)\s*[:：]\s*\S.{0,100}$",
    r"^(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d{1,2}[.:]\d{2}\s*(am|pm|a\.m\.|p\.m\.)?$",
    # an agency and a time stamp: "Xinhua | Updated: 2019-02-22 13:25 Share"
    r"^.{0,40}[|·•]\s*(updated|published|posted)\s*[:：]?\s*\d.{0,60}$",
    r"^you are here\s*:",
    # a section's name above its story: "Press Releases", "News Centre", "Media Releases"
    r"^((press|media|news|industry|latest|company|corporate|university|school)\s+)?"
    r"(news|releases?|press releases?|news ?room|news cent(re|er)|publications|announcements)"
    r"(\s*(&|and)\s*(publications|events|media|updates|releases))?$",
    r"^[\w&.'’ -]{1,40}\s+logo.{0,80}$",
    r"^[\W_]+$",
    # a finance portal's market status: "U.S. markets close in 5 hours 36 minutes"
    r"^([\w.]+\s+){0,2}markets? (open|close)s? in (\d+\s*(hours?|hrs?|minutes?|mins?)\s*){1,2}$"
    r"|^([\w.]+\s+){0,2}markets? (are )?(open|closed)$",
    # a market quote: "21,988.68", "+46.52 (+0.21%)"
    r"^[+\-−]?\d[\d,]*\.\d+%?$|^[+\-−]\d[\d,]*(\.\d+)?%?\s*\([+\-−]?\d[\d,.]*%?\)$",
    # a row of share buttons: "Facebook Twitter", "Share: WhatsApp | Email"
    r"^(share( on| this)?\s*[:：]?\s*)?((facebook|twitter|x|linkedin|whatsapp|e-?mail|print|weibo"
    r"|wechat|telegram|reddit|line|copy link)\s*(?:[|/•·,]\s*)?){2,9}$",
    # a page's print and font-size buttons: "Friendly Print :", "Font Setting :"
    r"^(friendly print|printer[- ]friendly( version)?|font( size| setting)s?|text size)\s*[:：]?$",
    r"^\d{1,3}\s*[-/]\s*\d{1,3}$",
    r"[\w)\]-]\.(jpe?g|png|gif|webp|svg)$",
    # an image's name and size in pixels: "Updated blog banner visual 600 200"
    r"^.{0,60}\b(banner|thumbnail|visual|image|photo|logo|icon)s?\b.{0,30}?\b\d{2,4}\s*[x×]?\s*"
    r"\d{2,4}\b[\d\s]{0,8}$",
    r"^(a |our |the )?(free )?(weekly |daily )?newsletters?( for you)?$",
    # a field's label alone on its line, its value on the next: "Date" above "24 September 2017"
    r"^(date|published( on)?|posted( on)?|updated( on)?|release date|date published)\s*[:：]?$",
    r"^(what'?s new|full (article|story|text)|read (the )?full (article|story))\s*[:›»>]*$",
    r"^(read more|continue reading|view all|see also|related (articles|posts|stories)"
    r"|previous (article|post)|next (article|post)|back to top|(top|bottom) of (the )?page)"
    r"\s*[:›»>]*$",
    # a blog platform's author badge: "Writer's picture Jane Doe"
    r"^writer['’]s picture.{0,60}$",
    r"^(tags?|categor(y|ies)|filed under)\s*:",
    r"^(copyright\s*)?(©|\(c\))\s*\d{4}.*$|^.{0,60}\ball rights reserved\.?$",
    r"^([\w&' -]{1,30}\s*(>|»|›)\s*){2,}[\w&' -]{1,60}$",
    r"^home\s*(>|»|›)\s*[\w&' -]{1,60}$",
    # a page's buttons in brackets: "【Close】 【Print】"
    r"^(\s*【[^】]{1,12}】){2,}.{0,30}$",
    # when the page was last changed, which is not when the story was published
    r"^last (updated|modified|reviewed)\b.{0,40}\d.{0,20}$",
    # the site's name and address: "The Daily Online --- http://www.daily.example/english/"
    r"^[^.!?]{2,60}?\s*(-{2,}|[|–—:])\s*(https?://|www\.)\S+$",
    # a link to another story: "READ MORE: <headline>", "Also read - <headline>"
    r"^(read more|also read|read also|see also|related( articles?| stories| news)?|recommended"
    r"|more on this( story)?|watch|listen|explore more)\s*[:：|–—-]\s*\S.*$",
    # contact footers: "Telephone: (852) ...", "Address: ...", "For more details, please visit"
    r"^(tel|telephone|phone|fax|mobile|e-?mail|address|enquiries|inquiries|media enquiries"
    r"|contact( us| person)?|website|web|hotline|whatsapp)\s*(no\.?)?\s*[:：]",
    r"^(for|to (get|learn|find out)) more (details|information|info)\b.{0,80}"
    r"\b(visit|see|contact|click|call|email|go to)\b.{0,120}$",
    r"^more (details|information|info) (is|are|can be) (available|found)\b.{0,120}$",
    r"^\(?(click|tap) here\b.{0,120}$",
    r"^((back|return) to (top|home|homepage|site|news|list|(all|the|main) .{1,30})"
    r"|subscribe( now| today| to .{1,40})?"
    r"|sign up( now| today| for .{1,40})?|get in touch|contact us|log ?in|sign in|register"
    r"|download (the|our) app)$",
    r"^(previous|prev)\s*(article|post|story|page)?\s*[|/•·]?\s*next\s*(article|post|story|page)?$",
    # an identifier, not words: a template's leftover key ("gov_rss")
    r"^[\w.-]*_[\w.-]*$",
    # a run of separators, or of language names and codes (a language switcher)
    r"^[\s|•·\-_=*~#/\\]{3,}$",
    r"^((english|eng?|繁體中文|繁体中文|简体中文|簡體中文|中文|繁體|简体|繁|简|簡|tc|sc|zh|"
    r"français|deutsch|español|日本語|한국어|bahasa( indonesia| melayu)?)\s*[|/•·,]?\s*){1,6}$",
    # a photo's caption or credit at the end of a line: "... Photo: Agency"
    r"[\s(\[]((file )?photos?|images?|pictures?|credit|source)\s*[:：]\s*[\w .&/'’-]{2,40}[)\]]?$",
    # a caption naming a person, their post and their body, with no verb: "Jane Lee, Head of
    # Ventures, SeaBank."
    r"^[A-Z][\w'’-]+(\s[A-Z][\w'’-]+){1,3},\s+[^,]{0,40}\b(head|director|chief|founder|partner"
    r"|manager|professor|president|chair(man|woman|person)?|officer|ceo|dean|lead)\b[^,]{0,40},"
    r"\s+(?-i:[A-Z])[\w&.'’ -]{1,60}\.?$",
    r"^(from )?(left|right) to (right|left)\s*[:：]?$",
    # and as "Jane Lee, co-founder of SeaBank." or "(From left to right:) Li Wei, lawyer at
    # the Harbour Law Office.", with no verb after the body's name
    r"^((from )?(left|right) to (right|left)\s*[:,]\s*)?[A-Z][\w'’-]+(\s[A-Z][\w'’-]+){1,3},\s+"
    r"(?!.*\b(said|says|told|tells|added|adds|noted|explained|expressed|announced|stated|is|are"
    r"|was|were|has|have|had|will|would|can|could|hopes?|wants?|believes?)\b)[^,;]{0,40}"
    r"\b(head|director|chief|founder|partner|manager|professor|president|chair(man|woman|person)?"
    r"|officer|ceo|dean|lead|lawyer|engineer|researcher|scientist|secretary|minister)\b"
    r"[^,;]{0,40}\s(of|at)\s+[^,;!?]{2,90}?(,\s*(ltd|limited|inc)\.?)?\.?$",
)
#: A caption, however long: it says who stands where in the picture ("(5th from left)"), or
#: ends with its photo's credit, agency and photographer: "(Xinhua/Mao Siqian)", "(EDMOND TANG
#: / CHINA DAILY)".
_CAPTION = re.compile(
    r"\((\d+(st|nd|rd|th)|first|second|third|fourth|fifth|far|front|back|centre|center)( row)?"
    r",?\s+(from\s+)?(left|right)\)|\((left|right|centre|center|front row|back row)\)"
    r"|\((?-i:[A-Z])[\w.'’-]*(\s(?-i:[A-Z])[\w.'’-]*){0,3}\s?/\s?(?-i:[A-Z])[\w.'’-]*"
    r"(\s(?-i:[A-Z])[\w.'’-]*){0,3}\)\s*$"
    # it opens by reading the picture: "From left to right: ...", "(L-R) ...", "Pictured: ..."
    r"|^\(?(pictured\s*\(?)?(from\s+)?(left|right|l)\s*(to|-|–)\s*(right|left|r)\)?\s*[:：,)]"
    r"|^\(?(pictured|clockwise from [\w ]{2,20}|from left)\)?\s*[:：,)]"
    # or closes with its photo's credit after the last sentence: "... Photo: Handout",
    # "... (Photo: Agency)", "... on Sept. 13, 2018. (The Epoch Times)"
    r"|([.!?”\"]\s+|\()((file\s+)?photos?|images?|pictures?|photo credit|credit)\s*[:：]"
    r"\s*[\w .&/'’-]{2,40}\)?\.?$"
    r"|(?<=[.!?])\s+\((?-i:[A-Z])[\w&.'’-]*(\s(?-i:[A-Z])[\w&.'’-]*){0,3}\)$",
    re.IGNORECASE,
)
MAX_CAPTION_WORDS = 80

#: The end of a paragraph that asks the reader to follow a link the scrape did not keep:
#: "... More information is available at", "(Click here to download the terms.)".
_LINK_PROMPT = re.compile(
    r"(?:(?<=[.!?)])|^)\s*(?:\(?(?:click|tap) here\b[^()]{0,160}\)?"
    r"|(?:more|further) (?:details|information|info) (?:is|are|can be) "
    r"(?:available|found)(?: (?:at|on|here|from))?[:.]?"
    r"|for (?:more|further) (?:details|information)[^.]{0,80}\b(?:visit|see)[:.]?"
    # a broadcast's sign-off: "CGTN reporter Zhou Jiaxin shows us more."
    r"|(?:[A-Z][\w-]*\s+)?reporter\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+){1,2}\s+"
    r"(?:shows|tells|brings|has)\s+(?:us|you)\b[^.]{0,20}\.?)\s*$",
    re.IGNORECASE,
)

#: A byline is a line of its own: "By Jane Doe", "By Jane Doe and Li Wei in Hong Kong".
_BYLINE = re.compile(
    r"^[•·*-]?\s*(?i:by|(?:written|words|text|reporting|reported|article|compiled|contributed)"
    r"\s+by|reporters?|authors?|editors?)(?:\s*[:：]\s*|\s+)(?i:(?:staff\s+)?reporter\s+)?"
    r"(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
    r"(?:\s*[,|]?\s+(?i:in|from)\s+[A-Z][\w]*(?:\s+[A-Z][\w]*){0,2})?"
    r"(?:\s*\(.{1,30}\))?(?:\s*[|,•·-]\s*.{0,60})?"
    r"(?:\s+(?i:source|published|updated|posted)\s*[:：].{0,80})?$"
)

#: An author's field anywhere in a line of fields: "... Author: Jane Zhang".
AUTHOR_FIELD = re.compile(r"\b(?i:authors?|reporters?|writers?)\s*[:：]\s*(?=\S)")

#: An author's line: "Author: Jane Zhang / Xi Wenjing Date: 2022-05-07".
_AUTHOR_LABEL = re.compile(
    r"^(?i:authors?|reporters?|writers?)\s*[:：]\s*(?i:(?:staff\s+)?reporter\s+)?[A-Z]"
)

#: A heading that opens the links to other stories after an article: everything from it to
#: the end of the page is those links ("Latest News", "You may also like").
_OTHER_STORIES = _any(
    r"^((the )?(latest|related|more|recent|popular|top|trending|recommended|other|similar)"
    r"(\s+[\w&]+)?\s+(news|stories|articles|posts|reads|headlines|updates|content))$",
    r"^(you (may|might) also like|most (read|popular|viewed|shared)|read next|"
    r"what to read next|recommended for you|more from .{1,40}|more in .{1,40}|"
    r"related|related links|also in the news|editor'?s picks)$",
)

_SITE_NOTICE = _any(
    r"\b(kindly|please) bear with us\b",
    r"\bwe are (creating|preparing|working on|building) (some|something)\b",
    r"\b(coming soon|under construction|under maintenance)\b",
    r"\bthis (site|website) uses cookies\b|\baccept (all )?cookies\b",
    r"\b(subscribe|sign up) (to|for) (our|the) newsletter\b",
    r"\benable javascript\b|\byour browser (is|does)\b",
    # how to print or zoom the page: "press Ctrl + P to switch on the print function"
    r"\bpress\b.{0,20}\b(ctrl|alt|cmd)\s*\+.{0,120}\b(print|zoom|font|text size|larger|smaller)",
    # a sign-in or subscription form's prompts
    r"\bplease enter (it|your)\b|\benter your (email|e-mail|name|member|password)\b"
    r"|\((optional|required)\)$",
    r"\b(enjoy|get|unlock) (unlimited|full|free) acces{1,2}\b",
    r"\bvalues your privacy\b|\bnever sell your (data|information)\b"
    r"|\bby submitting your (information|details|email)\b",
)
#: A notice to the visitor is this long at most (a privacy notice runs to a paragraph).
MAX_NOTICE_WORDS = 80

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

#: A list item's bullet, which a chrome line may carry ("• Related Posts").
_BULLET = re.compile(r"^[•·▪►*]\s*")

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
    lines = _drop_link_prompts(lines, removals)
    lines = _drop_weather(lines, removals)
    lines = _drop_other_stories(lines, removals)
    lines = _drop_running_headers(lines, removals)
    lines = _drop_chrome(lines, removals)
    lines = _drop_page_titles(lines, removals)
    lines = _drop_foreign_menus(lines, removals)
    lines = _drop_leading_menus(lines, removals)
    lines = _drop_site_notices(lines, removals)
    lines = _drop_comment_form(lines, removals)
    lines = _drop_repeats(lines, removals)
    removals.sort(key=lambda r: r.line)
    return lines, removals


def _drop_link_prompts(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Cut a prompt to follow a missing link off the end of a paragraph (the rest stays)."""
    kept = []
    for line in lines:
        match = _LINK_PROMPT.search(line.text) if len(line.text) < 20_000 else None
        if match is None:
            kept.append(line)
            continue
        removals.append(
            Removal(line.number, match.group(0).strip(), "link-prompt", "a link that is not there")
        )
        if rest := line.text[: match.start()].rstrip():
            kept.append(Line(line.number, rest))
    return kept


#: Links to other stories start after this many content paragraphs (lines this long).
CONTENT_BEFORE_OTHER_STORIES = 2
CONTENT_WORDS = 12


def _drop_other_stories(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Drop a trailing list of other stories: from a heading such as "Latest News", after
    the article's paragraphs, to the end (headlines, dates and teasers of other articles)."""
    paragraphs = 0
    for index, line in enumerate(lines):
        paragraphs += word_count(line.text) >= CONTENT_WORDS
        if paragraphs >= CONTENT_BEFORE_OTHER_STORIES and _OTHER_STORIES.match(line.text):
            for line in lines[index:]:
                removals.append(
                    Removal(line.number, line.text, "other-stories", "links to other stories")
                )
            return lines[:index]
    return lines


_TEMPERATURE = re.compile(r"^-?\d{1,2}(?:[.,]\d)?\s*°?\s*[CF]$")


def _drop_weather(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Drop a site's weather bar: temperatures, the short place names and the clock (today's
    date, which is not the article's) beside them."""
    hot = {i for i, line in enumerate(lines) if _TEMPERATURE.match(line.text)}
    drop = set(hot)
    for index in hot:
        for near in (index - 1, index + 1):
            if 0 <= near < len(lines) and (
                word_count(lines[near].text) <= 3 or parse_date_line(lines[near].text)
            ):
                drop.add(near)
    for index in sorted(drop):
        line = lines[index]
        removals.append(Removal(line.number, line.text, "weather", "the site's weather bar"))
    return [line for index, line in enumerate(lines) if index not in drop]


#: A running header is this many short capitalised lines in a row, or more.
RUNNING_HEADER_LINES = 3
RUNNING_HEADER_WORDS = 4
RUNNING_HEADER_CHARS = 60


def _is_caps_fragment(text: str) -> bool:
    if len(text) > RUNNING_HEADER_CHARS:  # most lines: too long to be one
        return False
    letters = [c for c in text if c.isalpha()]
    return (
        word_count(text) <= RUNNING_HEADER_WORDS
        and len(letters) >= 2
        and sum(c.isupper() for c in letters) / len(letters) >= 0.8
        and not ends_sentence_mark(text)
    )


def ends_sentence_mark(text: str) -> bool:
    """True when the text ends with a full stop, question or exclamation mark."""
    return text.rstrip("\"'”’) ").endswith((".", "?", "!", "。"))


def _drop_running_headers(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Drop runs of short all-capital lines ("THE UNIVERSITY OF" / "HONG KONG" / "ANNUAL
    REPORT 2024"): a printed page's running header broken over lines, not a headline (one
    capitalised line on its own stays: it may be the title)."""
    drop: set[int] = set()
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and _is_caps_fragment(lines[end].text):
            end += 1
        if end - start >= RUNNING_HEADER_LINES:
            drop.update(range(start, end))
        start = max(end, start + 1)
    for index in sorted(drop):
        line = lines[index]
        removals.append(
            Removal(line.number, line.text, "running-header", "a printed page's running header")
        )
    return [line for index, line in enumerate(lines) if index not in drop]


def is_caption(text: str) -> bool:
    """A picture's caption: kept out of the text, though the people it names are linked."""
    return word_count(text) <= MAX_CAPTION_WORDS and bool(_CAPTION.search(text))


def _drop_chrome(lines: list[Line], removals: list[Removal]) -> list[Line]:
    captions = {index for index, line in enumerate(lines) if is_caption(line.text)}
    chrome = [
        (
            word_count(line.text) <= MAX_CHROME_WORDS
            and bool(
                _CHROME.search(line.text)
                or (_BULLET.match(line.text) and _CHROME.search(_BULLET.sub("", line.text)))
                or _BYLINE.match(line.text)
                or FIELDS_LINE.match(line.text)
            )
        )
        or index in captions
        for index, line in enumerate(lines)
    ]
    bylines = {
        index
        for index, line in enumerate(lines)
        if chrome[index]
        and word_count(line.text) <= MAX_CHROME_WORDS
        and (
            _BYLINE.match(line.text)
            or _AUTHOR_LABEL.match(line.text)
            or (FIELDS_LINE.match(line.text) and AUTHOR_FIELD.search(line.text))
        )
    }
    # A name alone on a line next to the date line, below the headline, is the author's
    # (above any longer line it may be the headline itself: "Lab Opens").
    for index, line in enumerate(lines[:HEADER_LINES]):
        near = lines[max(0, index - 1) : index + 2]
        below_headline = any(word_count(o.text) >= AUTHOR_BELOW_WORDS for o in lines[:index])
        if (
            below_headline
            and not chrome[index]  # "Facebook Twitter" is a row of buttons, not a name
            and _AUTHOR.match(line.text)
            and any(parse_date_line(n.text) for n in near if n is not line)
        ):
            chrome[index] = True
            bylines.add(index)
    # The publication under a byline: "By Jane Doe" / "From Harbour Magazine (vol. 541)".
    for index in sorted(bylines):
        if index + 1 < len(lines) and _FROM_PUBLICATION.match(lines[index + 1].text):
            chrome[index + 1] = True
    # The name heading a contact block ("InnoHK Team, Innovation & Technology Commission")
    # goes with the telephone and address lines under it.
    for index in range(len(lines) - 1):
        if (
            not chrome[index]
            and _CONTACT.match(lines[index + 1].text)
            and word_count(lines[index].text) <= CONTACT_NAME_WORDS
            and not lines[index].text.rstrip().endswith((".", "!", "?", ":"))
        ):
            chrome[index] = True
    kept = []
    for index, (line, is_chrome) in enumerate(zip(lines, chrome, strict=True)):
        if index in bylines:
            removals.append(Removal(line.number, line.text, "byline", "the authors, kept apart"))
        elif index in captions:
            removals.append(Removal(line.number, line.text, CAPTION, "a picture's caption"))
        elif is_chrome:
            removals.append(
                Removal(line.number, line.text, "chrome", "site furniture, not article text")
            )
        else:
            kept.append(line)
    return kept


_FROM_PUBLICATION = re.compile(
    r"^(?i:from|via|source\s*:)\s+(the\s+)?[A-Z][\w&.'’-]*(\s+[A-Z][\w&.'’-]*){0,4}"
    r"(\s*\([^()]{1,20}\))?\s*$"
)

#: How many first lines hold the header (title, byline, date).
HEADER_LINES = 12
_AUTHOR = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}$")
AUTHOR_BELOW_WORDS = 5
#: A contact block's heading is this short or shorter.
CONTACT_NAME_WORDS = 10
_CONTACT = re.compile(
    r"^(tel|telephone|phone|fax|mobile|e-?mail|address|enquiries|inquiries|hotline)\s*(no\.?)?"
    r"\s*[:：]",
    re.IGNORECASE,
)


#: The site's name after a page's title: "Lab Opens - Daily News", "Lab Opens | Xinhua".
_SITE_SUFFIX = re.compile(r"\s*[-|–—:·]\s*[\w&.'’ ]{2,40}")
SITE_SUFFIX_WORDS = 5


def _drop_page_titles(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Drop the page's own title above the headline, the headline plus the site's name
    ("Lab Opens - Daily News" just above "Lab Opens"): the headline says it without it."""
    drop = set()
    for index, line in enumerate(lines[:HEADER_LINES]):
        for later in lines[index + 1 : index + 4]:
            rest = line.text[len(later.text) :]
            if (
                word_count(later.text) >= 2
                and line.text.startswith(later.text)
                and _SITE_SUFFIX.fullmatch(rest)
                and word_count(rest) <= SITE_SUFFIX_WORDS
            ):
                drop.add(index)
    for index in sorted(drop):
        line = lines[index]
        removals.append(
            Removal(line.number, line.text, "page-title", "the headline with the site's name")
        )
    return [line for index, line in enumerate(lines) if index not in drop]


#: A menu's line is this short (in characters).
MAX_MENU_CHARS = 30


def _drop_foreign_menus(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Drop short CJK lines at the top of an article in another script: a site's menu or
    language links ("切換側邊選單" above an English story), never its text. (Latin lines at
    the top of a Chinese story stay: names and brands are written so.)"""
    if cjk_ratio(" ".join(line.text for line in lines)) > 0.5:
        return lines
    drop = set()
    for index, line in enumerate(lines[:HEADER_LINES]):
        if cjk_ratio(line.text) <= 0.5:
            if word_count(line.text) >= CONTENT_WORDS:
                break  # the story has begun: what follows is its own (or a comment form's)
        elif len(line.text) <= MAX_MENU_CHARS:
            drop.add(index)
    for index in sorted(drop):
        line = lines[index]
        removals.append(
            Removal(line.number, line.text, "chrome", "a menu in another script than the article")
        )
    return [line for index, line in enumerate(lines) if index not in drop]


#: A run of this many short bulleted lines before the story is a menu or a ticker (a story's
#: own list before its first long paragraph is shorter, or is introduced with a colon).
MIN_MENU_ITEMS = 8
#: A menu item is this short (in words) at most.
MAX_MENU_ITEM_WORDS = 4


def _drop_leading_menus(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Drop long runs of short bulleted lines above the story's first paragraph ("• S&P 500",
    "• NASDAQ" of a market ticker; "• News", "• Sport" of a menu). A shorter list, one after
    a colon, and any list after the first paragraph stay."""
    drop: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, Line(0, "")]):
        item = _BULLET.match(line.text) and word_count(line.text) <= MAX_MENU_ITEM_WORDS
        if item:
            run.append(index)
            continue
        introduced = run and run[0] > 0 and lines[run[0] - 1].text.rstrip().endswith(":")
        if len(run) >= MIN_MENU_ITEMS and not introduced:
            drop.update(run)
        run = []
        if word_count(line.text) >= CONTENT_WORDS:
            break  # the story has begun
    for index in sorted(drop):
        line = lines[index]
        removals.append(Removal(line.number, line.text, "chrome", "a menu above the story"))
    return [line for index, line in enumerate(lines) if index not in drop]


def _drop_site_notices(lines: list[Line], removals: list[Removal]) -> list[Line]:
    """Drop notices among the first and last `EDGE_LINES` lines kept: the edge moves past each
    notice dropped, so a stack of them ("enable JavaScript", "press Ctrl + P") goes whole."""
    dropped: set[int] = set()
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        kept = 0
        for index in order:
            if kept >= EDGE_LINES:
                break
            line = lines[index]
            if index in dropped:
                continue
            if word_count(line.text) <= MAX_NOTICE_WORDS and _SITE_NOTICE.search(line.text):
                dropped.add(index)
                why = "a notice to the site's visitors"
                removals.append(Removal(line.number, line.text, "site-notice", why))
            else:
                kept += 1
    return [line for index, line in enumerate(lines) if index not in dropped]


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
