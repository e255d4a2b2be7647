"""Reading film cards, filmographies, discovery lists and similarity facts (SQLite, PostgreSQL).

A guild sees the seed catalogue (guild 0) plus its own films. Lists of ids are passed as one JSON
array parameter (`json_each(?)`, a function of our own on PostgreSQL), so every statement keeps a
fixed text. The SQL is what both engines share, and both give the same answers: every ORDER BY
ends on a unique key, NULLs are placed explicitly, and lists are joined in Python rather than by
each engine's own string aggregate.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from typing import Any

from bot.core.discovery import Discovery, Listed, Order
from bot.core.film_info import Credited, FilmDetails, FilmInfo, leading_cast
from bot.core.models import title_label
from bot.core.normalise import fold
from bot.core.people import Person, main_roles
from bot.core.similarity import NO_NARROWING, FilmFacts, GenreStats, Narrowing, Who, series_key
from bot.store.sql import Sql

# Films that share people with the one asked about: all that share its director or writer first,
# then those sharing the most people. Scoring the rest would only confirm they rank lower.
SHARING_CANDIDATES = 250
SERIES_CANDIDATES = 50
GENRE_CANDIDATES = 30  # best-known films of the same decade and genre, when people share nothing
ROLE_NAMES = {"director": "director", "writer": "writer", "cast": "actor"}
LAST_CHARACTER = "\U0010ffff"  # key >= prefix AND key < prefix + this: the keys starting with prefix
_ORDER_NAMES = {
    Order.BEST_KNOWN: "best",
    Order.NEWEST: "newest",
    Order.OLDEST: "oldest",
    Order.CRITICS: "critics",
}


class SqliteFilmInfo:
    def __init__(self, db: Sql) -> None:
        self.db = db
        self._genre_stats: GenreStats | None = None  # read once: a few films more or less change nothing

    async def film_info(self, film_id: int, guild_id: int) -> FilmInfo | None:
        film = await self.db.fetchone(
            "SELECT id, title, year, genres_json, synopsis, runtime FROM films WHERE id = ? AND guild_id IN (0, ?)",
            (film_id, guild_id),
        )
        if film is None:
            return None
        credits = await self.db.fetchall(
            "SELECT p.name, c.role, (SELECT count(*) FROM credits o WHERE o.person_id = c.person_id) AS films"
            " FROM credits c JOIN people p ON p.id = c.person_id WHERE c.film_id = ? ORDER BY c.role, c.billing",
            (film_id,),
        )
        facets = await self.db.fetchall(
            "SELECT kind, value FROM film_facets WHERE film_id = ? AND kind IN ('country', 'language')"
            " ORDER BY kind, value_key",
            (film_id,),
        )
        row = await self.db.fetchone("SELECT * FROM film_details WHERE film_id = ?", (film_id,))
        details = FilmDetails(film["runtime"]) if film["runtime"] else None
        if row is not None:
            details = FilmDetails(
                film["runtime"],
                row["release_date"],
                row["mpaa_rating"],
                row["rt_meter"],
                row["rt_reviews"],
                row["metacritic"],
                row["oscars_won"],
                row["oscar_nominations"],
                row["notability"],
            )
        return FilmInfo(
            film_id=film["id"],
            title=film["title"],
            year=film["year"],
            directors=tuple(r["name"] for r in credits if r["role"] == "director"),
            writers=tuple(r["name"] for r in credits if r["role"] == "writer"),
            cast=leading_cast([(r["name"], int(r["films"])) for r in credits if r["role"] == "cast"]),
            genres=tuple(json.loads(film["genres_json"])),
            countries=tuple(r["value"] for r in facets if r["kind"] == "country"),
            languages=tuple(r["value"] for r in facets if r["kind"] == "language"),
            synopsis=film["synopsis"],
            details=details,
        )

    async def people(self) -> list[Person]:
        """Everyone credited, with their main roles, years and how well known (for PersonIndex)."""
        rows = await self.db.fetchall(
            "SELECT p.id, p.name, c.role, count(*) AS n, min(f.year) AS first, max(f.year) AS last,"
            " sum(coalesce(d.notability, f.votes)) AS weight"
            " FROM people p JOIN credits c ON c.person_id = p.id JOIN films f ON f.id = c.film_id"
            " LEFT JOIN film_details d ON d.film_id = f.id GROUP BY p.id, c.role ORDER BY p.id, c.role"
        )
        found: dict[int, tuple[str, dict[str, int], list[int], int]] = {}
        for r in rows:
            name, roles, years, weight = found.get(r["id"], (r["name"], {}, [], 0))
            roles[ROLE_NAMES[r["role"]]] = int(r["n"])
            years += [y for y in (r["first"], r["last"]) if y is not None]
            found[r["id"]] = (name, roles, years, weight + int(r["weight"] or 0))
        return [
            Person(pid, name, main_roles(roles), min(years, default=None), max(years, default=None), weight)
            for pid, (name, roles, years, weight) in found.items()
        ]

    async def filmography(self, person_id: int, guild_id: int) -> list[Credited]:
        rows = await self.db.fetchall(
            "SELECT f.id, f.title, f.year, c.role FROM credits c"
            " JOIN films f ON f.id = c.film_id WHERE c.person_id = ? AND f.guild_id IN (0, ?)"
            " ORDER BY f.year NULLS LAST, f.title, f.id, c.role",
            (person_id, guild_id),
        )
        films: dict[int, tuple[str, int | None, dict[str, None]]] = {}
        for r in rows:
            films.setdefault(r["id"], (r["title"], r["year"], {}))[2][r["role"]] = None
        return [Credited(fid, title, year, tuple(roles)) for fid, (title, year, roles) in films.items()]

    async def facet_values(self, kind: str, typed: str = "", limit: int = 25) -> list[str]:
        """The genres (countries, languages) the catalogue has, commonest first, matching `typed`."""
        rows = await self.db.fetchall(
            "SELECT value_key, min(value) AS value, count(*) AS n FROM film_facets WHERE kind = ?"
            " AND value_key >= ? AND value_key < ? GROUP BY value_key ORDER BY n DESC, value_key LIMIT ?",
            (kind, fold(typed), fold(typed) + LAST_CHARACTER, limit),
        )
        return [r["value"] for r in rows]

    async def discover(self, query: Discovery, guild_id: int, limit: int, offset: int = 0) -> list[Listed]:
        """The films meeting every filter, in the query's order."""
        sql = DISCOVER_BY_FACET if _driving(query) else DISCOVER_ALL
        rows = await self.db.fetchall(sql, _params(query, guild_id) | {"limit": limit, "offset": offset})
        directors: defaultdict[int, list[str]] = defaultdict(list)
        for r in await self.db.fetchall(
            "SELECT c.film_id, p.name FROM credits c JOIN people p ON p.id = c.person_id"
            " WHERE c.role = 'director' AND c.film_id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))"
            " ORDER BY c.film_id, c.billing",
            (json.dumps([r["id"] for r in rows]),),
        ):
            directors[r[0]].append(r[1])
        return [
            Listed(
                r["id"],
                title_label(r["title"], r["year"]),
                ", ".join(directors[r["id"]]) or None,
                tuple(json.loads(r["genres_json"])),
            )
            for r in rows
        ]

    async def count(self, query: Discovery, guild_id: int) -> int:
        sql = COUNT_BY_FACET if _driving(query) else COUNT_ALL
        row = await self.db.fetchone(sql, _params(query, guild_id))
        return int(row[0]) if row else 0

    async def pick(self, query: Discovery, guild_id: int, rng: random.Random) -> Listed | None:
        total = await self.count(query, guild_id)
        if not total:
            return None
        found = await self.discover(query, guild_id, 1, rng.randrange(total))
        return found[0] if found else None

    async def genre_stats(self) -> GenreStats:
        if self._genre_stats is None:
            self._genre_stats = await self._read_genre_stats()
        return self._genre_stats

    async def _read_genre_stats(self) -> GenreStats:
        rows = await self.db.fetchall(
            "SELECT min(value) AS value, count(*) AS n FROM film_facets WHERE kind = 'genre' GROUP BY value_key"
        )
        films = await self.db.fetchone("SELECT count(*) FROM films")
        return GenreStats({r["value"]: int(r["n"]) for r in rows}, int(films[0]) if films else 0)

    async def similarity_facts(
        self, film_id: int, guild_id: int, narrowing: Narrowing = NO_NARROWING
    ) -> tuple[FilmFacts, list[FilmFacts]] | None:
        """The film's facts and those of every film that could share a signal with it (of the
        narrowing's genre and years only, when given)."""
        target = await self._facts([film_id])
        if not target:
            return None
        facts = target[0]
        lo, hi = narrowing.years or (None, None)
        narrow = {"film": film_id, "lo": lo, "hi": hi, "genre": narrowing.genre_key}
        # Every credit of another film that shares a person with this one (narrowed: of the
        # narrowing's films only): which films to score, and what each shares, in one read.
        co_credits = await (
            self.db.fetchall(
                "SELECT o.film_id, c.role, o.role, o.billing, o.person_id FROM credits c"
                " JOIN credits o ON o.person_id = c.person_id JOIN films f ON f.id = o.film_id"
                " WHERE c.film_id = :film AND (CAST(:lo AS INTEGER) IS NULL OR f.year BETWEEN :lo AND :hi)"
                " AND (CAST(:genre AS TEXT) IS NULL"
                " OR f.id IN (SELECT film_id FROM film_facets WHERE kind = 'genre' AND value_key = :genre)"
                " OR NOT EXISTS (SELECT 1 FROM film_facets WHERE film_id = f.id))",
                narrow,
            )
            if narrowing
            else self.db.fetchall(
                "SELECT o.film_id, c.role, o.role, o.billing, o.person_id FROM credits c"
                " JOIN credits o ON o.person_id = c.person_id WHERE c.film_id = ?",
                (film_id,),
            )
        )
        people = {who.id: who for who in (*facts.directors, *facts.writers, *facts.cast)}
        shared: defaultdict[int, dict[tuple[str, int], Who]] = defaultdict(dict)
        links: Counter[int] = Counter()
        crew: set[int] = set()
        for other, role_here, role_there, billing, person in co_credits:
            links[other] += 1
            if role_here != "cast":
                crew.add(other)
            shared[other][(role_there, billing)] = people[person]
        # All that share its director or writer first, then those sharing the most people
        ids = sorted(links.keys() - {film_id}, key=lambda f: (f not in crew, -links[f], f))[
            :SHARING_CANDIDATES
        ]
        key = series_key(facts.title)
        series = (
            await self.db.fetchall(
                "SELECT id FROM films WHERE guild_id IN (0, ?) AND title_key >= ? AND title_key < ?"
                " ORDER BY title_key, id LIMIT ?",
                (guild_id, key, key + LAST_CHARACTER, SERIES_CANDIDATES),
            )
            if key
            else []
        )
        decade = facts.year - facts.year % 10 if facts.year else None
        span = narrowing.years or ((decade, decade + 9) if decade is not None else None)
        genre_ids: list[int] = []
        if span is not None:
            for genre in facts.genres[:2]:
                # The target's own genres, within the narrowing's genre: a crime comedy for Heat
                rows = await self.db.fetchall(
                    "SELECT x.film_id FROM film_facets x WHERE x.kind = 'genre' AND x.value_key = :value"
                    " AND x.year BETWEEN :lo AND :hi AND (CAST(:genre AS TEXT) IS NULL OR x.film_id IN"
                    " (SELECT film_id FROM film_facets WHERE kind = 'genre' AND value_key = :genre))"
                    " ORDER BY x.notability DESC, x.film_id LIMIT :limit",
                    narrow | {"value": fold(genre), "lo": span[0], "hi": span[1], "limit": GENRE_CANDIDATES},
                )
                genre_ids += [r[0] for r in rows]
        candidates = {*ids, *(r[0] for r in series), *genre_ids} - {film_id}
        by_role: dict[int, dict[str, list[Who]]] = {}
        for other in candidates:
            roles: defaultdict[str, list[Who]] = defaultdict(list)
            for (role, _), who in sorted(shared.get(other, {}).items()):
                roles[role].append(who)
            by_role[other] = roles
        others = await self._facts(sorted(candidates), guild_id, shared=by_role)
        # Series films, and films without facets (a server's own), are checked here: by their
        # year and listed genres, as curated links are
        return facts, [o for o in others if narrowing.admits(o.year, o.genres)]

    async def _facts(
        self,
        film_ids: list[int],
        guild_id: int | None = None,
        only: dict[int, Who] | None = None,
        shared: dict[int, dict[str, list[Who]]] | None = None,
    ) -> list[FilmFacts]:
        """Similarity facts of these films. With `shared` (each film's credits of the target's
        people, by role), no credits are read; with `only` (the target's people), just theirs are:
        a suggestion's other people are never a signal."""
        ids = json.dumps(film_ids)
        films = await self.db.fetchall(
            "SELECT f.id, f.title, f.year, f.genres_json, coalesce(d.notability, f.votes) AS notability"
            " FROM films f LEFT JOIN film_details d ON d.film_id = f.id"
            " WHERE f.id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))"
            " AND (CAST(? AS BIGINT) IS NULL OR f.guild_id IN (0, ?)) ORDER BY f.id",
            (ids, guild_id, guild_id),
        )
        if shared is not None:
            return [_film_facts(f, shared.get(f["id"], {})) for f in films]
        if only is not None:
            rows = await self.db.fetchall(
                "SELECT film_id, role, person_id FROM credits"
                " WHERE person_id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))"
                " AND film_id IN (SELECT CAST(value AS BIGINT) FROM json_each(?)) ORDER BY film_id, role, billing",
                (json.dumps(sorted(only)), ids),
            )
            by_film: defaultdict[int, dict[str, list[Who]]] = defaultdict(lambda: defaultdict(list))
            for r in rows:
                by_film[r[0]][r[1]].append(only[r[2]])
            return [_film_facts(f, by_film[f["id"]]) for f in films]
        credits = await self.db.fetchall(
            "SELECT c.film_id, c.role, p.id, p.name FROM credits c JOIN people p ON p.id = c.person_id"
            " WHERE c.film_id IN (SELECT CAST(value AS BIGINT) FROM json_each(?)) ORDER BY c.film_id, c.role, c.billing",
            (ids,),
        )
        fame = {
            r[0]: int(r[1])
            for r in await self.db.fetchall(
                "SELECT person_id, count(*) FROM credits"
                " WHERE person_id IN (SELECT CAST(value AS BIGINT) FROM json_each(?)) GROUP BY person_id",
                (json.dumps(sorted({r["id"] for r in credits})),),
            )
        }
        everyone: defaultdict[int, dict[str, list[Who]]] = defaultdict(lambda: defaultdict(list))
        for r in credits:
            everyone[r["film_id"]][r["role"]].append(Who(r["id"], r["name"], fame.get(r["id"], 1)))
        return [_film_facts(f, everyone[f["id"]]) for f in films]


def _film_facts(row: Any, people: dict[str, list[Who]]) -> FilmFacts:
    return FilmFacts(
        film_id=row["id"],
        title=row["title"],
        year=row["year"],
        label=title_label(row["title"], row["year"]),
        directors=tuple(people.get("director", ())),
        writers=tuple(people.get("writer", ())),
        cast=tuple(people.get("cast", ())),
        genres=tuple(json.loads(row["genres_json"])),
        notability=int(row["notability"] or 0),
    )


# One statement per walk; the filters and the order are parameters. With a genre, country or
# language the walk starts from that facet's index (few rows for 'Japan'); without, from films.
_FILTERS = """
    AND (CAST(:genre AS TEXT) IS NULL OR f.id IN (SELECT film_id FROM film_facets WHERE kind = 'genre' AND value_key = :genre))
    AND (CAST(:country AS TEXT) IS NULL OR f.id IN (SELECT film_id FROM film_facets WHERE kind = 'country' AND value_key = :country))
    AND (CAST(:language AS TEXT) IS NULL OR f.id IN (SELECT film_id FROM film_facets WHERE kind = 'language' AND value_key = :language))
    AND (CAST(:person AS BIGINT) IS NULL OR f.id IN (SELECT film_id FROM credits WHERE person_id = :person))
    AND (CAST(:lo AS INTEGER) IS NULL OR f.year BETWEEN :lo AND :hi)
"""
_ORDER = """
    ORDER BY CASE WHEN CAST(:order AS TEXT) = 'newest' THEN f.year END DESC NULLS LAST,
             CASE WHEN CAST(:order AS TEXT) = 'oldest' THEN coalesce(f.year, 9999) END,
             CASE WHEN CAST(:order AS TEXT) = 'critics' THEN coalesce(d.metacritic, d.rt_meter, -1) END DESC,
             coalesce(d.notability, f.votes) DESC, f.id
    LIMIT :limit OFFSET :offset
"""
DISCOVER_BY_FACET = (
    """
    SELECT f.id, f.title, f.year, f.genres_json
    FROM film_facets x JOIN films f ON f.id = x.film_id
    LEFT JOIN film_details d ON d.film_id = f.id
    WHERE x.kind = :kind AND x.value_key = :value AND f.guild_id IN (0, :guild)"""  # noqa: S608 (constant fragments)
    + _FILTERS
    + _ORDER
)
DISCOVER_ALL = (
    """
    SELECT f.id, f.title, f.year, f.genres_json
    FROM films f LEFT JOIN film_details d ON d.film_id = f.id
    WHERE f.guild_id IN (0, :guild)"""  # noqa: S608 (constant fragments)
    + _FILTERS
    + _ORDER
)
COUNT_BY_FACET = (
    """
    SELECT count(*) FROM film_facets x JOIN films f ON f.id = x.film_id
    WHERE x.kind = :kind AND x.value_key = :value AND f.guild_id IN (0, :guild)"""  # noqa: S608 (constant fragments)
    + _FILTERS
)
COUNT_ALL = (
    """
    SELECT count(*) FROM films f WHERE f.guild_id IN (0, :guild)"""  # noqa: S608 (constant fragments)
    + _FILTERS
)


def _driving(query: Discovery) -> tuple[str, str] | None:
    """The facet to walk first: the likeliest to be selective (few films per country)."""
    for kind, value in (("country", query.country), ("language", query.language), ("genre", query.genre)):
        if value:
            return kind, fold(value)
    return None


def _params(query: Discovery, guild_id: int) -> dict[str, object]:
    lo, hi = query.years or (None, None)
    kind, value = _driving(query) or (None, None)
    return {
        "kind": kind,
        "value": value,
        "order": _ORDER_NAMES[query.order],
        "guild": guild_id,
        "genre": fold(query.genre) if query.genre else None,
        "country": fold(query.country) if query.country else None,
        "language": fold(query.language) if query.language else None,
        "person": query.person_id,
        "lo": lo,
        "hi": hi,
    }
