"""One exception hierarchy whose messages a user can read as they are."""

from __future__ import annotations


class InnoAtlasError(Exception):
    """Base of every error the core raises on purpose; ``str(e)`` is a sentence for a user."""


class SourceError(InnoAtlasError):
    """A source file could not be read or is not an article (binary, empty, too big...)."""


class ArticleNotFound(InnoAtlasError):
    """No article in the library has this id."""


class IndexUnavailable(InnoAtlasError):
    """The index folder cannot be opened or written (permissions, disk full, damage)."""


class IndexBusy(IndexUnavailable):
    """Another process is changing the index: searches go on with the last complete one."""


class IndexDamaged(IndexUnavailable):
    """The index on disk is damaged: it is derived data, and is rebuilt from the sources."""


class ReaderClosed(InnoAtlasError):
    """A search result was used after the searcher that produced it was closed."""


class Cancelled(InnoAtlasError):
    """Long work stopped because the user cancelled it."""


class EntityNotFound(InnoAtlasError):
    """No entity in the library has this name, alias or id."""
