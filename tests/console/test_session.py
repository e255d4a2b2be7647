import subprocess
import sys
from pathlib import Path

from bot.console.render import render
from bot.console.session import ConsoleSession
from bot.core.models import TitleEntry
from bot.core.replies import Field, make_reply
from bot.core.rich import link, rich
from bot.wiring import Services
from tests.conftest import DATA, ROOT
from tests.console.cli import run_cli


async def test_review_line(services: Services) -> None:
    text, failed = await ConsoleSession(services.commands).run_line("/review backtrce")
    assert not failed
    assert text.startswith("Backtrace (2021)\n================")
    assert "“A decent overall film”" in text
    assert "\\" not in text  # markdown escapes are for Discord only


async def test_similar_and_help_and_suggest(services: Services) -> None:
    session = ConsoleSession(services.commands)
    text, _ = await session.run_line("/similar Backtrace")
    assert "Memento (2000)" in text and "6 suggestions" in text
    text, _ = await session.run_line("/help")
    assert "/review <title>" in text
    text, _ = await session.run_line("/suggest esc")
    assert "Escape Plan (2013)" in text


async def test_bad_lines_are_friendly(services: Services) -> None:
    session = ConsoleSession(services.commands)
    assert (await session.run_line("/frobnicate x"))[1] is True
    assert (await session.run_line("hello"))[1] is True
    text, failed = await session.run_line("/review ")
    assert failed and "/review needs title" in text


async def test_pick_from_ambiguous_list_by_number(services: Services) -> None:
    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    session = ConsoleSession(services.commands)
    text, failed = await session.run_line("/similar memento")
    assert not failed and "1. Memento" in text and "Type a number" in text  # a question, not an error
    text, failed = await session.run_line("1" if "1. Memento (2000)" in text else "2")
    assert not failed and text.startswith("If you liked Memento (2000)")


def test_render_unescapes_links() -> None:
    reply = make_reply(
        title="A (1)", fields=[Field("S", rich(link("Read the full review", "https://x.test/r")))]
    )
    assert render(reply) == "A (1)\n=====\n\nS\n    Read the full review: https://x.test/r"


def test_cli_ask_prints_reply_and_exits(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "ask", "/review Backtrace")
    assert result.returncode == 0, result.stderr
    assert "Backtrace (2021)" in result.stdout
    missing = run_cli(tmp_path, "ask", "/review zzqqxx")
    assert missing.returncode == 1 and "couldn't find" in missing.stdout


def test_cli_run_without_token_opens_the_console(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run", stdin="/review back trace\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert "DISCORD_TOKEN is not set" in result.stdout
    assert "/help" in result.stdout and "Backtrace (2021)" in result.stdout


def test_cli_discord_without_token_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "discord")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "filmbot: DISCORD_TOKEN is not set: copy .env.example to .env and paste your bot token"
    )
    assert "Traceback" not in result.stderr


def test_cli_malformed_seed_is_one_line(tmp_path: Path) -> None:
    """Through the real entry point (`python -m bot`), in its own process."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "films.yaml").write_text("films:\n  - id: a-1\n    title: A\n    title: B\n")
    env = {
        "FILMBOT_DB": str(tmp_path / "db.sqlite3"),
        "FILMBOT_DATA": str(bad),
        "FILMBOT_STARTER": "off",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/review A"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"filmbot: {bad / 'films.yaml'}:4: duplicate key 'title'"


def test_hostile_seed_files_stop_start_up_in_one_line(tmp_path: Path) -> None:
    import shutil

    cases = {
        "tag": (
            "films:\n  - id: a\n    title: !!python/object/apply:os.system ['echo pwned']\n",
            ":3: unsupported tag",
        ),
        "bomb": ('a: &a ["x","x"]\nb: &b [*a,*a]\n', ":1: anchors and aliases"),
        "deep": ("films: " + "[" * 30000 + "]" * 30000 + "\n", ":1: nested more than"),
        "docs": ("films: []\n---\nfilms: []\n", ":2: several YAML documents"),
        "types": (
            "films:\n  - id: a\n    title: A\n    year: [1999]\n",
            ":4: films[0].year: expected a whole number",
        ),
    }
    for name, (text, expected) in cases.items():
        folder = tmp_path / name
        shutil.copytree(DATA, folder)
        (folder / "zz.yaml").write_text(text)
        env = {
            "FILMBOT_DB": str(tmp_path / f"{name}.sqlite3"),
            "FILMBOT_DATA": str(folder),
            "FILMBOT_STARTER": "off",
        }
        result = run_cli(tmp_path, "ask", "/review Backtrace", env=env)
        assert result.returncode == 2, name
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"filmbot: {folder / 'zz.yaml'}") and expected in line, (name, line)
        assert "Traceback" not in result.stderr
        assert not (folder / "pwned").exists()


def test_cli_run_with_a_malformed_token_is_one_line_without_the_token(tmp_path: Path) -> None:
    secret = "not-a-real-token-but-secret-1234"
    result = run_cli(tmp_path, "run", env={"DISCORD_TOKEN": secret})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("filmbot: DISCORD_TOKEN does not look like a bot token")
    assert secret not in result.stderr + result.stdout


async def test_options_can_be_typed_in_order(services: Services) -> None:
    session = ConsoleSession(services.commands)
    for line in ("/guild 5", "/as admin"):
        await session.run_line(line)
    text, failed = await session.run_line("/catalogue alias memento Tattoo")
    assert not failed and text == "Memento (2000) can now be found as “Tattoo”."
    await session.run_line('/catalogue add-film "Zebra Crossing" 2022')
    text, failed = await session.run_line('/catalogue edit-film "Zebra Crossing" year 2023')
    assert not failed and "Updated the year of Zebra Crossing (2023)" in text
    text, failed = await session.run_line("/catalogue link 'zebra crossing' memento 'Both run backwards.'")
    assert not failed and text == "Linked Zebra Crossing (2023) and Memento (2000): Both run backwards."
    text, _ = await session.run_line("/review Schindler's List")  # an apostrophe is not a quote
    assert "Schindler's List" in text
    # Unquoted words beside key=value options: one title, not a title and a director.
    text, failed = await session.run_line("/catalogue add-film Night Train year=1999 genres=drama")
    assert not failed and text == "Added Night Train (1999) to this server's catalogue."
    text, _ = await session.run_line("/film night train")
    assert "Directed by" not in text and "Night Train (1999)" in text
    text, failed = await session.run_line("/catalogue add-review night train quote=Slow source=Zine")
    assert not failed and text == "Added a review of Night Train (1999) from Zine."


async def test_paging_and_help_in_the_terminal(services: Services) -> None:
    session = ConsoleSession(services.commands)
    text, failed = await session.run_line("/next")
    assert failed and "/next and /prev turn the pages" in text
    text, failed = await session.run_line("/catalogue help")
    assert not failed and "/catalogue add-film <title>" in text and "Unknown" not in text
    one_shot = ConsoleSession(services.commands, one_shot=True)
    text, _ = await one_shot.run_line("/help")
    assert "/review <title>" in text and "/confirm" not in text  # no terminal-session commands


async def test_page_is_counted_from_one_as_the_footer_counts(starter_services: Services) -> None:
    session = ConsoleSession(starter_services.commands)
    first, _ = await session.run_line("/films genre=horror")
    second, failed = await session.run_line("/films genre=horror page=2")
    assert not failed and "page 2 of" in second and "page 1 of" in first
    turned, _ = await session.run_line("/next")
    assert "page 3 of" in turned
    text, failed = await session.run_line("/films genre=horror page=0")
    assert failed and "page must be at least 1; got 0" in text
