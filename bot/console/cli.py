"""The `filmbot` command: run on Discord or in the terminal, and operator tools."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path

from bot import shutdown
from bot.commands.catalogue_admin import import_reply
from bot.console.lines import LineReader
from bot.console.progress import StartLine
from bot.console.render import render
from bot.console.session import HINT, ConsoleSession, is_quit
from bot.console.terminal import run_terminal
from bot.core.errors import DataFileError, FilmbotError, InvalidInput
from bot.core.models import Caller
from bot.formats.columns import parse_mapping
from bot.formats.datasets import detect
from bot.formats.yamlfile import decode
from bot.settings import Settings, configure_logging, load_settings
from bot.wiring import (
    BulkReport,
    FirstStart,
    Services,
    Store,
    backup_database,
    copy_between,
    open_services,
    open_store,
    shown_location,
)

NO_TOKEN_NOTE = (
    "DISCORD_TOKEN is not set, so filmbot runs in the terminal.\n"
    "To run on Discord, copy .env.example to .env and paste your bot token."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="filmbot", description="A Discord bot for film reviews and suggestions."
    )
    parser.add_argument("--version", action="version", version=f"filmbot {_version()}")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser(
        "run", help="run on Discord when DISCORD_TOKEN is set, else in the terminal (default)"
    )
    online = sub.add_parser("discord", help="run on Discord (DISCORD_TOKEN required)")
    for command in (run, online):
        command.add_argument(
            "--shards", metavar="IDS",
            help="run these shards in this process, e.g. 0,1 or 0-3 (default: FILMBOT_SHARDS, else unsharded)",
        )  # fmt: skip
        command.add_argument(
            "--shard-count", metavar="N",
            help="the total number of shards across all processes (default: FILMBOT_SHARD_COUNT)",
        )  # fmt: skip
    console = sub.add_parser("console", help="chat with the bot in the terminal")
    ask = sub.add_parser("ask", help='answer one question or command: filmbot ask "who directed memento"')
    ask.add_argument("line", help="a question in plain words, or a command such as '/review Backtrace'")
    for terminal in (console, ask):
        terminal.add_argument("--guild", type=int, default=0, metavar="ID", help="act inside this server")
        terminal.add_argument("--admin", action="store_true", help="act with the Manage Server permission")
    load = sub.add_parser(
        "import", help="import films: catalogue YAML (--guild required), CSV, MovieLens movies.csv, IMDb TSV"
    )
    load.add_argument("file", help="a catalogue YAML file, a CSV, movies.csv or title.basics.tsv[.gz]")
    load.add_argument(
        "--guild", type=int, default=0, metavar="ID", help="the server (default: shared catalogue)"
    )
    load.add_argument(
        "--map", default="", metavar="FIELD=COLUMN,…",
        help="which CSV column holds which field, e.g. --map title=Name,year=Released",
    )  # fmt: skip
    dump = sub.add_parser("export", help="print a server's own additions as YAML: filmbot export --guild ID")
    dump.add_argument("--guild", type=int, required=True, metavar="ID", help="the server to export")
    dump.add_argument("-o", "--output", help="write to this file instead of standard output")
    save = sub.add_parser(
        "backup",
        help="write a consistent copy of the live database: filmbot backup FOLDER or FILE.sqlite3",
    )
    save.add_argument(
        "path", help="where to write the copy: a folder (made if needed) gets a dated file inside it"
    )
    sub.add_parser("stats", help="films by source, people, reviews, ratings and the database size")
    move = sub.add_parser(
        "copy-db", help="copy the whole catalogue between databases: filmbot copy-db SOURCE TARGET"
    )
    move.add_argument("source", help="a SQLite file or a postgresql://user:password@host:port/db URL")
    move.add_argument("target", help="the same kinds; created and migrated if new (an empty one)")
    return parser


def _version() -> str:
    try:
        return metadata.version("filmbot")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


async def _stats(settings: Settings) -> int:
    store = await open_store(settings)
    try:
        print(await store.stats())
    finally:
        await store.close()
    return 0


async def _backup(settings: Settings, target: Path) -> int:
    written = await backup_database(settings, target)
    print(f"Backed up {settings.db_path} to {written} (integrity check passed).")
    return 0


async def _copy(source: str, target: str) -> int:
    def progress(table: str, done: int, total: int) -> None:
        bar = "#" * int(30 * done / total) if total else "#" * 30
        end = "\n" if done >= total else ""
        print(f"\r{table:<14} [{bar:<30}] {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)

    report = await copy_between(source, target, progress)
    copied = sum(report.copied.values())
    rows = ", ".join(f"{table} {n:,}" for table, n in report.counts.items())
    print(f"Copied {copied:,} rows to {shown_location(target)}; row counts match: {rows}.")
    return 0


def _caller(args: argparse.Namespace, *, operator: bool = False) -> Caller:
    """The terminal's stand-in for a Discord member; operators act with full rights."""
    return Caller(guild_id=args.guild, user_id=0, can_manage_guild=operator or args.admin)


async def _started(settings: Settings) -> Services:
    """The services, the first start's progress shown on stderr."""
    shown = StartLine()
    services = await open_services(settings, FirstStart(shown))
    shown.done()
    return services


async def _console(settings: Settings, caller: Caller) -> int:
    services = await _started(settings)
    session = ConsoleSession(services.commands, caller)
    print(HINT)
    lines = LineReader("filmbot> ")
    try:
        while True:
            line = await lines.readline()
            if line is None:
                print()
                return 0
            if is_quit(line):
                return 0
            text, _ = await session.run_line(line)
            if text:
                print(text)
    finally:
        await services.close()


async def _ask(settings: Settings, line: str, caller: Caller) -> int:
    services = await _started(settings)
    try:
        text, failed = await ConsoleSession(services.commands, caller, one_shot=True).run_line(line)
    finally:
        await services.close()
    print(text)
    return 1 if failed else 0


async def _transfer(settings: Settings, args: argparse.Namespace) -> int:
    """Operator import and export: the database only, no title index (bot.wiring.open_store)."""
    store = await open_store(settings)
    try:
        if args.command == "import":
            path = Path(args.file)
            if not path.is_file():
                raise InvalidInput(f"no file at {path}")
            mapping = _mapping(args.map)
            if detect(path, mapping) != "yaml":
                return await _bulk(store, path, args.guild, mapping)
            if not args.guild:
                raise InvalidInput("catalogue YAML files are imported into a server: add --guild ID")
            text = decode(path.read_bytes(), str(path))
            report = await store.files.import_text(args.guild, 0, text, str(path))
            print(render(import_reply(str(path), report)))
            return 0
        text = await store.files.export_text(args.guild)
        if args.output:
            _write_output(Path(args.output), text.encode("utf-8"))
        else:
            sys.stdout.write(text)
        return 0
    finally:
        await store.close()


def _write_output(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, renamed into place."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise InvalidInput(
            f"cannot write {path}: {exc.strerror or exc}. Choose another file with -o."
        ) from None


def _mapping(text: str) -> dict[str, str]:
    try:
        return parse_mapping(text)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


async def _bulk(store: Store, path: Path, guild_id: int, mapping: Mapping[str, str]) -> int:
    started = time.monotonic()
    shown = [0.0]

    def progress(fraction: float, rows: int) -> None:
        now = time.monotonic()
        if now - shown[0] >= 0.25 or fraction >= 1.0:
            shown[0] = now
            bar = "#" * int(fraction * 30)
            print(f"\r[{bar:<30}] {fraction:4.0%}  {rows:,} films", end="", file=sys.stderr, flush=True)

    def reading(name: str, fraction: float) -> None:  # the files read before the first film
        print(
            f"\rreading {name} {fraction:4.0%}",
            end="\n" if fraction >= 1.0 else "",
            file=sys.stderr,
            flush=True,
        )

    report = BulkReport()
    try:
        await store.bulk_import(
            path, guild_id, progress=progress, mapping=mapping, report=report, reading=reading
        )
    except (asyncio.CancelledError, KeyboardInterrupt):
        print(
            f"\nInterrupted: {report.rows:,} rows of {path.name} were committed ({report.added:,} films added). "
            "Run the same command again to resume: rows already imported are skipped.",
            file=sys.stderr, flush=True,
        )  # fmt: skip
        raise
    print(file=sys.stderr)
    where = f"server {guild_id}" if guild_id else "the shared catalogue"
    print(
        f"{path.name}: {report.added:,} added, {report.enriched:,} enriched, {report.aliased:,} aliased, "
        f"{sum(report.skipped.values()):,} skipped, into {where} in {time.monotonic() - started:.1f} s."
    )
    for why, rows in report.skipped.most_common():
        print(f"  {rows:,} skipped: {why}")
    for note in report.notes:
        print(f"note: {note}")
    for problem in report.problems[:20]:
        print(f"skipped {problem}")
    if len(report.problems) > 20:
        print(f"…and {len(report.problems) - 20:,} more malformed rows skipped")
    if report.added or report.enriched or report.aliased:
        print("A running bot picks these up within a few seconds.")
    return 1 if report.problems else 0


def _run(settings: Settings, command: str | None, args: argparse.Namespace) -> int:
    if command in (None, "run") and not settings.token and settings.shards is None:
        print(NO_TOKEN_NOTE)
        command = "console"
    if command == "console":
        caller = _caller(args) if args.command == "console" else Caller()
        if sys.stdin.isatty() and sys.stdout.isatty():  # a person at a terminal: line editing
            return run_terminal(settings, caller)
        return shutdown.run(_console(settings, caller))
    from bot.app.runner import run_discord  # imported here: the terminal needs no discord client

    return run_discord(settings)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`filmbot ask /help | head -3`): stop quietly, as other tools do.
        # Python would complain again when flushing stdout at exit, so point it at /dev/null.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a command ended by a closed pipe


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(
            shards=getattr(args, "shards", None), shard_count=getattr(args, "shard_count", None)
        )
        terminal = args.command in ("ask", "console", "import", "export", "backup", "stats", "copy-db") or (
            args.command in (None, "run") and not settings.token
        )
        configure_logging(settings, terminal=terminal)
        if args.command == "ask":
            return shutdown.run(_ask(settings, args.line, _caller(args)))
        if args.command == "stats":
            return shutdown.run(_stats(settings))
        if args.command == "backup":
            return shutdown.run(_backup(settings, Path(args.path)))
        if args.command == "copy-db":
            return shutdown.run(_copy(args.source, args.target))
        if args.command in ("import", "export"):
            return shutdown.run(_transfer(settings, args))
        return _run(settings, args.command, args)
    except DataFileError as exc:
        for problem in exc.problems:
            print(f"filmbot: {problem}", file=sys.stderr)
        return 2
    except FilmbotError as exc:
        print(f"filmbot: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
