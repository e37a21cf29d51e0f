"""Where things live on disk, decided once for the CLI and the GUI alike.

platformdirs, not QStandardPaths, so that ``python -m desktop search`` and the window read the
same index and the same bookmarks (the two choose different folders on Linux).

The bundled library (``seeds/``) and ``resources/`` are read from the checkout when run from
one, and otherwise from ``<prefix>/share/innoatlas/``, where the wheel installs them
(``[tool.setuptools.data-files]`` in ``pyproject.toml``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from desktop.core.spec import LibrarySpec

APP_NAME = "InnoAtlas"
_PACKAGE = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    """The platform's per-user data folder for InnoAtlas (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def project_root() -> Path:
    """The folder holding ``seeds/`` and ``resources/``: the checkout, or the installed share
    folder."""
    checkout = _PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "seeds").is_dir():
        return checkout
    return installed_share()


def installed_share() -> Path:
    """``share/innoatlas`` of the prefix the package was installed into: the nearest folder
    above the package that has one (a venv, the system, ``--user``, ``--prefix``), else the
    running interpreter's prefix."""
    for folder in _PACKAGE.parents:
        share = folder / "share" / "innoatlas"
        if share.is_dir():
            return share
    return Path(sys.prefix) / "share" / "innoatlas"


def bundled_sources() -> list[Path]:
    """The bundled library: the ``seeds/`` folder shipped with the app."""
    return [project_root() / "seeds"]


def resources_dir() -> Path:
    """Icons, style sheets and the knowledge base."""
    return project_root() / "resources"


def knowledge_base() -> Path:
    """The curated knowledge base of the bundled library."""
    return resources_dir() / "knowledge_base.json"


def library_spec(data_dir: Path, sources: Sequence[Path] | None = None) -> LibrarySpec:
    """The library the window and every command open, resolved one way for both: the given
    sources (else the bundled library) and the bundled knowledge base. The user's imported
    sources are not listed here: the library reads them from their file at every refresh
    (and says so when that file is damaged), so an import made meanwhile is never missed."""
    return LibrarySpec(
        data_dir, tuple(sources) if sources else tuple(bundled_sources()), knowledge_base()
    )
