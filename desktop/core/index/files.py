"""The index's own notes beside Whoosh's files: its version, its segment files' sizes at each
commit, and the mark of an index found damaged.

Whoosh does not always notice a segment file cut short (a full disk, a copy that stopped) and
then answers searches wrongly: the sizes recorded at the commit let an opening see it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

META_FILE = "innoatlas-index.json"
FILES_FILE = "innoatlas-files.json"
DAMAGED_FILE = "innoatlas-damaged"


def write_meta(folder: Path, schema_version: int) -> None:
    """Name a new index. Each index made gets a name of its own: one started again restarts
    Whoosh's generations, and a process still reading the old one must see it is another."""
    (folder / META_FILE).write_text(
        json.dumps({"schema_version": schema_version, "made": uuid.uuid4().hex}), "utf-8"
    )


def _meta(folder: Path, key: str) -> Any:
    try:
        return json.loads((folder / META_FILE).read_text("utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None


def schema_version(folder: Path) -> Any:
    """The schema version the index on disk was made with (None when unreadable)."""
    return _meta(folder, "schema_version")


def made(folder: Path) -> str | None:
    """The name the index on disk was made with (None for an older or a missing one)."""
    name = _meta(folder, "made")
    return name if isinstance(name, str) else None


def segment_files(folder: Path, ix: Any) -> dict[str, int]:
    """The files of the index's current segments, with their sizes."""
    prefixes = tuple(f"{segment.segment_id()}." for segment in ix._segments())
    return {
        entry.name: entry.stat().st_size
        for entry in os.scandir(folder)
        if entry.name.startswith(prefixes)
    }


def record_files(folder: Path, ix: Any) -> None:
    """Write down the size of every segment file just committed."""
    record = folder / FILES_FILE
    temporary = record.with_name(record.name + ".tmp")
    temporary.write_text(json.dumps(segment_files(folder, ix)), "utf-8")
    os.replace(temporary, record)


def files_as_committed(folder: Path, ix: Any) -> bool:
    """False when a current segment file is missing or not the size recorded for it.

    Files committed by another process after the record was written are not in it yet,
    and pass: only what the record knows is checked.
    """
    try:
        recorded = json.loads((folder / FILES_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return True  # an index of an older version, or one not yet recorded
    present = segment_files(folder, ix)
    prefixes = {name.split(".", 1)[0] for name in present}
    return all(
        present.get(name) == size
        for name, size in recorded.items()
        if name.split(".", 1)[0] in prefixes
    )


def is_marked_damaged(folder: Path) -> bool:
    return (folder / DAMAGED_FILE).exists()


def mark_damaged(folder: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only folder: it is detected again next time
        (folder / DAMAGED_FILE).write_text("damaged\n", "utf-8")


def unmark_damaged(folder: Path) -> None:
    with contextlib.suppress(OSError):
        (folder / DAMAGED_FILE).unlink(missing_ok=True)


def remove_index_files(folder: Path) -> None:
    """Remove Whoosh's files and these notes, and only those: the manifest beside them may be
    open in other processes, which must see it emptied, not deleted under them."""
    for entry in os.scandir(folder):
        if entry.name.startswith(("MAIN", "_MAIN", "innoatlas-index", "innoatlas-files")) or (
            entry.name == DAMAGED_FILE
        ):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
