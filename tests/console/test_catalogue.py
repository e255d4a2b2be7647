"""Curation from the terminal: the same handlers, switched by /as and /guild."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NoReturn

import pytest

from bot.console.session import ConsoleSession
from bot.wiring import Services
from tests.console.cli import run_cli


async def test_switches_and_admin_commands(services: Services) -> None:
    session = ConsoleSession(services.commands)
    text, failed = await session.run_line('/catalogue add-film title="Zebra Crossing" year=2022')
    assert failed and "inside a server" in text
    assert (await session.run_line("/guild 5"))[0] == "Now acting as member, server 5."
    text, failed = await session.run_line('/catalogue add-film title="Zebra Crossing" year=2022')
    assert failed and "Manage Server" in text
    await session.run_line("/as admin")
    text, failed = await session.run_line(
        '/catalogue add-film title="Zebra Crossing" year=2022 genres="drama"'
    )
    assert not failed and text == "Added Zebra Crossing (2022) to this server's catalogue."
    text, _ = await session.run_line('/catalogue add-review film="zebra crossin" quote="Lovely" source=Zine')
    assert "Added a review" in text
    text, _ = await session.run_line("/review zebra crossing")
    assert "“Lovely”" in text


async def test_confirm_and_cancel(services: Services) -> None:
    session = ConsoleSession(services.commands)
    for line in (
        "/guild 5",
        "/as admin",
        "/catalogue add-film title=Zebra",
        "/catalogue add-review film=Zebra quote=Ok source=Zine",
    ):
        await session.run_line(line)
    text, _ = await session.run_line("/catalogue remove-film film=Zebra")
    assert "Type /confirm to remove Zebra" in text
    assert (await session.run_line("/review Zebra"))[1] is False  # not removed yet
    text, failed = await session.run_line("/confirm")  # the other line cancelled it, as the prompt said
    assert failed and text == "Nothing is waiting for confirmation."
    await session.run_line("/catalogue remove-film film=Zebra")
    text, failed = await session.run_line("/confirm")
    assert not failed and "Removed Zebra" in text
    assert (await session.run_line("/confirm"))[0] == "Nothing is waiting for confirmation."


async def test_bad_options_are_explained(services: Services) -> None:
    session = ConsoleSession(services.commands)
    await session.run_line("/guild 5")
    await session.run_line("/as admin")
    text, failed = await session.run_line('/catalogue add-film title="unclosed')
    assert failed and "close your quotes" in text
    text, failed = await session.run_line("/catalogue add-film colour=red")
    assert failed and "has no option 'colour'" in text and "Usage: /catalogue add-film <title>" in text
    text, failed = await session.run_line("/catalogue frobnicate")
    assert failed and "Unknown command" in text


def test_operator_import_and_export_round_trip(tmp_path: Path) -> None:
    upload = tmp_path / "mine.yaml"
    upload.write_text("films:\n  - id: zebra-2022\n    title: Zebra\n    year: 2022\n")
    imported = run_cli(tmp_path, "import", str(upload), "--guild", "7")
    assert imported.returncode == 0, imported.stderr
    assert "Added (1)" in imported.stdout
    exported = run_cli(tmp_path, "export", "--guild", "7")
    assert exported.returncode == 0 and "id: zebra-2022" in exported.stdout
    again = tmp_path / "again.yaml"
    again.write_text(exported.stdout)
    assert "nothing to change" in " ".join(
        run_cli(tmp_path, "import", str(again), "--guild", "7").stdout.split()
    )
    answer = run_cli(tmp_path, "ask", "--guild", "7", "/review zebra")
    assert "Zebra (2022)" in answer.stdout
    elsewhere = run_cli(tmp_path, "ask", "--guild", "8", "/review zebra")
    assert elsewhere.returncode == 1


def test_operator_import_of_bad_file_is_one_line_per_problem(tmp_path: Path) -> None:
    upload = tmp_path / "bad.yaml"
    upload.write_text("films:\n  - id: z\n    title: Z\n    year: soon\n")
    result = run_cli(tmp_path, "import", str(upload), "--guild", "7")
    assert result.returncode == 2
    assert result.stderr.strip() == f"filmbot: {upload}:4: films[0].year: expected a whole number, got 'soon'"


def test_operator_bulk_import_of_a_dataset(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    result = run_cli(tmp_path, "import", str(ROOT / "tests" / "fixtures" / "movies.csv"))
    assert result.returncode == 1  # one malformed row was skipped: scripts should notice
    assert "movies.csv: 5 added, 0 enriched, 0 aliased, 0 skipped, into the shared catalogue" in result.stdout
    assert "movies.csv:7: expected movieId,title,genres" in result.stdout
    assert "100%" in result.stderr  # the progress bar
    found = run_cli(tmp_path, "ask", "/review matrix 1999")
    assert "The Matrix (1999)" in found.stdout


def test_yaml_import_needs_a_server(tmp_path: Path) -> None:
    upload = tmp_path / "mine.yaml"
    upload.write_text("films:\n  - id: z\n    title: Z\n")
    result = run_cli(tmp_path, "import", str(upload))
    assert result.returncode == 2 and "add --guild ID" in result.stderr


def test_backup_command_writes_a_checked_copy(tmp_path: Path) -> None:
    import sqlite3

    assert run_cli(tmp_path, "ask", "/review memento").returncode == 0  # creates and seeds the database
    result = run_cli(tmp_path, "backup", str(tmp_path / "copy.sqlite3"))
    assert result.returncode == 0 and "integrity check passed" in result.stdout
    with sqlite3.connect(tmp_path / "copy.sqlite3") as con:
        assert con.execute("SELECT count(*) FROM films").fetchone()[0] == 7


async def test_picking_a_number_continues_the_command_that_asked(services: Services) -> None:
    session = ConsoleSession(services.commands)
    for line in ("/guild 5", "/as admin", "/catalogue add-film title=Memento year=2019"):
        await session.run_line(line)
    text, failed = await session.run_line('/catalogue alias film=memento alias="Tattoo Film"')
    assert not failed and "1. Memento" in text and "Type a number" in text  # a question, not an error
    number = "1" if "1. Memento (2000)" in text else "2"
    text, failed = await session.run_line(number)
    assert not failed and text == "Memento (2000) can now be found as “Tattoo Film”."
    text, _ = await session.run_line("/review tattoo film")
    assert text.startswith("Memento (2000)")


async def test_option_values_are_checked_against_the_declaration(services: Services) -> None:
    session = ConsoleSession(services.commands)
    await session.run_line("/guild 5")
    await session.run_line("/as admin")
    await session.run_line("/catalogue curators action=add role=77")
    text, failed = await session.run_line("/catalogue curators action=ad role=77")
    assert failed and "action must be one of add, remove, list" in text
    text, _ = await session.run_line("/catalogue curators action=list")
    assert text == "Curator roles: @role 77"  # still a curator: the typo revoked nothing
    text, failed = await session.run_line("/catalogue curators action=add role=²⁰")
    assert failed and "role must be a role id" in text


async def test_a_bug_in_a_handler_is_logged_with_a_reference(
    services: Services, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(ctx: object, **options: object) -> NoReturn:
        raise TypeError("broken() missing 1 required positional argument: 'x'")

    command = services.commands.by_path["catalogue history"]
    monkeypatch.setitem(
        services.commands.by_path, "catalogue history", dataclasses.replace(command, handler=broken)
    )
    session = ConsoleSession(services.commands)
    await session.run_line("/guild 5")
    await session.run_line("/as admin")
    text, failed = await session.run_line("/catalogue history")
    assert failed and "Something went wrong on our side" in text and "positional" not in text
    [record] = [r for r in caplog.records if "unhandled error" in r.getMessage()]
    assert record.exc_info is not None and record.exc_info[0] is TypeError
    reference = record.getMessage().split("ref ")[1].split(")")[0]
    assert reference in text
