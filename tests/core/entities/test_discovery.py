"""Discovery on hand-written articles whose entities are not in the knowledge base."""

from desktop.core.entities.discovery import discover
from desktop.core.entities.extract import discover_entities
from desktop.core.model import Article, Block, Entity

TEXT = (
    "The Kowloon Robotics Institute (KRI) opened a lab on Monday. "
    "Meanwhile, the Harbour Green Fund backed three start-ups, said Dr. Grace Ho. "
    "Peter Lam, chief executive of the Harbour Authority, welcomed the Harbour Green Fund. "
    "In March, the Pearl Delta Expo drew crowds. Today Hong Kong celebrates."
)


def article(*paragraphs: str, heading: str = "") -> Article:
    blocks = [Block("h", "heading", heading)] if heading else []
    blocks += [Block(f"p{i}", "paragraph", p) for i, p in enumerate(paragraphs)]
    return Article("a", "Title", "x.txt", tuple(blocks))


def test_acronyms_cue_words_and_people() -> None:
    found = {(d.name, d.type, d.kind, d.aliases, d.rule) for d in discover(article(TEXT))}
    assert found == {
        ("Kowloon Robotics Institute", "organisation", None, ("KRI",), "acronym"),
        ("Harbour Green Fund", "initiative", "fund", (), "cue-word"),
        ("Grace Ho", "person", None, (), "title-or-role"),
        ("Peter Lam", "person", None, (), "title-or-role"),
        ("Harbour Authority", "organisation", None, (), "cue-word"),
        ("Pearl Delta Expo", "initiative", "event", (), "cue-word"),
    }


def test_headings_openers_and_months_are_never_entities() -> None:
    names = {d.name for d in discover(article(TEXT, heading="Kowloon Robotics Institute News"))}
    assert not names & {
        "Meanwhile",
        "In March",
        "Today Hong Kong",
        "Kowloon Robotics Institute News",
    }


def test_known_names_are_not_rediscovered() -> None:
    known = [Entity("hfund", "Harbour Green Fund", "initiative", ("HGF",))]
    new = {e.name for e in discover_entities(article(TEXT), known)}
    assert "Harbour Green Fund" not in new
    assert "Kowloon Robotics Institute" in new
    assert all(
        e.id.startswith("d-") and e.discovered for e in discover_entities(article(TEXT), known)
    )
