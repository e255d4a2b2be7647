"""The question parser's edges: hostile input, typos, example questions, the phrasing table itself."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bot.core.questions import Intent, Query, YearRange, parse
from bot.core.questions.examples import EXAMPLES
from bot.core.questions.explain import understood
from bot.core.questions.grammar import Phrasing, compile_table
from bot.core.questions.parser import PHRASINGS, correct
from bot.core.questions.phrasings import CLASSES
from bot.core.questions.spec import from_spec, to_spec
from bot.core.questions.text import MAX_QUESTION_CHARS, MAX_WORDS, clean
from tests.core.test_questions import rows


@pytest.mark.parametrize(
    ("question", "film"),
    [
        ("<@123456789012345678> who directed memento", "memento"),
        ("@everyone who directed memento", "memento"),
        ("who directed <#123456789012345678> memento <@&42>", "memento"),
        ("who directed **memento**", "memento"),
        ("who directed __the godfather__?", "the godfather"),
        ("who directed `heat`", "heat"),
        ("> who directed ||memento||", "memento"),
        ("who directed mem\u200bento", "memento"),
        ("who directed \u202ememento", "memento"),
        ("who\ndirected\tmemento", "memento"),
        ("ＷＨＯ ＤＩＲＥＣＴＥＤ ＭＥＭＥＮＴＯ", "MEMENTO"),
        ("who directed 千と千尋の神隠し", "千と千尋の神隠し"),
        ("who directed memento https://example.com/x", "memento"),
    ],
)
def test_mentions_markup_and_invisible_characters_never_reach_a_name(question: str, film: str) -> None:
    query = parse(question)
    assert query.intent is Intent.FILM_INFO
    assert query.film == film


@pytest.mark.parametrize(
    "question",
    ["", "   ", "!!!???", "@everyone", "<@1> <@2> <#3>", "```\n```", "\x00\x01\x02", "🎬🍿"],
)
def test_empty_or_noise_only_input_is_not_understood_with_default_examples(question: str) -> None:
    query = parse(question)
    assert query.intent is Intent.UNKNOWN
    assert len(query.examples) == 3


def test_a_6000_character_question_is_refused_with_a_reason_and_examples() -> None:
    query = parse("who directed " + "memento " * 800)
    assert len("who directed " + "memento " * 800) > 6000
    assert query.intent is Intent.UNKNOWN
    assert query.problem is not None and f"at most {MAX_QUESTION_CHARS}" in query.problem
    assert len(query.examples) == 3 and all(e in EXAMPLES for e in query.examples)


def test_too_many_words_is_refused_even_under_the_character_limit() -> None:
    question = " ".join(["a"] * (MAX_WORDS + 1))
    assert len(question) <= MAX_QUESTION_CHARS
    query = parse(question)
    assert query.intent is Intent.UNKNOWN
    assert query.problem is not None and str(MAX_WORDS) in query.problem


def test_the_longest_accepted_question_still_parses() -> None:
    film = "Supercalifragilistic " * 12 + "Expialidocious"
    question = f"who directed {film}"
    assert len(question) <= MAX_QUESTION_CHARS
    assert parse(question) == Query(Intent.FILM_INFO, field=parse("who directed x").field, film=film)


def test_cleaning_keeps_accents_and_apostrophes_of_names() -> None:
    assert clean("  who   directed *Amélie*  ") == "who directed Amélie"
    assert parse("who wrote Schindler’s List").film == "Schindler's List"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("dirrected", "directed"),
        ("directd", "directed"),
        ("moveis", "movies"),
        ("flims", "films"),
        ("horor", "horror"),
        ("comdies", "comedies"),
        ("thriler", "thriller"),
        ("westrens", "westerns"),
        ("documentries", "documentaries"),
        ("seventeis", "seventies"),
    ],
)
def test_typos_in_fixed_words_are_corrected(typed: str, meant: str) -> None:
    assert correct(typed) == meant


@pytest.mark.parametrize(
    "word", ["runner", "memento", "pacino", "fincher", "heat", "alien", "drive", "blade"]
)
def test_names_are_not_corrected_into_fixed_words(word: str) -> None:
    assert correct(word) == word


def test_a_film_named_like_a_keyword_stays_a_film() -> None:
    assert correct("scream") == "stream"  # one letter away, but the name is cut from what was typed
    assert parse("films like scream") == from_spec("similar film=scream")
    assert parse("who directed scream") == from_spec("film_info field=director film=scream")
    assert parse("who directed family plot") == from_spec('film_info field=director film="family plot"')


def test_unknown_questions_get_three_distinct_examples_close_to_what_was_asked() -> None:
    query = parse("the director guy for memento thing")
    assert query.intent is Intent.UNKNOWN
    assert len(set(query.examples)) == 3
    assert any("direct" in e for e in query.examples)
    pick = parse("uhh something to watch hmm??")
    assert any("watch" in e for e in pick.examples)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_question_is_itself_understood(example: str) -> None:
    assert parse(example).intent not in (Intent.UNKNOWN, Intent.UNSUPPORTED)


def test_a_year_after_a_title_is_kept_resolvable_both_ways() -> None:
    query = parse("films like blade runner 2049")
    assert query.film_candidates() == (("blade runner", 2049), ("blade runner 2049", None))
    assert parse("who directed 1917").film_candidates() == (("1917", None),)


@pytest.mark.parametrize(("question", "spec"), rows())
def test_specs_round_trip(question: str, spec: str) -> None:
    query = parse(question)
    assert from_spec(to_spec(query)) == dataclasses.replace(query, examples=(), problem=None)


def _sample(source: str) -> str:
    """A question a phrasing line matches: first choices, no optional parts, slots filled."""
    source = re.sub(r"\$(\w+)", lambda m: CLASSES[m.group(1)], source)
    while "[" in source:
        source = re.sub(r"\[[^\[\]]*\]", "", source)
    while "(" in source:
        source = re.sub(r"\(([^()|]*)(?:\|[^()]*)?\)", r"\1", source)
    fills = {"{film}": "memento", "{person}": "david fincher", "{name}": "memento", "{any}": "vito"}
    fills |= {"{f}": "", "{f+}": "horror"}
    for slot, value in fills.items():
        source = source.replace(slot, value)
    return " ".join(source.split()).replace(" 's", "'s")


@pytest.mark.parametrize("phrasing", PHRASINGS, ids=lambda p: p.source)
def test_every_phrasing_line_can_win(phrasing: Phrasing) -> None:
    """No line is dead: a question written from it parses to that line's meaning."""
    question = _sample(phrasing.source)
    query = parse(question)
    meaning = (query.intent, query.field, query.role, query.topic)
    expected = tuple(getattr(phrasing, k) for k in ("intent", "field", "role", "topic"))
    assert meaning == expected, question


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[film_info director]\nwho directed (the {film}", "unbalanced"),
        ("who directed {film}", "before any [intent] header"),
        ("[film_info directer]\nwho directed {film}", "line 1"),
        ("[film_info director]\nwho directed {movie}", "unknown slot"),
    ],
)
def test_a_broken_phrasing_table_names_the_line(table: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        compile_table(table)


@pytest.mark.parametrize(
    ("question", "line"),
    [
        (
            "films directed by David Fincher between 1990 and 1999",
            "Films directed by David Fincher, 1990-1999",
        ),
        ("french comedies from the 2000s", "Comedy films from France or in French, 2000-2009"),
        ("best known sci-fi of 1999", "Sci-Fi films, 1999, best known first"),
        ("something like heat but a comedy", "Films like heat, comedy only"),
        ("random 80s horror", "A random horror film, 1980-1989"),
        ("british crime films", "Crime films from the United Kingdom"),
        ("films from france", "Films from France"),
        ("films with tom hanks before 1990", "Films with tom hanks, before 1990"),
        ("who's in heat 1995", "Cast of heat (1995)"),
        ("is memento on netflix", "I don't know where films are streaming or for rent."),
    ],
)
def test_the_understood_line(question: str, line: str) -> None:
    assert understood(parse(question)) == line


def test_the_understood_line_uses_resolved_names() -> None:
    query = parse("movies by fincher from the 90s")
    assert understood(query, person="David Fincher") == "Films by David Fincher, 1990-1999"
    assert understood(parse("who directed memento"), film="Memento (2000)") == "Director of Memento (2000)"


def test_open_year_ranges_read_naturally() -> None:
    assert str(YearRange(None, 1959)) == "before 1960"
    assert str(YearRange(2001, None)) == "2001 onwards"
    assert str(YearRange(1999, 1999)) == "1999"
