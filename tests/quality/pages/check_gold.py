"""Check the gold files of the development pages against their pages.

Run: ``.venv/bin/python tests/quality/pages/check_gold.py`` (CI does, before the measures).
Another folder of pages in the same format is checked by naming it
(``check_gold.py tests/quality/holdout``). Prints one line per problem, then a summary.
Exit status 1 when there are problems.
"""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import get_args

from desktop.core.model import ENTITY_TYPES, RelationType

HERE = Path(__file__).resolve().parent
SUFFIXES = (".html", ".txt")
#: The types and relations the app has: a gold file names no other.
TYPES = set(ENTITY_TYPES)
RELATIONS = set(get_args(RelationType))
KEYS = {"url", "site", "title", "date", "chrome", "content", "entities", "relations", "questions"}
#: "mentioned": entities the page names that are right to find but not key to it (a country
#: named in passing); discovering one is not junk, missing one is no miss.
OPTIONAL = {"mentioned"}
BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "nav",
    "article",
    "section",
    "aside",
    "main",
    "br",
    "tr",
    "td",
    "th",
    "table",
    "figure",
    "figcaption",
    "blockquote",
    "title",
    "body",
    "head",
    "html",
    "span-block",
    "address",
    "button",
    "form",
    "label",
    "dt",
    "dd",
    "dl",
    "hr",
}
SKIP = {"script", "style"}


class _Text(HTMLParser):
    """Text between tags, a line break at each block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_text(path: Path) -> tuple[str, list[str], str]:
    """(collapsed text, paragraphs, head text incl. meta) of a page."""
    raw = path.read_text("utf-8")
    if path.suffix == ".txt":
        paragraphs = [collapse(line) for line in raw.splitlines() if line.strip()]
        return collapse(raw), paragraphs, ""
    parser = _Text()
    parser.feed(raw)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [collapse(line) for line in text.split("\n") if line.strip()]
    metas = " ".join(html.unescape(m) for m in re.findall(r'content="([^"]*)"', raw))
    return collapse(text), paragraphs, metas


def check(gold_path: Path, problems: list[str], stats: dict) -> None:
    slug = gold_path.stem
    pages = [gold_path.with_suffix(s) for s in SUFFIXES if gold_path.with_suffix(s).exists()]
    say = lambda msg: problems.append(f"{slug}: {msg}")  # noqa: E731
    if len(pages) != 1:
        say(f"expected one page file, found {len(pages)}")
        return
    try:
        gold = json.loads(gold_path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        say(f"bad JSON: {err}")
        return
    if not isinstance(gold, dict) or not KEYS <= set(gold) <= KEYS | OPTIONAL:
        differ = sorted(set(gold) ^ KEYS) if isinstance(gold, dict) else "not an object"
        say(f"keys differ: {differ}")
        return
    text, paragraphs, _metas = page_text(pages[0])
    lowered = [p.lower() for p in paragraphs]

    def occurs(s: str, what: str) -> None:
        if not isinstance(s, str) or not s.strip():
            say(f"{what}: not a non-empty string: {s!r}")
        elif collapse(s) not in text:
            say(f"{what} not in page: {s!r}")

    for key in ("url", "site", "title"):
        if not isinstance(gold[key], str) or not gold[key]:
            say(f"{key} must be a non-empty string")
    if isinstance(gold["url"], str) and gold["site"] not in gold["url"]:
        say("site is not the url's host")
    occurs(gold["title"], "title")
    date = gold["date"]
    if date is not None and not (
        isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
    ):
        say(f"date not YYYY-MM-DD or null: {date!r}")
    for key in ("chrome", "content", "entities", "relations", "questions"):
        if not isinstance(gold[key], list):
            say(f"{key} must be a list")
            return
    for s in gold["chrome"]:
        occurs(s, "chrome")
    if not 3 <= len(gold["content"]) <= 8:
        say(f"{len(gold['content'])} content strings (want 3 to 8)")
    for s in gold["content"]:
        occurs(s, "content")
        if isinstance(s, str) and len(s) < 40:
            say(f"content shorter than 40 chars: {s!r}")
    names = set()
    if len(gold["entities"]) < 3:  # the key ones, and any a true relation names
        say(f"{len(gold['entities'])} entities (want 3 or more)")
    mentioned = gold.get("mentioned", [])
    if not isinstance(mentioned, list):
        say("mentioned must be a list")
        return
    for e in [*gold["entities"], *mentioned]:
        if not isinstance(e, dict) or set(e) != {"name", "type", "aliases"}:
            say(f"entity shape: {e!r}")
            continue
        if e["type"] not in TYPES:
            say(f"entity type {e['type']!r}")
        if not isinstance(e["aliases"], list) or not all(isinstance(a, str) for a in e["aliases"]):
            say(f"aliases of {e['name']!r} must be a list of strings")
            continue
        for form in (e["name"], *e["aliases"]):
            if form.lower() not in text.lower():
                say(f"entity form not in page: {form!r}")
        if e["name"] in names:
            say(f"entity twice: {e['name']!r}")
        names.add(e["name"])
    for r in gold["relations"]:
        if not isinstance(r, dict) or set(r) != {"source", "relation", "target", "sentence"}:
            say(f"relation shape: {r!r}")
            continue
        if r["relation"] not in RELATIONS:
            say(f"relation type {r['relation']!r}")
        for end in ("source", "target"):
            if r[end] not in names:
                say(f"relation {end} not an entity: {r[end]!r}")
        occurs(r["sentence"], "relation sentence")
    if not 1 <= len(gold["questions"]) <= 2:
        say(f"{len(gold['questions'])} questions (want 1 or 2)")
    for q in gold["questions"]:
        if not isinstance(q, dict) or set(q) != {"q", "words", "paraphrased"}:
            say(f"question shape: {q!r}")
            continue
        if not isinstance(q["paraphrased"], bool):
            say(f"paraphrased must be true/false: {q['q']!r}")
        words = q["words"]
        if not (isinstance(words, list) and 2 <= len(words) <= 4):
            say(f"question needs 2 to 4 words: {q['q']!r}")
            continue
        if not any(all(w.lower() in p for w in words) for p in lowered):
            say(f"no one paragraph has all of {words!r} ({q['q']!r})")
        stats["paraphrased"] += bool(q["paraphrased"])
    stats["pages"] += 1
    stats["sites"].setdefault(gold["site"], 0)
    stats["sites"][gold["site"]] += 1
    stats["entities"] += len(gold["entities"])
    stats["relations"] += len(gold["relations"])
    stats["questions"] += len(gold["questions"])
    stats["dated"] += date is not None
    stats["kind"][pages[0].suffix] = stats["kind"].get(pages[0].suffix, 0) + 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1:
        print("usage: check_gold.py [FOLDER]", file=sys.stderr)
        return 2
    folder = Path(args[0]) if args else HERE
    if not folder.is_dir():
        print(f"not a folder: {folder}", file=sys.stderr)
        return 2
    problems: list[str] = []
    stats = {
        "pages": 0,
        "sites": {},
        "entities": 0,
        "relations": 0,
        "questions": 0,
        "paraphrased": 0,
        "dated": 0,
        "kind": {},
    }
    for path in sorted(folder.iterdir()):
        if path.suffix in SUFFIXES and not path.with_suffix(".json").exists():
            problems.append(f"{path.stem}: page without gold file")
    for gold_path in sorted(folder.glob("*.json")):
        check(gold_path, problems, stats)
    for site, n in stats["sites"].items():
        if n > 4:
            problems.append(f"{site}: {n} pages (at most 4)")
    for line in problems:
        print(line)
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(stats["kind"].items()))
    print(
        f"{stats['pages']} pages ({kinds}), {len(stats['sites'])} sites, "
        f"{stats['entities']} entities, {stats['relations']} relations, "
        f"{stats['questions']} questions ({stats['paraphrased']} paraphrased), "
        f"{stats['dated']} dated; {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
