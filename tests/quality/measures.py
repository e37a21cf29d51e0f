"""Each quality measure of the development set, computed through the real Library.

The pages are copied (without their gold) into a fresh library, indexed as a user's import
would be, and every measure reads what the app shows: an article's title, date and blocks,
the entities its mentions link to, the relations with their evidence, the first passage a
question gets.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.library import Library
from desktop.core.model import Article, Entity
from desktop.core.text import fold
from desktop.locations import knowledge_base
from tests.quality.gold import GoldEntity, Page

SYMMETRIC = {"partners with"}
#: Relation types that say the same of a pair: which one a rule picks depends on whether
#: the target is typed a body or a programme, not on the sentence.
SAME = {"manages": "runs"}


@dataclass
class Score:
    """One measure: how many of how many, and what missed (for a reader of the report)."""

    name: str
    good: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.good += ok
        if not ok:
            self.misses.append(miss)

    @property
    def share(self) -> float:
        return self.good / self.total if self.total else 1.0


def norm(text: str) -> str:
    """Folded text, quotes and dashes unified, whitespace collapsed: what comparing needs."""
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014\u00a0", "''\"\"-- "))
    return " ".join(fold(text).split())


def name_key(name: str) -> str:
    """A name as compared: normalised, without a leading "the" or a trailing full stop
    ("The University of Hong Kong" is "University of Hong Kong")."""
    return re.sub(r"^the\s+", "", norm(name)).replace(".", "")


@contextmanager
def library_of(pages: list[Page]) -> Iterator[tuple[Library, dict[str, Article]]]:
    """A new library holding the pages (gold files left out), indexed; articles by slug."""
    with tempfile.TemporaryDirectory(prefix="innoatlas-quality-") as temporary:
        folder, data = Path(temporary) / "pages", Path(temporary) / "data"
        folder.mkdir()
        for page in pages:
            shutil.copy2(page.path, folder / page.path.name)
        with Library(data, [folder], knowledge_base()) as library:
            report = library.refresh()
            for path, reason in report.skipped:
                print(f"skipped {path}: {reason}")
            by_source = {Path(s.source).stem: s.id for s in library.articles()}
            articles = {
                page.slug: library.article(by_source[page.slug])
                for page in pages
                if page.slug in by_source
            }
            yield library, articles


def article_lines(article: Article) -> list[str]:
    """What the reader shows, one normalised line each: the header, then every block."""
    header = [article.kicker, article.title, article.lead_question]
    return [norm(t) for t in [*header, *(b.text for b in article.blocks)] if t]


def measure_cleaning(pages: list[Page], articles: dict[str, Article]) -> list[Score]:
    titles, dates, invented = Score("title right"), Score("date right"), Score("no date invented")
    chrome, content = Score("chrome lines removed"), Score("content kept")
    for page in pages:
        article = articles.get(page.slug)
        if article is None:
            for score in (titles, chrome, content):
                score.add(False, f"{page.slug}: not imported")
            continue
        titles.add(norm(article.title) == norm(page.title), f"{page.slug}: {article.title!r}")
        found = article.date.iso() if article.date else None
        if page.date:
            dates.add(found == page.date, f"{page.slug}: {found} for {page.date}")
        else:
            invented.add(found is None, f"{page.slug}: {found}")
        lines = article_lines(article)
        whole = "\n".join(lines)
        for line in page.chrome:
            wanted = norm(line)
            left = any(text == wanted for text in lines) or (
                len(wanted.split()) >= 5 and wanted in whole
            )
            chrome.add(not left, f"{page.slug}: {line[:80]!r}")
        for text in page.content:
            content.add(norm(text) in whole, f"{page.slug}: {text[:80]!r}")
    return [titles, dates, invented, chrome, content]


def _entities_of(library: Library, article_id: str) -> list[Entity]:
    graph = library.graph
    return [
        entity
        for entity in graph.entities()
        if any(m.article_id == article_id for m in graph.mentions(entity.id))
    ]


def _match(library: Library, gold: GoldEntity, linked: list[Entity]) -> Entity | None:
    """The linked entity that is the gold one: one of its forms names it, or its names one."""
    forms = {name_key(f) for f in gold.forms}
    for entity in linked:
        if forms & {name_key(n) for n in (entity.name, *entity.aliases)}:
            return entity
    return None


#: An honorific a mention may or may not include: "Prof Sun" is the form "Sun", and "Sun" in
#: "Prof Sun" is the form "Prof Sun" (gold files write it both ways).
_HONORIFIC = re.compile(r"^(?:mr|ms|mrs|miss|dr|prof|professor|sir|dame)\.? ")


def _resolved(library: Library, article_id: str, form: str) -> str | None:
    """The entity a name stands for in one article: the one the article's mention of it
    links to (a surname, "the park"), else the library's entity of that name."""
    key = _HONORIFIC.sub("", name_key(form))
    for entity in _entities_of(library, article_id):
        if any(
            m.article_id == article_id and _HONORIFIC.sub("", name_key(m.text)) == key
            for m in library.graph.mentions(entity.id)
        ):
            return entity.id
    found = library.graph.find(form) or library.graph.find(key)
    return found.id if found else None


def measure_entities(
    library: Library, pages: list[Page], articles: dict[str, Article]
) -> list[Score]:
    found, aliases = Score("key entities found"), Score("aliases resolve to one entity")
    junk = Score("discovered entities that are in the gold")
    for page in pages:
        article = articles.get(page.slug)
        linked = _entities_of(library, article.id) if article else []
        gold_forms = {name_key(f) for g in (*page.entities, *page.mentioned) for f in g.forms}
        for gold in page.entities:
            entity = _match(library, gold, linked)
            found.add(
                entity is not None and entity.type == gold.type,
                f"{page.slug}: {gold.name} ({gold.type})"
                + (f" as {entity.name} ({entity.type})" if entity else ""),
            )
            if gold.aliases and article is not None:
                ids = {_resolved(library, article.id, f) for f in gold.forms}
                aliases.add(
                    len(ids) == 1 and None not in ids,
                    f"{page.slug}: {gold.forms} -> {sorted(map(str, ids))}",
                )
        for entity in linked:
            if entity.discovered:
                names = {name_key(n) for n in (entity.name, *entity.aliases)}
                junk.add(bool(names & gold_forms), f"{page.slug}: {entity.name} ({entity.type})")
    return [found, aliases, junk]


def measure_relations(
    library: Library, pages: list[Page], articles: dict[str, Article]
) -> list[Score]:
    """Precision of the relations shown on the set's articles, and recall of the gold ones."""
    graph = library.graph
    shown, recalled = Score("relations shown that are true"), Score("true relations found")
    by_article = {a.id: page for page in pages if (a := articles.get(page.slug))}
    seen = set()
    found_gold = set()
    for entity in graph.entities():
        for link in graph.links(entity.id):
            relation = link.relation
            key = (relation.type, relation.source, relation.target, relation.evidence.sentence)
            page = by_article.get(relation.evidence.article_id)
            if page is None or key in seen:
                continue
            seen.add(key)
            true = None
            article_id = relation.evidence.article_id
            for gold in page.relations:
                source = _resolved(library, article_id, gold.source)
                target = _resolved(library, article_id, gold.target)
                if source is None or target is None:
                    continue
                if SAME.get(gold.relation, gold.relation) != SAME.get(relation.type, relation.type):
                    continue
                ends = (source, target)
                same_ends = ends == (relation.source, relation.target) or (
                    gold.relation in SYMMETRIC and ends == (relation.target, relation.source)
                )
                if same_ends and _same_sentence(gold.sentence, relation.evidence.sentence):
                    true = gold
            if true is not None:
                found_gold.add((page.slug, true))
            name = graph.entity(relation.source), graph.entity(relation.target)
            shown.add(
                true is not None,
                f"{page.slug}: {getattr(name[0], 'name', '?')} {relation.type} "
                f"{getattr(name[1], 'name', '?')} | {relation.evidence.sentence[:90]!r}",
            )
    for page in pages:
        for gold in page.relations:
            recalled.add(
                (page.slug, gold) in found_gold,
                f"{page.slug}: {gold.source} {gold.relation} {gold.target}",
            )
    return [shown, recalled]


def _same_sentence(gold: str, shown: str) -> bool:
    a, b = norm(gold), norm(shown)
    return a in b or b in a


def measure_questions(
    library: Library, pages: list[Page], articles: dict[str, Article]
) -> list[Score]:
    """The first passage InnoAtlas answers with, and the first of plain BM25 (its words OR'd)."""
    scores = {
        (kind, paraphrased): Score(f"{kind}: questions {label}, first passage")
        for kind in ("InnoAtlas", "plain BM25")
        for paraphrased, label in ((False, "in the page's words"), (True, "in other words"))
    }
    for page in pages:
        article = articles.get(page.slug)
        for question in page.questions:
            words = " OR ".join(re.findall(r"\w+", question.q))
            for kind, query in (("InnoAtlas", question.q), ("plain BM25", words)):
                hits = library.search(query, mode="passages", limit=1).hits
                first = hits[0] if hits else None
                ok = (
                    first is not None
                    and article is not None
                    and first.article_id == article.id
                    and all(norm(w) in norm(first.text or "") for w in question.words)
                )
                answer = (first.text or "")[:70] if first else None
                scores[(kind, question.paraphrased)].add(
                    ok, f"{page.slug}: {question.q!r} -> {answer!r}"
                )
    return list(scores.values())
