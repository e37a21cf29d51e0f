"""Shared helpers for core tests: tiny libraries of hand-written articles on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.library import Library


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


TINY = {
    "fund.txt": (
        "Fintech Fund Opens\nMarch 3, 2023\n"
        "The Cyberport Macro Fund (CMF) opened a new round for fintech startups on Friday.\n"
        "Companies can apply for up to HK$10 million, the fund said in a statement.\n"
    ),
    "lab.txt": (
        "A New Robotics Lab in Sha Tin\n2021 June\n"
        "Researchers are collaborating on warehouse robots at the new lab in Sha Tin.\n"
        "Funding Sources\n"
        "The CMF and two universities specialise in backing robotics start-ups like this one.\n"
    ),
    "chinese.txt": "數碼港推出新計劃\n數碼港今日宣佈推出新的培育計劃，支持本地初創企業。\n",
}


@pytest.fixture
def tiny_library(tmp_path: Path) -> Iterator[Library]:
    sources = write_articles(tmp_path / "articles", TINY)
    with Library(tmp_path / "data", [sources]) as library:
        library.refresh()
        yield library
