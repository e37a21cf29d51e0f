"""A web page by URL, saved as an article file the user owns.

The page is fetched (:mod:`desktop.core.fetching`), its main content extracted by the HTML
reader (the same rules as a saved ``.html`` file: chrome cut, trafilatura's main text, link bars
dropped), and written as a Markdown file in the data folder's ``web/`` folder, which is one of
the user's sources. The file is theirs: it stays readable by any editor and in the library when
the page changes or goes away, and it is read back by the ordinary Markdown reader.

The URL is kept in the file's front matter (``url:``), so the reader's "Open Original" can open
the page in the browser, only when the user asks. A page saved again (the same URL) replaces
its own file, never adds a second one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import SourceError
from desktop.core.fetching import PAGE_TYPES, Fetcher, FetchError, check_url
from desktop.core.ingest.html_reader import article_from_html
from desktop.core.ingest.markdown_reader import front_matter
from desktop.core.locks import write_atomically
from desktop.core.model import Article

FOLDER_NAME = "web"
#: Saved pages start with this, so that a file of the folder can be told from one a user put
#: there (only saved pages carry a URL the app opens).
GENERATOR = "innoatlas-web-page"
MAX_SLUG = 60
#: How much of a file's start is read to find its URL (the front matter is a few lines).
HEAD_BYTES = 4096

_SLUG_DROP = re.compile(r"[^\w]+")
#: Characters that Markdown reads as markup anywhere in a line, and at a line's start (a
#: heading, a list item, a quote, "1." of a numbered list), escaped so every word comes back.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MARKDOWN_START = re.compile(r"^(\d{1,9})([.)])|^([#+=-])")


class PageError(SourceError):
    """A page could not be saved; ``str(e)`` is one line: fetching or reading it failed."""


@dataclass(frozen=True)
class SavedPage:
    """A page saved in the web folder: its file, its title and the URL it came from."""

    path: Path
    title: str
    url: str


def web_folder(data_dir: Path) -> Path:
    """The folder of saved pages in a data folder (made by the first page saved)."""
    return Path(data_dir) / FOLDER_NAME


def file_for(folder: Path, url: str, title: str) -> Path:
    """The file a URL's page is saved as: its title's words, then a hash of the URL (the
    same URL always finds its file, whatever its title became).

    >>> file_for(Path("/d/web"), "http://x.org/a", "HKSTP opens a lab!").name
    'hkstp-opens-a-lab-edf88245.md'
    """
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    slug = _SLUG_DROP.sub("-", title.lower()).strip("-_")[:MAX_SLUG].strip("-_") or "page"
    existing = sorted(folder.glob(f"*-{digest}.md")) if folder.is_dir() else []
    return existing[0] if existing else folder / f"{slug}-{digest}.md"


def escape(text: str) -> str:
    r"""Text that Markdown reads back as exactly this text.

    >>> print(escape("1. *Not* a list <b>, start-ups."))
    1\. \*Not\* a list \<b\>, start-ups.
    """
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return _MARKDOWN_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def page_markdown(article: Article, url: str) -> str:
    """The article as the Markdown file it is saved as: front matter (the URL, the date),
    the title as the first heading, then its headings and paragraphs."""
    lines = ["---", f"generator: {GENERATOR}", f"url: {url}"]
    if article.date is not None:
        lines.append(f"date: {article.date.iso()}")
    if article.authors:
        lines.append(f"author: {', '.join(article.authors)}")
    lines += ["---", "", f"# {escape(article.title)}", ""]
    if article.lead_question:
        lines += [escape(article.lead_question), ""]
    for block in article.blocks:
        text = escape(block.text)
        lines += [f"## {text}" if block.kind == "heading" else text, ""]
    return "\n".join(lines)


def original_url(path: Path) -> str | None:
    """The http(s) URL a saved page came from, read from its front matter; None for any other
    file (a user's own Markdown file with a ``url:`` field is not a saved page)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    fields, _body, _lines = front_matter(head)
    url = fields.get("url")
    if fields.get("generator") != GENERATOR or not url:
        return None
    try:
        check_url(url)
    except FetchError:
        return None
    return url


def article_of_page(body: bytes, url: str) -> Article:
    """The main content of a fetched page.

    Raises:
        PageError: the page holds no article text, or its markup cannot be read.
    """
    try:
        return article_from_html(body, url, fallback_title=url)
    except SourceError as error:
        raise PageError(f"{url}: {error}") from error


def save_page(url: str, fetcher: Fetcher, folder: Path) -> SavedPage:
    """Fetch ``url``, keep its main content and save it in ``folder``; return what was saved.

    Raises:
        FetchError: the page could not be fetched (refused, unreachable, too big...).
        PageError: it holds no article, or the file cannot be written.
    """
    response = fetcher.get(url, PAGE_TYPES)
    article = article_of_page(response.body, response.url)
    path = file_for(folder, url, article.title)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(path, page_markdown(article, url).encode("utf-8"), sweep=False)
    except OSError as error:
        raise PageError(f"{path} cannot be written: {error.strerror or error}.") from error
    return SavedPage(path, article.title, url)


__all__ = [
    "FOLDER_NAME",
    "PageError",
    "SavedPage",
    "article_of_page",
    "file_for",
    "original_url",
    "page_markdown",
    "save_page",
    "web_folder",
]
