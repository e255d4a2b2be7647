"""Questions in the terminal: a line without a leading slash is asked, as /ask would answer it."""

from pathlib import Path

from bot.console.render import render
from bot.console.session import ConsoleSession
from bot.core.models import Caller, TitleEntry
from bot.wiring import Services
from tests.conftest import run
from tests.console.cli import run_cli


async def test_a_plain_line_is_answered_as_ask_answers_it(services: Services) -> None:
    session = ConsoleSession(services.commands)
    text, failed = await session.run_line("what do critics say about backtrace?")
    assert not failed
    asked = await run(services, Caller(), "ask", question="what do critics say about backtrace?")
    assert text == render(asked)
    assert "Reviews of Backtrace (2021)" in text and "Get Your Comic On" in text


async def test_a_which_one_list_from_a_question_is_answered_by_number(services: Services) -> None:
    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    session = ConsoleSession(services.commands)
    text, failed = await session.run_line("films like memento")
    assert not failed and "Which one?" in text  # a question back, not a failure
    text, failed = await session.run_line("1" if "1. Memento (2000)" in text else "2")
    assert not failed and "If you liked Memento (2000)" in text


async def test_a_one_shot_question_that_needs_a_choice_fails_with_the_lines_that_pick(
    services: Services,
) -> None:
    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    text, failed = await ConsoleSession(services.commands, one_shot=True).run_line("films like memento")
    assert failed and "Run the line of the one you meant" in text  # `filmbot ask` exits 1: no answer


async def test_a_question_it_cannot_understand_is_an_error_with_examples(services: Services) -> None:
    text, failed = await ConsoleSession(services.commands).run_line("hello there")
    assert failed and text.count("/ask ") == 3


def test_cli_ask_answers_a_question(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "ask", "reviews of backtrace")
    assert result.returncode == 0, result.stderr
    assert "Reviews of Backtrace (2021)" in result.stdout
    unknown = run_cli(tmp_path, "ask", "can you play music in voice")
    assert unknown.returncode == 1 and "didn't understand" in unknown.stdout
