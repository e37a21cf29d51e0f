import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.core.sources import Source, SourceList, SourcesUnavailable

WHEN = datetime(2024, 5, 14, 9, 30, tzinfo=UTC)
LATER = datetime(2024, 6, 1, tzinfo=UTC)


def test_add_list_remove_and_persist(tmp_path: Path) -> None:
    sources = SourceList(tmp_path)
    assert sources.list() == []
    added = sources.add([Path("/news/hk"), Path("/news/../news/hk/"), Path("/a.md")], now=WHEN)
    assert added == [Source(Path("/news/hk"), WHEN), Source(Path("/a.md"), WHEN)]
    assert sources.add([Path("/news/hk")], now=LATER) == []  # keeps its first time
    assert Path("/news/hk/") in sources
    assert SourceList(tmp_path).list() == added
    assert sources.remove(Path("/news/hk")) is True
    assert sources.remove(Path("/news/hk")) is False
    assert SourceList(tmp_path).paths() == [Path("/a.md")]


def test_relative_paths_are_stored_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (added,) = SourceList(tmp_path / "data").add([Path("articles")], now=WHEN)
    assert added.path == tmp_path / "articles"


def test_the_file_is_versioned_json(tmp_path: Path) -> None:
    SourceList(tmp_path).add([Path("/報告 – résumé")], now=WHEN)
    data = json.loads((tmp_path / "sources.json").read_text("utf-8"))
    assert data == {
        "version": 1,
        "sources": [{"path": "/報告 – résumé", "added": "2024-05-14T09:30:00+00:00"}],
    }
    assert not list(tmp_path.glob(".*partial"))


def test_a_name_in_no_encoding_round_trips(tmp_path: Path) -> None:
    odd = Path(os.fsdecode(b"/news/\xb3\xf8"))
    SourceList(tmp_path).add([odd], now=WHEN)
    assert SourceList(tmp_path).paths() == [odd]


def test_a_damaged_file_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "sources.json").write_text("{not json", "utf-8")
    sources = SourceList(tmp_path)
    assert sources.list() == []
    (aside,) = tmp_path.glob("sources.json.damaged-*")
    assert sources.notice is not None and aside.name in sources.notice
    assert aside.read_text("utf-8") == "{not json"
    (tmp_path / "sources.json").write_text("[also damaged", "utf-8")
    assert SourceList(tmp_path).notice is not None
    kept = sorted(p.read_text("utf-8") for p in tmp_path.glob("sources.json.damaged-*"))
    assert kept == ["[also damaged", "{not json"]  # an earlier damaged copy is never replaced


def test_an_unwritable_data_folder_is_a_readable_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    with pytest.raises(SourcesUnavailable, match="cannot be"):
        SourceList(blocker).add([Path("/a")])
