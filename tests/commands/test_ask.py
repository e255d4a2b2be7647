"""/ask through the command table: each answer is the answering command's own reply, with one
line on top saying how the question was understood."""

from __future__ import annotations

import dataclasses

import pytest

from bot.commands.ask import ask
from bot.core.models import Caller, TitleEntry
from bot.core.replies import Reply
from bot.core.rich import plain_text
from bot.wiring import Services
from tests.conftest import run


def split(reply: Reply) -> tuple[str, Reply]:
    """The understood line, and the reply as it was before the line was put on top."""
    first, rest = reply.description[0], reply.description[2:]
    assert first.style == "em"
    return first.text, dataclasses.replace(reply, description=rest)


@pytest.mark.parametrize(
    ("question", "path", "options", "line"),
    [
        ("reviews of backtrace", "review", {"title": "backtrace"}, "Reviews of Backtrace (2021)"),
        (
            "what do critics say about Backtrace?",
            "review",
            {"title": "Backtrace"},
            "Reviews of Backtrace (2021)",
        ),
        ("films like memento", "similar", {"title": "memento"}, "Films like Memento (2000)"),
        (
            "MOVIES LIKE ESCAPE PLAN 2013",
            "similar",
            {"title": "ESCAPE PLAN 2013"},
            "Films like Escape Plan (2013)",
        ),
        ("sth like backtrce", None, None, None),
    ],
)
async def test_an_answer_is_the_commands_own_reply(
    services: Services, question: str, path: str | None, options: dict[str, str] | None, line: str | None
) -> None:
    caller = Caller(guild_id=1, user_id=2)
    answer = await run(services, caller, "ask", question=question)
    if path is None:
        assert answer.error and answer.ephemeral  # not understood: a private answer
        return
    understood, rest = split(answer)
    assert understood == line
    assert rest == await run(services, caller, path, **(options or {}))


async def test_a_filter_the_command_cannot_apply_is_named(services: Services) -> None:
    reply = await run(services, Caller(), "ask", question="something like backtrace but french")
    line, rest = split(reply)
    assert line == "Films like Backtrace (2021) (/similar can't narrow by language)"
    assert rest == await run(services, Caller(), "similar", title="backtrace")


async def test_a_narrowed_similar_question_is_narrowed_and_says_so(services: Services) -> None:
    reply = await run(
        services, Caller(), "ask", question="something like memento but a thriller from the 2010s"
    )
    line, rest = split(reply)
    assert line == "Films like Memento (2000), thriller only, 2010-2019"
    assert rest == await run(
        services, Caller(), "similar", title="memento", genre="Thriller", years="2010-2019"
    )
    assert rest.title == "If you liked Memento (2000): thriller, 2010-2019"
    assert "Backtrace (2021)" not in plain_text(rest.description) + str(rest.fields)  # its link, but 2021


async def test_an_ambiguous_narrowed_question_keeps_the_narrowing_when_picked(services: Services) -> None:
    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    reply = await run(services, Caller(), "ask", question="films like memento from the 2020s")
    assert reply.pick is not None and dict(reply.pick.args)["years"] == "2020-2029"
    real = next(o.value for o in reply.options if o.label == "Memento (2000)")
    picked = await services.commands.resume(reply.pick, Caller(), real)
    assert picked == await run(services, Caller(), "similar", title=real, years="2020s")
    assert picked.title == "If you liked Memento (2000): 2020-2029"


async def test_an_ambiguous_film_asks_which_one_and_the_pick_continues_that_command(
    services: Services,
) -> None:
    services.index.add(TitleEntry(9001, "Memento", 2019, label="Memento (2019)"))
    reply = await run(services, Caller(), "ask", question="films like memento")
    assert reply.ephemeral and {o.label for o in reply.options} == {"Memento (2000)", "Memento (2019)"}
    assert reply.pick is not None and reply.pick.command == "similar" and reply.pick.fill == "title"
    real = next(o.value for o in reply.options if o.label == "Memento (2000)")
    picked = await services.commands.resume(reply.pick, Caller(), real)
    assert picked == await run(services, Caller(), "similar", title=real)


async def test_an_unknown_question_gets_three_examples_privately(services: Services) -> None:
    reply = await run(services, Caller(), "ask", question="the director guy of that memento thing")
    text = plain_text(reply.description)
    assert reply.ephemeral and reply.error
    assert text.count("• /ask ") == 3
    assert "/ask who directed memento" in text


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("is memento on netflix", "where films are streaming"),
        ("how much did memento make", "box-office"),
        ("when was christopher nolan born", "birthdays"),
        ("good tv shows", "not TV series"),
    ],
)
async def test_what_the_catalogue_does_not_hold_is_said_plainly(
    services: Services, question: str, says: str
) -> None:
    reply = await run(services, Caller(), "ask", question=question)
    assert says in plain_text(reply.description)
    assert reply.ephemeral and not reply.options


async def test_a_plot_question_shows_the_synopsis_where_there_is_one(services: Services) -> None:
    reply = await run(services, Caller(), "ask", question="what is backtrace about?")
    line, rest = split(reply)
    assert line == "Plot of Backtrace (2021)"
    assert "bank robbery" in plain_text(rest.description)


async def test_a_question_over_the_limit_is_refused_clearly(services: Services) -> None:
    reply = await run(services, Caller(), "ask", question="who directed " + "memento " * 800)
    assert reply.error and reply.ephemeral
    assert "the limit is 300" in plain_text(reply.description)


async def test_ask_calls_work_as_a_named_function(services: Services) -> None:
    reply = await ask(services.commands.context(Caller()), "reviews of backtrace")
    assert reply.title == "Backtrace (2021)"


async def test_every_table_question_gets_a_clear_answer(services: Services) -> None:
    """No question of the table ends in a usage error or a bug, whatever command answers it."""
    from tests.core.test_questions import rows

    caller = Caller(guild_id=1, user_id=2)
    for question, _ in rows():
        reply = await run(services, caller, "ask", question=question)
        text = plain_text(reply.description)
        assert "Usage:" not in text and "went wrong" not in text, (question, text)
        assert reply.title or text, question


async def test_on_the_starter_catalogue_answers_are_the_commands_own(starter_services: Services) -> None:
    caller = Caller(guild_id=1, user_id=2)
    cases = [
        ("who's in heat 1995", "film", {"title": "heat 1995"}, "Cast of Heat (1995)"),
        ("what did tarantino write", "person", {"name": "tarantino"}, "Films written by Quentin Tarantino"),
        (
            "films directed by David Fincher between 1990 and 1999",
            "films",
            {"person": "David Fincher", "years": "1990-1999"},
            "Films by David Fincher, 1990-1999 (/films can't narrow by role)",
        ),
        (
            "best known sci-fi of 1999",
            "films",
            {"genre": "Sci-Fi", "years": "1999", "order": "best known"},
            "Sci-Fi films, 1999, best known first",
        ),
        ("tell me about david fincher", "person", {"name": "david fincher"}, "Films by David Fincher"),
        (
            "films like alien 1979 from the 2000s",
            "similar",
            {"title": "alien 1979", "years": "2000-2009"},
            "Films like Alien (1979), 2000-2009",
        ),
        (
            "something like heat 1995 but a comedy",
            "similar",
            {"title": "heat 1995", "genre": "Comedy"},
            "Films like Heat (1995), comedy only",
        ),
        (
            "sci-fi films like alien 1979 from the 80s",
            "similar",
            {"title": "alien 1979", "genre": "Sci-Fi", "years": "1980-1989"},
            "Films like Alien (1979), Sci-Fi only, 1980-1989",
        ),
    ]
    for question, path, options, line in cases:
        understood, rest = split(await run(starter_services, caller, "ask", question=question))
        assert understood == line, question
        assert rest == await run(starter_services, caller, path, **options), question
