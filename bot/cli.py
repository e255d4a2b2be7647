"""The `filmbot` command: run on Discord or in the terminal, and operator tools."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot.console.session import HINT, ConsoleSession
from bot.core.errors import DataFileError, FilmbotError
from bot.settings import Settings, configure_logging, load_settings
from bot.wiring import open_services

NO_TOKEN_NOTE = (
    "DISCORD_TOKEN is not set, so filmbot runs in the terminal.\n"
    "To run on Discord, copy .env.example to .env and paste your bot token."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="filmbot", description="A Discord bot for film reviews and suggestions."
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run on Discord when DISCORD_TOKEN is set, else in the terminal (default)")
    sub.add_parser("discord", help="run on Discord (DISCORD_TOKEN required)")
    sub.add_parser("console", help="chat with the bot in the terminal")
    ask = sub.add_parser("ask", help='run one command and print the reply: filmbot ask "/review Backtrace"')
    ask.add_argument("line", help="a command line such as '/review Backtrace'")
    return parser


async def _console(settings: Settings) -> int:
    services = await open_services(settings)
    session = ConsoleSession(services.handlers)
    print(HINT)
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, "filmbot> ")
            except EOFError:
                print()
                return 0
            if line.strip().lower() in ("/quit", "/exit", "quit", "exit"):
                return 0
            text, _ = await session.run_line(line)
            if text:
                print(text)
    finally:
        await services.close()


async def _ask(settings: Settings, line: str) -> int:
    services = await open_services(settings)
    try:
        text, failed = await ConsoleSession(services.handlers).run_line(line)
    finally:
        await services.close()
    print(text)
    return 1 if failed else 0


def _run(settings: Settings, command: str | None) -> int:
    if command in (None, "run") and not settings.token:
        print(NO_TOKEN_NOTE)
        command = "console"
    if command == "console":
        return asyncio.run(_console(settings))
    from bot.app.runner import run_discord  # imported here: the terminal needs no discord client

    return run_discord(settings)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        terminal = args.command in ("ask", "console") or (
            args.command in (None, "run") and not settings.token
        )
        configure_logging(settings, terminal=terminal)
        if args.command == "ask":
            return asyncio.run(_ask(settings, args.line))
        return _run(settings, args.command)
    except DataFileError as exc:
        for problem in exc.problems:
            print(f"filmbot: {problem}", file=sys.stderr)
        return 2
    except FilmbotError as exc:
        print(f"filmbot: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
