"""The full-text index: the only package that imports Whoosh.

Laid out as Whoosh is, one module per concept: ``analysis`` (the terms words become),
``schema`` (the fields, an article as documents), ``queries`` (parsing and rewriting query
trees), ``search_index`` (the searcher and the writer), ``completions`` (the library's words by
use), ``facets``, ``highlighting`` (snippets), ``writers`` (writing over several processes),
``files`` (the notes kept beside Whoosh's files) and ``failures``. No Whoosh object leaves the
package: results are core dataclasses.
"""

from desktop.core.index.analysis import analyze, query_terms, term_spans
from desktop.core.index.completions import Completions
from desktop.core.index.schema import EntityTags
from desktop.core.index.search_index import Candidate, IndexOptions, Outcome, SearchIndex

__all__ = [
    "Candidate",
    "Completions",
    "EntityTags",
    "IndexOptions",
    "Outcome",
    "SearchIndex",
    "analyze",
    "query_terms",
    "term_spans",
]
