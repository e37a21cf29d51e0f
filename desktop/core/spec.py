"""What opens a library, as plain data: light to import, and picklable for a child process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.library import Library


@dataclass(frozen=True)
class LibrarySpec:
    """Everything that opens one library, so a child indexer opens the very same one.

    Importing this module imports none of the index or ingestion code, so the window can be
    built before the library is opened.

    Attributes:
        data_dir: the folder of the index and the user's data.
        sources: the files and folders articles are read from.
        knowledge_base: the curated entities file, or None for discovery alone.
    """

    data_dir: Path
    sources: tuple[Path, ...]
    knowledge_base: Path | None = None

    def open(self, repair: bool = True) -> Library:
        """Open the library (cheap: the index is opened, not refreshed); ``repair``: start
        the index again if it disagrees with the manifest."""
        from desktop.core.library import Library

        return Library(self.data_dir, self.sources, self.knowledge_base, repair=repair)
