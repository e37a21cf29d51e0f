"""Take the README's dark-theme screenshot: the same search and article as the light one.

``python -m tests.ui.dark_screenshot OUT.png DATA_DIR`` (under Xvfb; see README).
"""

from __future__ import annotations

import sys

from desktop.ui.main_window import MainWindow
from tests.ui.screenshot import show_search_and_article, take


def show_dark(window: MainWindow) -> None:
    """The light screenshot's scene in the dark theme (not saved in the settings)."""
    window.set_theme("dark", save=False)
    show_search_and_article(window)


def main(argv: list[str]) -> int:
    """The dark screenshot."""
    return take(argv, show_dark)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
