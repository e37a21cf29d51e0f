"""Where the bundled library and resources are found: the checkout, or an install's share/."""

import sysconfig
from pathlib import Path

import pytest

from desktop import locations


def test_a_checkout_reads_its_own_seeds_and_resources() -> None:
    root = Path(__file__).resolve().parents[1]
    assert locations.project_root() == root
    assert locations.bundled_sources() == [root / "seeds"]
    assert locations.knowledge_base() == root / "resources" / "knowledge_base.json"


def test_an_installed_package_reads_the_share_folder_of_its_scheme(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed = Path(sysconfig.get_path("purelib")).resolve() / "desktop"
    monkeypatch.setattr(locations, "_PACKAGE", installed)
    share = Path(sysconfig.get_path("data")) / "share" / "innoatlas"
    assert locations.installed_share() == share
    assert locations.bundled_sources() == [share / "seeds"]
    assert locations.resources_dir() == share / "resources"


def test_the_wheel_ships_what_the_share_folder_must_hold() -> None:
    """pyproject's data-files name every file the app reads from resources/ and seeds/."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    data_files = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "data-files"
    ]
    shipped = {Path(p).name for patterns in data_files.values() for p in patterns}
    assert {"knowledge_base.json", "word_relations.tsv", "innoatlas.svg"} <= shipped
    assert "seeds/*.txt" in data_files["share/innoatlas/seeds"]
    assert (root / "resources" / "innoatlas.desktop").read_text("utf-8").count("Exec=innoatlas")
