"""Where the bundled library and resources are found: the checkout, or an install's share/."""

import tomllib
from pathlib import Path

import pytest

from desktop import locations

ROOT = Path(__file__).resolve().parents[1]


def test_a_checkout_reads_its_own_seeds_and_resources() -> None:
    assert locations.project_root() == ROOT
    assert locations.bundled_sources() == [ROOT / "seeds"]
    assert locations.knowledge_base() == ROOT / "resources" / "knowledge_base.json"


def test_an_installed_package_reads_the_share_folder_of_its_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "lib" / "python3.11" / "site-packages" / "desktop"
    package.mkdir(parents=True)
    share = tmp_path / "share" / "innoatlas"
    (share / "seeds").mkdir(parents=True)
    monkeypatch.setattr(locations, "_PACKAGE", package)
    assert locations.installed_share() == share
    assert locations.bundled_sources() == [share / "seeds"]
    assert locations.resources_dir() == share / "resources"


def test_the_wheel_ships_every_file_the_app_reads_outside_its_code() -> None:
    """Each data-files pattern matches files, and together they hold what the app reads."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    shipped = set()
    for patterns in setuptools["data-files"].values():
        for pattern in patterns:
            matched = sorted(ROOT.glob(pattern))
            assert matched, pattern
            shipped.update(p.relative_to(ROOT).as_posix() for p in matched)
    wanted = {"resources/knowledge_base.json", "resources/word_relations.tsv"}
    wanted |= {"resources/innoatlas.svg", "resources/innoatlas.desktop"}
    wanted |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "seeds").glob("*.txt")}
    assert wanted <= shipped
    assert "core/entities/places.txt" in setuptools["package-data"]["desktop"]
    assert (ROOT / "desktop" / "core" / "entities" / "places.txt").is_file()


def test_the_window_and_the_cli_open_one_library_spec(tmp_path: Path) -> None:
    bundled = locations.library_spec(tmp_path / "data")
    assert bundled.sources == (ROOT / "seeds",)
    assert bundled.knowledge_base == ROOT / "resources" / "knowledge_base.json"
    assert locations.library_spec(tmp_path, [tmp_path]).sources == (tmp_path,)
