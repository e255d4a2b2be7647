"""Which command answers a question, with which typed options."""

from __future__ import annotations

import pytest

from bot.core.questions import parse
from bot.core.questions.explain import understood
from bot.core.questions.route import route


@pytest.mark.parametrize(
    ("question", "command", "options", "line"),
    [
        ("who directed memento", "film", {"title": "memento"}, "Director of memento"),
        ("who's in heat 1995", "film", {"title": "heat 1995"}, "Cast of heat (1995)"),
        ("tell me about amelie", "film", {"title": "amelie"}, "amelie"),
        ("reviews of memento", "review", {"title": "memento"}, "Reviews of memento"),
        ("films like alien", "similar", {"title": "alien"}, "Films like alien"),
        (
            "films like alien from the 2000s",
            "similar",
            {"title": "alien", "years": "2000-2009"},
            "Films like alien, 2000-2009",
        ),
        (
            "something like heat but a comedy",
            "similar",
            {"title": "heat", "genre": "Comedy"},
            "Films like heat, comedy only",
        ),
        (
            "horror films like alien from the 80s",
            "similar",
            {"title": "alien", "genre": "Horror", "years": "1980-1989"},
            "Films like alien, horror only, 1980-1989",
        ),
        ("films by david fincher", "person", {"name": "david fincher"}, "Films by david fincher"),
        ("what did tarantino write", "person", {"name": "tarantino", "role": "writer"}, None),
        (
            "films directed by David Fincher between 1990 and 1999",
            "films",
            {"person": "David Fincher", "role": "director", "years": "1990-1999"},
            "Films directed by David Fincher, 1990-1999",
        ),
        ("80s horror films", "films", {"genre": "Horror", "years": "1980-1989"}, "Horror films, 1980-1989"),
        (
            "french comedies from the 2000s",
            "films",
            {"genre": "Comedy", "years": "2000-2009", "language": "French"},
            "Comedy films in French, 2000-2009",
        ),
        ("english films", "films", {"country": "United Kingdom"}, None),
        ("american westerns", "films", {"genre": "Western", "country": "United States"}, None),
        ("rom-coms", "films", {"genre": "Romance"}, "Romance films"),
        ("films before 1960", "films", {"years": "1870-1959"}, "Films, before 1960"),
        ("films after 2000", "films", {"years": "2001-2100"}, "Films, 2001 onwards"),
        (
            "best known sci-fi of 1999",
            "films",
            {"genre": "Sci-Fi", "years": "1999", "order": "best known"},
            "Sci-Fi films, 1999, best known first",
        ),
        ("highest rated war movies", "films", {"genre": "War", "order": "critics' score"}, None),
        ("what should we watch tonight", "pick", {}, "A random film"),
        ("pick a random western", "pick", {"genre": "Western"}, "A random western film"),
    ],
)
def test_route(question: str, command: str, options: dict[str, str], line: str | None) -> None:
    found = route(parse(question))
    assert found is not None
    invocation, applied = found
    assert (invocation.command, invocation.as_dict()) == (command, options)
    if line is not None:
        assert understood(applied) == line


@pytest.mark.parametrize("question", ["hello", "is memento on netflix", "what is inception about", "x" * 400])
def test_questions_no_command_answers(question: str) -> None:
    assert route(parse(question)) is None
