"""Where things live on disk, decided once for the CLI and the GUI alike.

platformdirs, not QStandardPaths, so that ``python -m desktop search`` and the window read the
same index and the same bookmarks (the two choose different folders on Linux).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "InnoAtlas"


def default_data_dir() -> Path:
    """The platform's per-user data folder for InnoAtlas (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def project_root() -> Path:
    """The folder holding ``seeds/`` and ``resources/`` (the repository or install root)."""
    return Path(__file__).resolve().parent.parent


def bundled_sources() -> list[Path]:
    """The bundled library: the ``seeds/`` folder shipped with the app."""
    return [project_root() / "seeds"]


def resources_dir() -> Path:
    """Icons, style sheets and the knowledge base."""
    return project_root() / "resources"


def knowledge_base() -> Path:
    """The curated knowledge base of the bundled library."""
    return resources_dir() / "knowledge_base.json"
