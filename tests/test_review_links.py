"""Review links: one rule (bot.core.text.url_problem) for every path that accepts one, and a
rendering that cannot be broken out of even by a link stored before the rule existed."""

from __future__ import annotations

import pytest

from bot.app.markdown import render
from bot.core.errors import DataFileError, InvalidInput
from bot.core.film_replies import review_field
from bot.core.models import Caller, Review
from bot.core.rich import link, plain_text
from bot.core.text import url_problem
from bot.formats.catalogue_file import read_text
from bot.wiring import Services
from tests.conftest import call
from tests.conftest import upload as file_upload

ADMIN = Caller(guild_id=5, user_id=1, can_manage_guild=True)
# The link from issue 15: the gap in FREE⠀NITRO is U+2800, which `\S` accepts.
MASKED = "https://ok.example/>)[**FREE\u2800NITRO**](https://evil.example/steal?"

BAD = [
    MASKED,
    "https://ok.example/a\u2800b",  # braille blank
    "https://ok.example/a\u3164b",  # Hangul filler
    "https://ok.example/a\u00a0b",  # no-break space
    "https://ok.example/a\u2028b",  # line separator
    "https://ok.example/a b",
    "https://ok.example/a)b",
    "https://ok.example/a]b",
    "https://ok.example/a>b",
    "https://ok.example/a`b",
    "https://ok.example/a\\b",
    "javascript://ok.example/%0Aalert(1)",
    "ftp://ok.example/file",
    "https://",
    "https:///path-without-host",
    "ok.example/no-scheme",
    "https://ok.example:99999999/",
]
GOOD = [
    "https://ok.example/",
    "http://ok.example/review?id=3&lang=en#part",
    "https://de.wikipedia.org/wiki/Über_die_Liebe",
    "https://ok.example/Film_%282019%29",
    "HTTPS://OK.EXAMPLE/A~B",
]


@pytest.mark.parametrize("url", BAD)
def test_unsafe_links_are_refused_with_a_reason(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None and "link" in problem


@pytest.mark.parametrize("url", GOOD)
def test_ordinary_links_are_accepted(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize("url", [MASKED, "https://ok.example/a\u2800b", "https://ok.example/a)b"])
async def test_the_command_refuses_unsafe_links_and_stores_nothing(services: Services, url: str) -> None:
    await call(services, "catalogue add-film", ADMIN, "Zebra Crossing", 2022)
    with pytest.raises(InvalidInput, match="url: a link cannot contain"):
        await call(services, "catalogue add-review", ADMIN, "zebra crossing", "Lovely", "Zine", url=url)
    row = await services.db.fetchone("SELECT count(*) FROM reviews WHERE guild_id = 5")
    assert row is not None and row[0] == 0


def upload(url: str) -> str:
    return (
        "films:\n  - id: zebra-2022\n    title: Zebra\n    year: 2022\n"
        f"reviews:\n  - film: zebra-2022\n    quote: Lovely\n    source: Zine\n    url: '{url}'\n"
    )


def test_yaml_files_refuse_unsafe_links_naming_the_line() -> None:
    _, found = read_text(upload(MASKED), "up.yaml")
    assert [str(p) for p in found] == ["up.yaml:9: reviews[0].url: a link cannot contain >: write it as %3E"]
    _, found = read_text(upload("https://ok.example/a\u2800b"), "up.yaml")
    assert len(found) == 1 and "U+2800" in str(found[0])
    assert read_text(upload("https://ok.example/review"), "up.yaml")[1] == []


async def test_uploads_refuse_unsafe_links(services: Services) -> None:
    with pytest.raises(DataFileError) as refused:
        await call(services, "catalogue import", ADMIN, file_upload(upload(MASKED).encode(), "up.yaml"))
    assert "reviews[0].url" in str(refused.value.problems[0])
    row = await services.db.fetchone("SELECT count(*) FROM films WHERE guild_id = 5")
    assert row is not None and row[0] == 0


def test_a_stored_unsafe_link_is_not_rendered_as_a_link() -> None:
    field = review_field(Review(id=1, film_id=1, quote="Lovely", source="Zine", url=MASKED))
    assert all(span.style != "link" for span in field.value) and "evil.example" not in plain_text(field.value)
    safe = review_field(Review(id=1, film_id=1, quote="Lovely", source="Zine", url="https://ok.example/r"))
    assert safe.value[-1] == link("Read the full review", "https://ok.example/r")
    assert render(safe.value, 1024).endswith("[Read the full review](<https://ok.example/r>)")
