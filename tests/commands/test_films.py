"""The film commands, called directly as named functions, against the shipped seed in a real SQLite file."""

import pytest

from bot.commands import films
from bot.core.errors import AmbiguousTitle, FilmNotFound
from bot.core.limits import MAX_CHOICE_NAME, MAX_CHOICES
from bot.core.models import Caller, TitleEntry
from bot.core.resolution import film_ref
from bot.core.rich import plain_text
from bot.wiring import Services

SIX = {
    "Escape Plan (2013)",
    "Dragged Across Concrete (2019)",
    "American Heist (2014)",
    "Out of Death (2021)",
    "211 (2018)",
    "Memento (2000)",
}


@pytest.mark.parametrize(
    "typed", ["Backtrace", "backtrace", "backtrce", "Backtrace 2021", "Backtrace (2021)", "back trace"]
)
async def test_review_finds_backtrace_however_typed(services: Services, typed: str) -> None:
    reply = await films.review(services.commands.context(Caller()), typed)
    assert reply.title == "Backtrace (2021)"
    assert "bank robbery" in plain_text(reply.description)
    assert len(reply.fields) == 3
    assert all("Get Your Comic On" in f.name and "Dave" in f.name for f in reply.fields)
    assert any("“A decent overall film”" in plain_text(f.value) for f in reply.fields)
    assert not reply.ephemeral


async def test_film_without_reviews_says_so(services: Services) -> None:
    reply = await films.review(services.commands.context(Caller()), "memento")
    assert "No reviews yet" in plain_text(reply.description)
    assert reply.fields == ()


async def test_similar_lists_the_six_with_reasons(services: Services) -> None:
    reply = await films.similar(services.commands.context(Caller()), "Backtrace")
    assert reply.title == "If you liked Backtrace (2021)"
    assert {f.name for f in reply.fields} == SIX
    assert all(len(plain_text(f.value)) > 20 for f in reply.fields)


async def test_not_found_and_ambiguous(services: Services) -> None:
    with pytest.raises(FilmNotFound):
        await films.review(services.commands.context(Caller()), "qwxyz plorb")
    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    with pytest.raises(AmbiguousTitle):
        await films.review(services.commands.context(Caller()), "memento")


async def test_autocomplete_choices(services: Services) -> None:
    found = await films.film_choices(services.commands.context(Caller()), "ba")
    assert found[0].name == "Backtrace (2021)"
    assert found[0].value.startswith("film:")
    everything = await films.film_choices(services.commands.context(Caller()), "")
    assert len(everything) == 7
    assert all(1 <= len(c.name) <= MAX_CHOICE_NAME and len(c.value) <= 100 for c in everything)
    long_title = "A" * 150
    for n in range(40):
        services.index.add(TitleEntry(5000 + n, f"{long_title} {n}", 2000, label=f"{long_title} {n} (2000)"))
    crowded = await films.film_choices(services.commands.context(Caller()), "a" * 20)
    assert len(crowded) == MAX_CHOICES
    assert all(len(c.name) <= MAX_CHOICE_NAME for c in crowded)


async def test_choice_value_identifies_the_film_exactly(services: Services) -> None:
    choice = (await films.film_choices(services.commands.context(Caller()), "memento"))[0]
    reply = await films.similar(services.commands.context(Caller()), choice.value)
    assert reply.title == "If you liked Memento (2000)"
    with pytest.raises(FilmNotFound):
        await films.review(services.commands.context(Caller()), film_ref(123456))
