"""The terminal as a person uses it, through a real pseudo-terminal (issue 13): line editing,
history across sessions, Tab completion of commands, options and titles, Ctrl-C and Ctrl-D."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.console.pty_terminal import Terminal

PROMPT = "filmbot> "


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    opened = Terminal(tmp_path, "--guild", "5", "--admin")
    try:
        yield opened
    finally:
        opened.kill()


def test_tab_completes_commands_and_titles_and_the_line_can_be_edited(terminal: Terminal) -> None:
    terminal.expect(PROMPT)
    terminal.send("/revi\t")
    terminal.expect("/review ")
    terminal.send("mement\t")
    terminal.expect("Memento (2000)")
    terminal.send("\x01\x06\x06\x06\x06\x06\x06\x06\x7f\x7f\x7f\x7f\x7f\x7f\x7f/review\r")  # Ctrl-A, →, ⌫
    shown = terminal.expect(PROMPT)
    assert "Memento (2000)" in shown and "Unknown command" not in shown
    terminal.send("\x04")
    assert terminal.wait() == 0


def test_tab_completes_options_and_the_review_ids_a_curator_removes_by(terminal: Terminal) -> None:
    terminal.expect(PROMPT)
    terminal.send("/catalogue add-review memento quote=Backwards source=Empire\r")
    terminal.expect(PROMPT)
    terminal.send("/catalogue add-film Nowhere Land ye\t")
    terminal.expect("year=")
    terminal.send("\x15/catalogue remove-review \t")  # Ctrl-U clears the line first
    terminal.expect("Empire on Memento: “Backwards”")  # the id, the critic, the film, the quote
    terminal.send("\r")
    shown = terminal.expect(PROMPT)
    assert "Removed a review of Memento from Empire" in shown, shown


def test_a_curator_sees_the_review_ids_and_removes_one_by_its_id(terminal: Terminal) -> None:
    terminal.expect(PROMPT)
    terminal.send("/catalogue add-review memento quote=Backwards source=Empire\r")
    terminal.expect(PROMPT)
    terminal.send("/catalogue reviews memento\r")
    shown = terminal.expect(PROMPT)
    found = re.search(r"#(\d+) · Empire", shown)
    assert found and f"/catalogue remove-review #{found.group(1)}" in shown, shown
    terminal.send(f"/catalogue remove-review #{found.group(1)}\r")
    assert "Removed a review of Memento from Empire" in terminal.expect(PROMPT)


def test_history_is_kept_across_sessions(tmp_path: Path) -> None:
    first = Terminal(tmp_path)
    try:
        first.expect(PROMPT)
        first.send("/similar memento\r")
        first.expect(PROMPT)
        first.send("/quit now\r")
        assert first.wait() == 0
    finally:
        first.kill()
    assert "/similar memento" in (tmp_path / ".filmbot_history").read_text()
    second = Terminal(tmp_path)
    try:
        second.expect(PROMPT)
        second.send("\x1b[A")  # the Up arrow brings back the last session's lines
        second.expect("/quit now")
        second.send("\x1b[A")
        second.expect("similar memento")  # readline redraws only what changed
        second.send("\r")
        assert "Memento" in second.expect(PROMPT)
    finally:
        second.kill()


def test_ctrl_c_clears_the_line_and_twice_quits(terminal: Terminal) -> None:
    terminal.expect(PROMPT)
    terminal.send("/review memen")
    terminal.expect("memen")  # typed and shown before the key, as a person would
    terminal.interrupt()
    terminal.expect("the line is cleared")
    terminal.expect(PROMPT)
    terminal.send("/help\r")  # the half-typed line is gone: only /help runs
    shown = terminal.expect(PROMPT)
    assert "/review <title>" in shown and "Review snippets" not in shown.split("/help")[0]
    terminal.interrupt()
    terminal.expect(PROMPT)
    terminal.interrupt()
    assert terminal.wait() == 0


def test_ctrl_d_at_the_first_keystroke_quits(terminal: Terminal) -> None:
    terminal.expect(PROMPT)
    terminal.send("\x04")
    assert terminal.wait() == 0
