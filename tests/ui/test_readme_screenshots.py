"""The README's dark-theme and table-of-contents screenshots, taken under Xvfb into a
temporary folder (never into the checkout)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.ui.helpers import screenshot_under_xvfb
from tests.ui.screenshot import SIZE

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")


def _dark_share(image: QImage) -> float:
    """The share of sampled pixels that are dark."""
    samples = [
        image.pixelColor(x, y)
        for x in range(0, image.width(), 40)
        for y in range(0, image.height(), 40)
    ]
    return sum(c.lightness() < 80 for c in samples) / len(samples)


def test_the_dark_screenshot_is_dark(tmp_path: Path) -> None:
    out = tmp_path / "screenshot-dark.png"
    screenshot_under_xvfb("tests.ui.dark_screenshot", out, tmp_path / "data")
    image = QImage(str(out))
    assert (image.width(), image.height()) == SIZE
    assert _dark_share(image) > 0.5


def test_the_contents_screenshot_shows_the_menu_over_the_article(tmp_path: Path) -> None:
    out = tmp_path / "contents.png"
    screenshot_under_xvfb("tests.ui.contents_screenshot", out, tmp_path / "data")
    image = QImage(str(out))
    assert image.width() >= SIZE[0] and image.height() >= SIZE[1]
