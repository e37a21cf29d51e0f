"""Writing an index over several processes, and a faster segment writer.

Whoosh's multi-process writer, made to fail loudly (a writer process that died must not
commit an index without its share) and to die with its parent (a killed refresh must not
leave an orphan holding the index lock).
"""

from __future__ import annotations

import errno
import os
from typing import Any

from whoosh import writing
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.multiproc import MpWriter, SubWriterTask

from desktop.core.errors import IndexUnavailable
from desktop.core.index.failures import unwritable
from desktop.core.lifetime import die_with_parent


def _cached_lengths_reader(self: Any, fieldname: str, column: Any) -> Any:
    """Whoosh's W3PerDocReader._cached_reader, also remembering that a field has *no* lengths
    column: writing a segment asks for every posting's field length, and for unscored fields
    (spelling words, ids, numbers, keywords) Whoosh checked the disk again each time, 13% of
    the whole indexing time (cProfile of a 300-article build)."""
    if fieldname not in self._readers:
        has = self.has_column(fieldname)
        self._readers[fieldname] = self.column_reader(fieldname, column) if has else None
    return self._readers[fieldname]


W3PerDocReader._cached_reader = _cached_lengths_reader


#: A writer process that failed on the system (a full disk) exits with this plus the errno.
OS_ERROR_EXIT = 64


class WriterTask(SubWriterTask):  # type: ignore[misc]
    """A writer process that dies with its parent, so a killed refresh never leaves an orphan
    holding the index lock (the lock's file descriptor is inherited)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.daemon = True
        self._parent = os.getpid()

    def run(self) -> None:
        die_with_parent()
        if os.getppid() != self._parent:  # the parent died before the signal was armed
            os._exit(1)
        try:
            super().run()
        except OSError as error:
            # A full disk, say: its number is the exit code, for the parent to report in
            # words (a traceback from a writer process is not the user's to read).
            number = error.errno or 0
            os._exit(OS_ERROR_EXIT + number if 0 < number < 256 - OS_ERROR_EXIT else 1)


class ParallelWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's multi-process writer: each process analyses its share of the documents into
    a segment of its own. Cancelling stops the processes (Whoosh's cancel only sets a flag in
    the parent's copy of each task, so they would wait for work forever)."""

    def _new_task(self) -> Any:
        task = WriterTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.start()
        self.tasks.append(task)  # only once started: cancel() stops what runs
        return task

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        """Whoosh's commit, refusing to proceed when a writer process failed: Whoosh would
        commit without that writer's segment, silently losing its share of the articles."""
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
        for task in self.tasks:
            task.join()
        failed = [task.exitcode for task in self.tasks if task.exitcode != 0]
        number = failed[0] - OS_ERROR_EXIT if failed else 0
        if number in errno.errorcode:
            error = OSError(number, os.strerror(number))
            raise unwritable(error) from error
        if failed:
            raise IndexUnavailable(
                f"An index writer process failed (exit code {failed[0]}); nothing was "
                "changed, and the next refresh will try again."
            )
        super()._commit(mergetype, optimize, merge)

    def cancel(self) -> None:
        try:
            for task in self.tasks:
                task.terminate()
            for task in self.tasks:
                task.join()
        finally:
            writing.SegmentWriter.cancel(self)
