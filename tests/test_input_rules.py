"""One rule per kind of input, whatever the path (command, seed file, upload, CSV import): text
cleaning, numbers in digits 0-9, lone surrogates, seed folders, deep YAML (issue 15)."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.console.cli import main
from bot.console.session import ConsoleSession
from bot.core.discovery import parse_years
from bot.core.errors import DataFileError, FilmNotFound, InvalidInput
from bot.core.models import Caller
from bot.core.normalise import match_key
from bot.core.replies import error_reply
from bot.core.rich import plain_text
from bot.formats.yamlfile import parse
from bot.settings import Settings
from bot.store.database import connect
from bot.store.seeding import seed
from bot.wiring import Services, open_services
from tests.conftest import DATA, call
from tests.conftest import upload as file_upload
from tests.mounts import read_only_folder

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)
HIDDEN = "\x00\u202e\u2066\u200b"  # NUL, right-to-left override, isolate, zero-width space
KEPT = ["👨\u200d👩\u200d👧 Family", "می\u200cخواهم", "🎬🍿", "!!!", "?!"]


def titles(settings: Settings, guild: int) -> set[str]:
    with sqlite3.connect(settings.db_path) as con:
        return {row[0] for row in con.execute("SELECT title FROM films WHERE guild_id = ?", (guild,))}


@pytest.mark.usefixtures("cli_environment")
async def test_hidden_characters_never_reach_titles_by_any_path(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    await call(services, "catalogue add-film", ADMIN, f"Typed{HIDDEN}Title", 2001)
    upload = 'films:\n  - id: up\n    title: "Uploaded\\u202e\\u2066\\u200bTitle"\n    year: 2002\n'
    await call(services, "catalogue import", ADMIN, file_upload(upload.encode(), "up.yaml"))
    csv = tmp_path / "films.csv"
    csv.write_text(f"title,year\nImported{HIDDEN}Title,2003\n", encoding="utf-8")
    nul = 'films:\n  - id: nul\n    title: "A\\0B"\n'
    with pytest.raises(DataFileError, match=r"up\.yaml:3: films\[0\]\.title: contains control characters"):
        await call(
            services, "catalogue import", ADMIN, file_upload(nul.encode(), "up.yaml")
        )  # refused, naming its line
    await services.close()
    assert await asyncio.to_thread(main, ["import", str(csv), "--guild", "5"]) == 0
    assert titles(settings, 5) == {"TypedTitle", "UploadedTitle", "ImportedTitle"}


@pytest.mark.parametrize("title", KEPT)
async def test_joiners_emoji_and_punctuation_titles_are_kept_and_found(
    services: Services, title: str
) -> None:
    session = ConsoleSession(services.commands, ADMIN)
    text, failed = await session.run_line(f'/catalogue add-film title="{title}" year=2020')
    assert not failed and text == f"Added {title} (2020) to this server's catalogue."
    text, failed = await session.run_line(f"/review {title}")
    assert not failed and text.startswith(f"{title} (2020)")


async def test_two_symbol_titles_are_different_films(services: Services) -> None:
    await call(services, "catalogue add-film", ADMIN, "🎬🍿", 2020)
    await call(services, "catalogue add-film", ADMIN, "!!!", 2020)  # both once had the empty key


@pytest.mark.parametrize("year", ["²⁰²¹", "٢٠٢١", "２０２１"])
async def test_years_in_other_digits_are_refused_clearly_everywhere(
    services: Services, settings: Settings, tmp_path: Path, year: str
) -> None:
    session = ConsoleSession(services.commands, ADMIN)
    text, failed = await session.run_line(f"/catalogue add-film title=Zed year={year}")
    assert failed and text.startswith("year must be a whole number") and "went wrong" not in text
    upload = f'films:\n  - id: zed\n    title: Zed\n    year: "{year}"\n'
    with pytest.raises(DataFileError) as refused:
        await call(services, "catalogue import", ADMIN, file_upload(upload.encode(), "up.yaml"))
    assert str(refused.value.problems[0]).endswith("(write it with the digits 0-9)")
    with pytest.raises(InvalidInput):
        parse_years(year)
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA, seeds)
    (seeds / "extra.yaml").write_text(upload, encoding="utf-8")
    db = await connect(tmp_path / "seeded.sqlite3")
    try:
        with pytest.raises(DataFileError, match=r"extra\.yaml:4: films\[0\]\.year: expected a whole number"):
            await seed(db, seeds)
    finally:
        await db.close()


@pytest.mark.usefixtures("cli_environment")
async def test_unicode_digits_in_a_query_and_a_csv(
    services: Services, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert match_key("Rocky ፩") == "rocky ፩"  # an Ethiopic digit: str.isdigit() says yes, int() says no
    with pytest.raises(FilmNotFound):
        await call(services, "similar", Caller(), "Rocky ፩ 2")
    csv = tmp_path / "films.csv"
    csv.write_text("title,year,votes\nZed,²⁰²¹,1\nYak,2001,¹²\nXen,2002,3\n", encoding="utf-8")
    await services.close()
    assert await asyncio.to_thread(main, ["import", str(csv)]) == 1
    out = capsys.readouterr().out
    assert (
        f"skipped {csv}:2: year '²⁰²¹' is not a year between 1870 and 2100 (write it with the digits 0-9)"
        in out
    )
    assert f"skipped {csv}:3: votes '¹²' is not a whole number (write it with the digits 0-9)" in out
    assert "Xen" in titles(settings, 0)


async def test_a_21_digit_review_id_is_a_clear_answer(services: Services) -> None:
    session = ConsoleSession(services.commands, ADMIN)
    text, failed = await session.run_line("/catalogue remove-review review=123456789012345678901")
    assert failed and text.startswith(
        "Pick the review from the list that appears as you type, or give its id"
    )


async def test_lone_surrogates_are_dropped_from_every_text_field(services: Services) -> None:
    session = ConsoleSession(services.commands, ADMIN)
    for line in (
        '/catalogue add-film title="A\ud800B" year=2020 director="D\udfffE" genres="x\ud83d"',
        '/catalogue add-review film=AB quote="Q\ud800" source="S\udc00" author="\ud800A" verdict="V\udbff"',
        '/catalogue link film=AB other=Backtrace reason="R\ud800"',
        '/catalogue add-alias film=AB alias="Al\ud800ias"',
        "/review \ud800AB",
        "/similar A\ud800B",
    ):
        text, _ = await session.run_line(line)
        assert "Something went wrong" not in text, (line, text)
        assert "\ud800" not in text
    upload = 'films:\n  - id: s\n    title: "S\\ud800T"\n    year: 2001\n'
    await call(services, "catalogue import", ADMIN, file_upload(upload.encode(), "up.yaml"))
    row = await services.db.fetchone("SELECT count(*) FROM films WHERE title IN ('AB', 'ST')")
    assert row is not None and row[0] == 2


@pytest.mark.parametrize("kind", ["folder", "broken link"])
async def test_a_seed_entry_that_is_not_a_file_is_named(tmp_path: Path, kind: str) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA, seeds)
    odd = seeds / "odd.yaml"
    odd.mkdir() if kind == "folder" else odd.symlink_to(tmp_path / "missing.yaml")
    with pytest.raises(DataFileError) as refused:
        await open_services(Settings(db_path=tmp_path / "db.sqlite3", data_dir=seeds))
    assert [p.file for p in refused.value.problems] == [str(odd)]
    assert "folder" in str(refused.value.problems[0]) or "does not exist" in str(refused.value.problems[0])


def test_brackets_inside_titles_are_not_nesting() -> None:
    quoted = "".join(f'  - id: d-{n}\n    title: "Director cut [{n}"\n' for n in range(40))
    bare = "".join(f"  - id: e-{n}\n    title: Director cut [{n} again\n" for n in range(40))
    films = parse(f"films:\n{quoted}{bare}", "x.yaml").value["films"].value
    assert len(films) == 80 and films[0].value["title"].value == "Director cut [0"
    with pytest.raises(DataFileError, match="nested more than 32 levels deep"):
        parse("a: " + "[" * 40 + "]" * 40, "x.yaml")
    with pytest.raises(DataFileError, match="nested more than 32 levels deep"):
        parse("".join("  " * i + "- x:\n" for i in range(40)), "x.yaml")


@pytest.mark.usefixtures("cli_environment")
def test_export_onto_a_read_only_place_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with read_only_folder(tmp_path / "ro") as folder:
        assert main(["export", "--guild", "5", "-o", str(folder / "out.yaml")]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"filmbot: cannot write {folder / 'out.yaml'}: Read-only file system")
        assert list(folder.iterdir()) == []


async def test_an_echoed_query_carries_no_lone_surrogate(services: Services) -> None:
    with pytest.raises(FilmNotFound) as missing:
        await call(services, "review", Caller(), "Zz\ud800qq\u202exx")
    reply = error_reply(missing.value)
    shown = plain_text(reply.description)
    assert "Zzqqxx" in shown and "\ud800" not in shown and "\u202e" not in shown
    shown.encode("utf-8")  # what Discord is sent must be valid UTF-8
