"""End to end on the bundled library: the seed expectations and the public questions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.ingest import read_article
from desktop.core.library import Library
from desktop.core.model import Article, ArticleDate
from desktop.core.text import fold
from desktop.locations import bundled_sources, resources_dir

SEEDS = bundled_sources()[0]
#: A copy of the public example questions: the tests need nothing outside the repository.
QUESTIONS = Path(__file__).resolve().parents[1] / "data" / "questions.json"

#: Our own questions about the bundled articles, with words the first passage must contain.
OWN_QUESTIONS = [
    ("Who chairs IDEA?", "Harry Shum, the Academy’s Chairman"),
    ("Who is the Secretary for Innovation and Technology?", "Alfred Sit, Secretary for Innovation"),
    (
        "How many joint research laboratories has InnoHK attracted?",
        "28 joint research laboratories",
    ),
    ("Where are the INNOPARK industrial estates?", "Yuen Long, Tai Po and Tseung Kwan O"),
    ("What does Papkot develop?", "recyclable and biodegradable packaging"),
    ("How many participants did the Talent Power Up career expo have?", "6,000 participants"),
    ("Who is the park’s CEO?", "Albert Wong Hak-keung, the park’s CEO"),
    (
        "Which university did IDEA sign a cooperation agreement with?",
        "Hong Kong University of Science and Technology (Guangzhou)",
    ),
    ("When will the Advanced Manufacturing Centre open?", "middle of next year"),
    ("What is the Global STEM Professorship Scheme for?", "Global STEM Professorship Scheme"),
]


def seed(prefix: str) -> Article:
    return read_article(next(SEEDS.glob(f"{prefix}_*.txt")))


def all_text(article: Article) -> str:
    return "\n".join(b.text for b in article.blocks)


def test_seed_000_lead_question_title_headings() -> None:
    article = seed("000")
    assert article.title == (
        "Hong Kong Science Park Seeks Collaborative Digital Solutions with Singapore"
    )
    assert article.lead_question == (
        "What areas of digital technology will the collaboration between Hong Kong Science "
        "Park and Singapore focus on?"
    )
    assert article.headings == (
        "Key Areas of Collaboration",
        "Benefits of Collaboration",
        "Practical Tips for Collaboration",
        "Case Studies of Successful Collaboration",
        "First-Hand Experience",
    )


def test_seed_001_date_and_repeated_block_once() -> None:
    article = seed("001")
    assert fold(article.title) == fold(
        "Hong Kong's Innovation Surge: Bridging Borders and Building Futures"
    )
    assert article.date == ArticleDate(2024, 12, 2)
    texts = [fold(p.text) for p in article.passages]
    assert len(texts) == len(set(texts))
    assert all_text(article).count("It opened a branch in Shenzhen") == 1
    assert {r.rule for r in article.removals} == {"repeat"}


def test_seed_002_month_date_and_no_loading() -> None:
    article = seed("002")
    assert fold(article.title) == fold("Development Blueprint for Hong Kong's Digital Economy")
    assert article.date == ArticleDate(2022, 1)
    assert article.date.iso() == "2022-01"
    assert "Loading" not in all_text(article)


def test_seed_003_chrome_removed() -> None:
    article = seed("003")
    assert article.title == "HKSTP Unveils New Roadmap to Drive I&T Impetus"
    text = all_text(article)
    for chrome in ("Kindly bear with us", "Image Credits", "Send this to a friend"):
        assert chrome not in text


def test_seed_004_kicker_and_no_comment_form() -> None:
    article = seed("004")
    assert article.kicker == "HKSTP Boosts Startups"
    assert fold(article.title) == fold(
        "Hong Kong's Innovation Engine: How HKSTP Is Fueling the Next Tech Boom"
    )
    text = all_text(article)
    for line in ("评论", "发表回复", "您的邮箱地址不会被公开", "必填项已用"):
        assert line not in text


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_no_content_paragraph_is_lost(path: Path) -> None:
    """Every raw line is kept, is the title/kicker/lead/date, or was removed with a reason."""
    article = read_article(path)
    kept = {fold(b.text) for b in article.blocks}
    header = {fold(t) for t in (article.title, article.kicker, article.lead_question) if t}
    removed = {fold(r.text) for r in article.removals}
    for raw in path.read_text("utf-8").splitlines():
        line = fold(raw)
        if line and line not in kept | header | removed:
            assert article.date is not None, raw  # the only other thing a line can be
            assert len(line) < 40, raw


@pytest.fixture(scope="module")
def seeds_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    kb = resources_dir() / "knowledge_base.json"
    with Library(tmp_path_factory.mktemp("data"), [SEEDS], knowledge_base=kb) as library:
        library.refresh()
        yield library


def public_questions() -> list[tuple[str, str]]:
    return [(q["q"], q["a"]) for q in json.loads(QUESTIONS.read_text("utf-8"))]


@pytest.mark.parametrize(
    ("question", "answer"), public_questions() + OWN_QUESTIONS, ids=lambda v: v[:40]
)
def test_questions_are_answered_by_the_first_passage(
    seeds_library: Library, question: str, answer: str
) -> None:
    result = seeds_library.search(question, mode="passages", limit=3)
    assert result.hits, question
    assert fold(answer) in fold(result.hits[0].text or "")
    assert result.hits[0].snippet.marks


def test_misspelling_suggests_the_word(seeds_library: Library) -> None:
    result = seeds_library.search("cybersecurty")
    assert result.total == 0
    assert result.suggestion == "cybersecurity"
    assert seeds_library.search("cybersecurty~").total == 1


def test_stemmed_forms_find_each_other(seeds_library: Library) -> None:
    totals = {
        w: seeds_library.search(w).total for w in ("collaborate", "collaboration", "collaborating")
    }
    assert len(set(totals.values())) == 1 and totals["collaborate"] >= 3


def test_acronym_and_long_form_find_the_same_articles(seeds_library: Library) -> None:
    short = {h.article_id for h in seeds_library.search("HKSTP", limit=10).hits}
    long = {
        h.article_id
        for h in seeds_library.search("Hong Kong Science and Technology Parks Corporation").hits
    }
    assert short == long and len(short) >= 4
