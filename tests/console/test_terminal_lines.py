"""The terminal's lines (issue 13): /help one command per line, /quit now, one-letter /suggest,
completion candidates, no Python internals in errors, a closed pipe, another working folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console.complete import complete_line
from bot.console.session import ConsoleSession, is_quit
from bot.core.models import Caller, title_label
from bot.core.normalise import match_key
from bot.wiring import Services
from tests.conftest import DATA, ROOT

CURATOR = Caller(guild_id=5, user_id=1, can_manage_guild=True)


async def test_help_lists_one_command_per_line(services: Services) -> None:
    text, failed = await ConsoleSession(services.commands).run_line("/help")
    lines = text.splitlines()
    review = [line for line in lines if line.strip().startswith("/review ")]
    assert not failed and len(review) == 1 and "Review snippets" in review[0]
    for command in services.commands.all:
        assert sum(line.strip().startswith(command.usage()) for line in lines) == 1, command.path
    group, failed = await ConsoleSession(services.commands).run_line("/catalogue help")
    assert not failed and "Unknown" not in group
    assert [line.split()[1] for line in group.splitlines()[1:]] == [
        c.name for c in services.commands.all if c.group == "catalogue"
    ]


@pytest.mark.parametrize("line", ["/quit", "/quit now", "/exit", "quit", "  /QUIT please "])
def test_quit_lines(line: str) -> None:
    assert is_quit(line)


def test_quit_now_leaves_the_console(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "FILMBOT_DB": str(tmp_path / "db.sqlite3"),
        "FILMBOT_DATA": str(DATA),
        "FILMBOT_STARTER": "off",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"], input="/quit now\n/review memento\n",
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and "Memento" not in result.stdout


async def test_one_letter_suggest_offers_best_known_titles_starting_with_it(services: Services) -> None:
    text, failed = await ConsoleSession(services.commands).run_line("/suggest m")
    titles = [line.strip() for line in text.splitlines()]
    assert not failed and titles and all(t.lower().startswith("m") for t in titles), titles
    found = await services.commands.complete("review", "title", Caller(), "m")
    assert found and all(c.name.lower().startswith("m") for c in found)  # Discord's first keystroke


async def test_completion_candidates(services: Services) -> None:
    commands = services.commands
    assert "/review " in await complete_line(commands, Caller(), "/rev")
    assert "/catalogue " in await complete_line(commands, Caller(), "/cat")
    assert "/catalogue add-film " in await complete_line(commands, CURATOR, "/catalogue add-f")
    assert "/review Memento (2000)" in await complete_line(commands, Caller(), "/review mement")
    assert "/catalogue add-film Dune year=" in await complete_line(
        commands, CURATOR, "/catalogue add-film Dune ye"
    )
    assert await complete_line(commands, Caller(), "who directed") == []


@pytest.mark.parametrize(
    "line",
    ["/review", "/catalogue edit-film", "/catalogue remove-review", "/catalogue remove-review x y z",
     '/review "unclosed', "/similar title=", "/catalogue link a", "/rate", "/catalogue", "/nope"],
)  # fmt: skip
async def test_errors_never_show_python_internals(services: Services, line: str) -> None:
    text, failed = await ConsoleSession(services.commands, CURATOR).run_line(line)
    assert failed and text
    for internal in ("Traceback", "positional argument", "NoneType", "object has no attribute", "Error:"):
        assert internal not in text, text


def test_piping_into_head_ends_quietly(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "FILMBOT_DB": str(tmp_path / "db.sqlite3"),
        "FILMBOT_DATA": str(DATA),
        "FILMBOT_STARTER": "off",
    }
    shell = f"{sys.executable} -m bot ask /help | head -1"
    result = subprocess.run(
        shell, shell=True, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False
    )
    assert result.stdout.startswith("filmbot commands") and result.stderr == "", result.stderr


def test_running_from_another_folder_finds_the_bundled_data_or_creates_nothing(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FILMBOT_", "DISCORD_"))}
    found = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/review memento"], capture_output=True, text=True,
        env={**env, "PYTHONPATH": str(ROOT)}, cwd=elsewhere, timeout=120, check=False,
    )  # fmt: skip
    assert found.returncode == 0 and "Memento" in found.stdout, found.stderr
    missing = tmp_path / "missing"
    missing.mkdir()
    failed = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/review memento"], capture_output=True, text=True,
        env={**env, "PYTHONPATH": str(ROOT), "FILMBOT_DATA": str(tmp_path / "nope")}, cwd=missing,
        timeout=120, check=False,
    )  # fmt: skip
    assert failed.returncode == 2 and "seed folder not found" in failed.stderr
    assert list(missing.iterdir()) == []  # no var/, no database file


async def _suggested(
    services: Services, typed: str, with_article: bool = False
) -> tuple[list[str], list[str]]:
    """What `/suggest typed` shows (checked to be Discord's autocomplete choices too), and the
    starter films starting with `typed` (as written or, `with_article` False, after the article),
    most voted first."""
    rows = await services.db.fetchall("SELECT title, year, votes FROM films WHERE guild_id = 0")
    lowered = typed.lower()
    starting = sorted(
        (
            (votes, title_label(title, year))
            for title, year, votes in rows
            if (title.lower() if with_article else match_key(title)).startswith(lowered)
            or match_key(title) == match_key(typed)  # an exact title: near what was typed
        ),
        reverse=True,
    )
    text, failed = await ConsoleSession(services.commands).run_line(f"/suggest {typed}")
    shown = [line.strip().rsplit("    (", 1)[0] for line in text.splitlines()]
    found = await services.commands.complete("review", "title", Caller(), typed)
    assert not failed and [c.name for c in found] == shown  # Discord's keystroke: the same choices
    return shown, [label for _, label in starting]


@pytest.mark.parametrize("typed", ["m", "M", "ma"])
async def test_first_letters_offer_the_best_known_starter_titles(
    starter_services: Services, typed: str
) -> None:
    """On the real 17k-film catalogue, 1-2 letters rank by notability, not by how nearly a short
    title is spelled like them (once Mud, Max, The Man, May, The Men, McQ...). A leading article
    is ignored, as everywhere in matching: "m" offers The Matrix."""
    shown, starting = await _suggested(starter_services, typed)
    best_known = set(starting[:40])
    assert len(shown) == 25 and shown[0] == starting[0], shown  # the most voted first
    assert sum(label in best_known for label in shown) >= 22, shown
    if typed.lower() == "m":
        assert "The Matrix (1999)" in shown[:10], shown


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("go", "The Godfather (1972)"),
        ("god", "The Godfather (1972)"),
        ("the", "The Dark Knight (2008)"),
        ("the g", "The Godfather (1972)"),
        ("The G", "The Grand Budapest Hotel (2014)"),
    ],
)
async def test_a_title_being_typed_offers_the_best_known_titles_starting_so(
    starter_services: Services, typed: str, expected: str
) -> None:
    """Three letters or a leading article typed rank titles starting so by notability too: once
    "go" offered Go, Goon, Goal!, Good, Gone; "the" Them!, They, Theeb; "the g" G (2002), Go, Gia,
    Gut; "god" Godsend before The Godfather. An exact title ("Go" 1999) may still come first."""
    with_article = typed.lower().split()[0] == "the"
    shown, starting = await _suggested(starter_services, typed, with_article)
    best_known = set(starting[:20])
    assert sum(label in best_known for label in shown[:10]) >= 9, shown
    assert expected in shown[:8], shown
    if with_article:
        assert all(label.startswith("The ") for label in shown[:10]), shown
