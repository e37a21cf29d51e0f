"""The command line over the library: the parser, and each command run against a Library.

Every command takes ``--data-dir`` and ``--source`` (repeatable; default: the bundled library).
User mistakes print one line to stderr and exit 2; nothing prints a traceback for them.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO, cast

from desktop.cli import bookmarks as cli_bookmarks
from desktop.cli import collections as cli_collections
from desktop.cli import feeds as cli_feeds
from desktop.cli import importing as cli_import
from desktop.cli import saved as cli_saved
from desktop.cli import tags as cli_tags
from desktop.cli.json_shapes import (
    article_json,
    entity_json,
    entity_summary_json,
    iso_date,
    result_json,
    summary_json,
)
from desktop.cli.output import TerminalProgress, TerminalSafe, write_json
from desktop.core.bookmarks import BookmarkError
from desktop.core.entities.corrections import Correction, Provenance
from desktop.core.errors import IndexDamaged, IndexUnavailable, InnoAtlasError
from desktop.core.ingest.bylines import byline
from desktop.core.library import Library
from desktop.core.model import ENTITY_TYPES, Article, SearchResult
from desktop.core.text import terminal_safe
from desktop.locations import bundled_sources, default_data_dir, library_spec

COMMANDS = (
    "search",
    "articles",
    "show",
    "index",
    "entities",
    "entity",
    "correct",
    "bookmarks",
    "saved",
    "tag",
    "tags",
    "collections",
    "import",
    "feeds",
)


#: The most hits one search lists: each is a stored document read and a snippet made.
MAX_LIMIT = 10_000


def _limit(text: str) -> int:
    """``--limit``'s value: a whole number of hits, from 1 to MAX_LIMIT."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_LIMIT:,}")
    return value


def _common(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    """``--data-dir`` and ``--source``, accepted before the command or after it.

    A command's own copy must not default to None, or it would hide what was given before the
    command (argparse lets the sub-parser overwrite the main parser's value).
    """
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        help="the folder of the index and your data (default: the platform's data folder)",
    )
    parser.add_argument(
        "--source",
        type=Path,
        action="append",
        default=default,
        help="a file or folder of articles (repeatable; default: the bundled library)",
    )


class _Parser(argparse.ArgumentParser):
    """A parser whose mistakes are one line, as every other error of the CLI is (argparse
    prints the whole usage first); its sub-commands' parsers are of the same kind."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = _Parser(
        prog="python -m desktop",
        description="InnoAtlas: search and read a library of articles offline. "
        "With no command, the desktop app opens.",
    )
    _common(parser, top_level=True)
    # Typed as plain parsers for the commands' modules, which take any ArgumentParser.
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND"),
    )

    search = commands.add_parser("search", help="search articles or passages")
    _common(search)
    search.add_argument("query", help='words, "phrases", OR, NOT, title:, date:2023 ...')
    search.add_argument("--passages", action="store_true", help="rank paragraphs, not articles")
    search.add_argument(
        "--limit",
        type=_limit,
        default=10,
        help=f"how many hits (default 10, at most {MAX_LIMIT:,})",
    )
    search.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    search.add_argument("--json", action="store_true", help="print one JSON object")

    articles = commands.add_parser("articles", help="list the articles in the library")
    _common(articles)
    articles.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help="print one clean article")
    _common(show)
    show.add_argument("id", help="the article id (see `articles`)")
    show.add_argument("--json", action="store_true")
    show.add_argument("--explain", action="store_true", help="list what cleaning removed and why")

    entities = commands.add_parser("entities", help="list the entities the articles name")
    _common(entities)
    entities.add_argument("--type", choices=ENTITY_TYPES, help="only this type")
    entities.add_argument("--json", action="store_true")

    entity = commands.add_parser("entity", help="one entity: aliases, mentions, relations")
    _common(entity)
    entity.add_argument("name", help="the entity's name, any alias, or its id")
    entity.add_argument("--json", action="store_true")

    correct = commands.add_parser("correct", help="correct an entity (kept across re-indexing)")
    _common(correct)
    correct.add_argument("name", nargs="?", help="the entity's name, alias or id")
    action = correct.add_mutually_exclusive_group(required=True)
    action.add_argument("--rename", metavar="NEW_NAME")
    action.add_argument("--merge-into", metavar="OTHER", help="make it an alias of OTHER")
    action.add_argument("--split", metavar="ALIAS", help="make one of its aliases an entity")
    action.add_argument("--hide", action="store_true")
    action.add_argument(
        "--confirm", action="store_true", help="say an entity found in the articles is right"
    )
    action.add_argument("--retype", choices=ENTITY_TYPES, help="change its type")
    action.add_argument("--undo", action="store_true", help="take back the last correction")

    cli_bookmarks.add_commands(commands, _common)
    cli_saved.add_commands(commands, _common)
    cli_tags.add_commands(commands, _common)
    cli_collections.add_commands(commands, _common)
    cli_import.add_commands(commands, _common)
    cli_feeds.add_commands(commands, _common)

    build = commands.add_parser("index", help="build or refresh the index")
    _common(build)
    build.add_argument("--rebuild", action="store_true", help="start from scratch")
    return parser


def _print_result(result: SearchResult, out: TextIO) -> None:
    if result.notice:
        out.write(f"Note: {result.notice}\n")
    if result.suggestion:
        out.write(f"Did you mean: {result.suggestion}\n")
    noun = "passage" if result.mode == "passages" else "article"
    out.write(f"{result.total_text} {noun}{'s' if result.total != 1 else ''} found\n")
    for number, hit in enumerate(result.hits, start=1):
        date = f" ({iso_date(hit.date)})" if hit.date else ""
        where = f", {hit.location}" if hit.location else ""  # a PDF's page, an EPUB's chapter
        out.write(f"\n{number}. {hit.title}{date}{where}  [{hit.article_id}]\n")
        if hit.note is not None:
            out.write(f"   Your note: {hit.note.snippet.marked('*', '*')}\n")
        else:
            out.write(f"   {hit.snippet.marked('*', '*')}\n")


def _print_article(article: Article, explain: bool, out: TextIO) -> None:
    if article.kicker:
        out.write(f"{article.kicker}\n")
    out.write(f"{article.title}\n")
    meta = [
        m for m in (byline(article.authors), iso_date(article.date), Path(article.source).name) if m
    ]
    out.write(f"{' · '.join(meta)}\n")
    if article.lead_question:
        out.write(f"\n{article.lead_question}\n")
    location = ""
    for block in article.blocks:
        if block.location and block.location not in (location, block.text):
            out.write(f"\n[{block.location}]\n")  # a PDF's page, an EPUB's chapter
        location = block.location or location
        out.write(f"\n## {block.text}\n" if block.kind == "heading" else f"\n{block.text}\n")
    if explain and not article.removals:
        out.write("\nCleaning removed nothing: every line of the file is in the article.\n")
    elif explain:
        out.write(f"\nCleaning removed {len(article.removals)} line(s):\n")
        for removal in article.removals:
            out.write(f"  line {removal.line} [{removal.rule}] {removal.reason}: {removal.text}\n")


def _print_entity(data: dict[str, Any], out: TextIO) -> None:
    out.write(f"{data['name']} ({data['type']})  [{data['id']}]\n")
    out.write(f"{data['provenance']['label']}\n")
    if data["aliases"]:
        out.write(f"Also: {', '.join(data['aliases'])}\n")
    if data["description"]:
        out.write(f"{data['description']}\n")
    out.write(f"{len(data['mentions'])} mention(s)\n")
    for relation in data["relations"]:
        out.write(
            f"  {relation['type']} {relation['target']}: “{relation['evidence']['sentence']}”\n"
        )
    for figure in data["figures"]:
        out.write(f"  {figure['kind']}: {figure['text']}\n")


def _correct(library: Library, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.undo:
        undone = library.undo_correction()
        out.write(f"Undid: {undone.op} {undone.entity_id}\n" if undone else "Nothing to undo.\n")
        return 0
    if not args.name:
        err.write("error: name the entity to correct.\n")
        return 2
    entity = library.entity(args.name).entity
    if args.rename:
        correction = Correction("rename", entity.id, args.rename)
    elif args.merge_into:
        correction = Correction("merge", entity.id, library.entity(args.merge_into).entity.id)
    elif args.split:
        correction = Correction("split", entity.id, args.split)
    elif args.confirm:
        provenance = library.graph.provenance(entity.id) or Provenance.of(entity)
        if not provenance.confirmable:
            out.write(f"Nothing to confirm: {entity.name}: {provenance.label}.\n")
            return 0
        correction = Correction("confirm", entity.id)
    elif args.retype:
        if args.retype == entity.type:
            out.write(f"Nothing to change: {entity.name} is already a {entity.type}.\n")
            return 0
        correction = Correction("retype", entity.id, args.retype)
    else:
        correction = Correction("hide", entity.id)
    library.correct(correction)
    out.write(f"Saved: {correction.op} {entity.name}\n")
    return 0


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one command; return the exit code."""
    data_dir = args.data_dir or default_data_dir()
    base = args.source or bundled_sources()
    missing = [s for s in base if not s.exists()]
    if missing:
        err.write(f"error: the source {missing[0]} does not exist.\n")
        return 2
    spec = library_spec(data_dir, base)
    if args.command == "saved":
        if args.saved_command != "run":
            return cli_saved.run(args, data_dir, out, err)
        try:
            saved = cli_saved.find(data_dir, args.name)
        except BookmarkError as error:
            err.write(f"error: {error}\n")
            return 2
        view = {"passages": saved.mode == "passages", "sort": saved.sort}
        args = argparse.Namespace(
            **{**vars(args), "command": "search", "query": saved.query, **view}
        )
    if args.command in ("import", "feeds"):
        command = cli_feeds.import_command if args.command == "import" else cli_feeds.run
        return command(
            args,
            data_dir,
            lambda extra: dataclasses.replace(spec, sources=(*spec.sources, *extra)).open(),
            out,
            err,
        )
    try:
        # The library reads the user's imported sources again at every refresh.
        library = spec.open()
    except IndexUnavailable as error:
        if args.command not in ("bookmarks", *cli_tags.LABEL_COMMANDS):
            raise
        # Bookmarks are user data: listed and exported as saved, index or not.
        err.write(f"Note: {error} Bookmarks are shown as they were last saved.\n")
        if args.command != "bookmarks":
            return cli_tags.run(args, None, data_dir, out, err)
        return cli_bookmarks.run(args, None, data_dir, out, err)
    with library:
        for opening_notice in library.notices:
            err.write(f"Note: {opening_notice}\n")
        progress = TerminalProgress(err)
        if args.command == "index":
            report = library.refresh(progress, rebuild=args.rebuild, wait=None)
            progress.done()
            out.write(
                f"Indexed {report.added} new, {report.updated} changed, {report.removed} removed, "
                f"{report.unchanged} unchanged article(s) in {report.seconds:.2f} s.\n"
            )
            if report.relinked:
                out.write(f"Linked the names it found in {report.relinked} other article(s) too.\n")
            for path, reason in report.skipped:
                out.write(f"Skipped {path}: {reason}\n")
            return 0
        notice = library.refresh_if_needed(progress)
        progress.done()
        if notice:
            err.write(f"Note: {notice}\n")
        try:
            return _answer(args, library, out, err)
        except IndexDamaged as damage:
            # Derived data: rebuilt from the sources, then the command is answered once more.
            err.write(f"Note: {damage} Rebuilding it now.\n")
            library.refresh(progress, rebuild=True, wait=None)
            progress.done()
            return _answer(args, library, out, err)


def _answer(args: argparse.Namespace, library: Library, out: TextIO, err: TextIO) -> int:
    """Answer a command that reads the library (all but ``index`` and ``import``)."""
    if args.command == "bookmarks":
        return cli_bookmarks.run(args, library, library.data_dir, out, err)
    if args.command in cli_tags.LABEL_COMMANDS:
        return cli_tags.run(args, library, library.data_dir, out, err)
    if args.command == "search":
        result = library.search(
            args.query,
            mode="passages" if args.passages else "articles",
            limit=args.limit,
            sort=args.sort,
        )
        if args.json:
            write_json(result_json(result), out)
        else:
            _print_result(result, out)
    elif args.command == "articles":
        summaries = library.articles()
        if args.json:
            write_json([summary_json(s) for s in summaries], out)
        else:
            for s in summaries:
                out.write(f"{s.id}  {iso_date(s.date) or '':10}  {s.title}\n")
    elif args.command == "entities":
        found = library.entities(args.type)
        graph = library.graph
        if args.json:
            write_json([entity_summary_json(e, graph.provenance(e.id)) for e in found], out)
        else:
            for e in found:
                provenance = graph.provenance(e.id) or Provenance.of(e)
                flag = "" if provenance.source == "knowledge base" else f" ({provenance.label})"
                out.write(f"{e.type:12}  {e.name}{flag}  [{e.id}]\n")
    elif args.command == "entity":
        details = library.entity(args.name)
        names = {e.id: e.name for e in library.entities()}
        data = entity_json(details, names, library.graph.provenance(details.entity.id))
        if args.json:
            write_json(data, out)
        else:
            _print_entity(data, out)
    elif args.command == "correct":
        return _correct(library, args, out, err)
    elif args.command == "show":
        article = library.article(args.id)
        if args.json:
            write_json(article_json(article), out)
        else:
            _print_article(article, args.explain, out)
    return 0


#: Options (of the window, and Qt's own) whose value is the next argument, not a command.
_VALUED_OPTIONS = frozenset(
    {
        "--data-dir",
        "--source",
        "--search",
        "-style",
        "-stylesheet",
        "-platform",
        "-session",
        "-display",
        "-geometry",
        "-qwindowgeometry",
        "-title",
        "-qwindowtitle",
        "-name",
        "-platformpluginpath",
        "-platformtheme",
        "-qwindowicon",
        "-plugin",
    }
)


def command_word(argv: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor an option's value: the command the
    user asked for (None: open the window).

    >>> command_word(["--data-dir", "search", "serach", "hkstp"])
    'serach'
    >>> command_word(["--search", "index", "-style", "fusion"]) is None
    True
    """
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word.startswith("-"):
            if word in _VALUED_OPTIONS:
                next(words, None)
            continue
        return word
    return None


def unknown_command(word: str) -> str:
    """The one-line error for a command that does not exist, with the nearest one.

    >>> unknown_command("serach")
    'error: there is no command “serach”; did you mean “search”? (python -m desktop --help)'
    """
    near = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.5)
    hint = f"; did you mean “{near[0]}”?" if near else f"; the commands are {', '.join(COMMANDS)}."
    return f"error: there is no command “{terminal_safe(word)}”{hint} (python -m desktop --help)"


def _negations_as_queries(argv: Sequence[str]) -> list[str]:
    """A search whose query starts with "-" (NOT), as in ``search -crypto`` or
    ``search -- "-crypto fintech" --data-dir X``: the query, not an unknown option (argparse
    reads a token that starts with a space as a value; the query is stripped after).

    >>> _negations_as_queries(["search", "-crypto", "--limit", "3"])
    ['search', ' -crypto', '--limit', '3']
    >>> _negations_as_queries(["search", "--", "-crypto fintech", "--json"])
    ['search', ' -crypto fintech', '--json']
    """
    if command_word(argv) != "search":
        return list(argv)
    out: list[str] = []
    after_dashes = False
    for token in argv:
        if token == "--" and not after_dashes:
            after_dashes = True
            continue
        negation = token.startswith("-") and not token.startswith("--") and token != "-h"
        out.append(" " + token if after_dashes or negation else token)
        after_dashes = False
    return out


def wants_window(argv: Sequence[str]) -> bool:
    """True when no command is given (and no help asked for): the window is wanted."""
    return command_word(argv) is None and not {"-h", "--help"} & set(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; with none, print the help."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    word = command_word(argv)
    if word is not None and word not in COMMANDS:
        sys.stderr.write(unknown_command(word) + "\n")
        return 2
    if wants_window(argv):
        sys.stderr.write(
            f"error: name a command ({', '.join(COMMANDS)}); python -m desktop with none "
            "opens the window.\n"
        )
        return 2
    args = parser.parse_args(_negations_as_queries(argv))
    if isinstance(getattr(args, "query", None), str):
        args.query = args.query.strip()
    try:
        return run(args, TerminalSafe.around(sys.stdout), TerminalSafe.around(sys.stderr))
    except BrokenPipeError:
        # The reader of our output went away (``... | head``): not an error of ours.
        sys.stderr.close()
        return 0
    except InnoAtlasError as error:
        TerminalSafe.around(sys.stderr).write(f"error: {error}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130
