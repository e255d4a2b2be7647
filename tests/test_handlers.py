"""The shared handlers, against the shipped seed in a real SQLite file."""

import pytest

from bot.core.errors import AmbiguousTitle, FilmNotFound
from bot.core.limits import MAX_CHOICE_NAME, MAX_CHOICES
from bot.core.models import Caller, TitleEntry
from bot.core.resolution import film_ref
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
    reply = await services.handlers.review(Caller(), typed)
    assert reply.title == r"Backtrace \(2021\)"
    assert "bank robbery" in reply.description
    assert len(reply.fields) == 3
    assert all("Get Your Comic On" in f.name and "Dave" in f.name for f in reply.fields)
    assert any("“A decent overall film”" in f.value for f in reply.fields)
    assert not reply.ephemeral


async def test_film_without_reviews_says_so(services: Services) -> None:
    reply = await services.handlers.review(Caller(), "memento")
    assert "No reviews yet" in reply.description
    assert reply.fields == ()


async def test_similar_lists_the_six_with_reasons(services: Services) -> None:
    reply = await services.handlers.similar(Caller(), "Backtrace")
    assert reply.title == r"If you liked Backtrace \(2021\)"
    names = {f.name.replace("\\", "") for f in reply.fields}
    assert names == SIX
    assert all(len(f.value) > 20 for f in reply.fields)


async def test_not_found_and_ambiguous(services: Services) -> None:
    with pytest.raises(FilmNotFound):
        await services.handlers.review(Caller(), "qwxyz plorb")
    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    with pytest.raises(AmbiguousTitle):
        await services.handlers.review(Caller(), "memento")


async def test_autocomplete_choices(services: Services) -> None:
    found = services.handlers.autocomplete(Caller(), "ba")
    assert found[0].name == "Backtrace (2021)"
    assert found[0].value.startswith("film:")
    everything = services.handlers.autocomplete(Caller(), "")
    assert len(everything) == 7
    assert all(1 <= len(c.name) <= MAX_CHOICE_NAME and len(c.value) <= 100 for c in everything)
    long_title = "A" * 150
    for n in range(40):
        services.index.add(TitleEntry(5000 + n, f"{long_title} {n}", 2000, label=f"{long_title} {n} (2000)"))
    crowded = services.handlers.autocomplete(Caller(), "a" * 20)
    assert len(crowded) == MAX_CHOICES
    assert all(len(c.name) <= MAX_CHOICE_NAME for c in crowded)


async def test_choice_value_identifies_the_film_exactly(services: Services) -> None:
    choice = services.handlers.autocomplete(Caller(), "memento")[0]
    reply = await services.handlers.similar(Caller(), choice.value)
    assert reply.title == r"If you liked Memento \(2000\)"
    with pytest.raises(FilmNotFound):
        await services.handlers.review(Caller(), film_ref(123456))
