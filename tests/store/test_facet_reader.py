"""What the discovery index reads from the store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from bot.core.discovery import Discovery, Order
from bot.core.facet_rows import FacetRow
from bot.core.facets import FacetIndex
from bot.store.facet_reader import FacetReader
from bot.store.sql import Sql


async def add_facts(db: Sql, films: dict[str, int]) -> None:
    memento, escape = films["memento-2000"], films["escape-plan-2013"]
    async with db.transaction():
        await db.execute(
            "INSERT INTO film_details (film_id, metacritic, rt_meter, notability) VALUES (?, 80, 93, 500), (?, NULL, 50, 90)",
            (memento, escape),
        )
        await db.executemany(
            "INSERT INTO film_facets (kind, value_key, film_id, value, year, notability) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",  # the seed writes its genres itself
            [
                ("genre", "thriller", memento, "Thriller", 2000, 500),
                ("genre", "mystery", memento, "Mystery", 2000, 500),
                ("country", "united states", memento, "United States", 2000, 500),
                ("genre", "thriller", escape, "Thriller", 2013, 90),
            ],
        )


async def test_columns_and_rows_read_every_film_as_it_is(db: Sql, films: dict[str, int]) -> None:
    await add_facts(db, films)
    reader = FacetReader(db)
    columns = await reader.facet_columns()
    assert sorted(columns.ids) == sorted(films.values())
    memento = films["memento-2000"]
    at = columns.ids.index(memento)
    assert (columns.years[at], columns.fame[at], columns.critics[at]) == (2000, 500, 80)
    assert columns.critics[columns.ids.index(films["escape-plan-2013"])] == 50  # the meter when no Metacritic
    rows = await reader.facet_rows([memento, 10**9])  # an id no film has: no row
    assert rows == [
        FacetRow(
            memento,
            0,
            2000,
            500,
            80,
            frozenset({("genre", "thriller"), ("genre", "mystery"), ("country", "united states")}),
        )
    ]
    index = FacetIndex(columns)
    found = index.find(Discovery(genre="Thriller", order=Order.CRITICS), 0, 10)
    thrillers = await db.fetchone(
        "SELECT count(*) FROM film_facets WHERE kind = 'genre' AND value_key = 'thriller'"
    )
    assert thrillers is not None and found.total == thrillers[0] > 2  # the seed's thrillers too
    assert found.film_ids[:2] == [memento, films["escape-plan-2013"]]  # scored first; no score last


async def test_a_list_reads_titles_directors_and_genres_in_the_order_asked(
    db: Sql, films: dict[str, int]
) -> None:
    reader = FacetReader(db)
    ids = [films["memento-2000"], films["backtrace-2021"], 10**9]
    listed = await reader.listed(ids)
    assert [item.label for item in listed] == ["Memento (2000)", "Backtrace (2021)"]
    assert listed[0].directors == "Christopher Nolan" and "Thriller".lower() in [
        g.lower() for g in listed[0].genres
    ]
    backtrace_people = await db.fetchall(
        "SELECT c.person_id FROM credits c WHERE c.film_id = ? AND c.role = 'director'",
        (films["backtrace-2021"],),
    )
    assert await reader.films_of(int(backtrace_people[0][0])) == [films["backtrace-2021"]]
