"""Writes a server makes to its own catalogue. Each is one transaction with its history row.

A server may change only rows it owns (guild_id = its id). Seed rows (guild 0) are shared by
every server and read-only here; an id owned by another server is reported as not found.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.core.curation import EDITABLE_FIELDS
from bot.core.errors import AlreadyExists, FilmNotFound, InvalidInput
from bot.core.models import CREDIT_ROLES, CastMember, Credit, Film, HistoryEntry, Review, title_label
from bot.core.normalise import title_key
from bot.store.changes import log_change
from bot.store.films import film_from_row, write_films
from bot.store.sql import Sql


async def record(db: Sql, guild_id: int, user_id: int, action: str, detail: str) -> None:
    """Append to the change history; call inside the write's own transaction."""
    await db.execute(
        "INSERT INTO history (guild_id, user_id, action, detail) VALUES (?, ?, ?, ?)",
        (guild_id, user_id, action, detail[:500]),
    )


class SqliteCuration:
    """bot.core.ports.CurationWriter over SQLite."""

    def __init__(self, db: Sql) -> None:
        self.db = db

    # -- who may curate ------------------------------------------------------------------------

    async def curator_roles(self, guild_id: int) -> frozenset[int]:
        rows = await self.db.fetchall("SELECT role_id FROM curator_roles WHERE guild_id = ?", (guild_id,))
        return frozenset(int(row[0]) for row in rows)

    async def set_curator_role(self, guild_id: int, user_id: int, role_id: int, allowed: bool) -> bool:
        """Grant or revoke curation for a role. Returns False when nothing changed."""
        async with self.db.transaction() as db:
            if allowed:
                cursor = await db.execute(
                    "INSERT INTO curator_roles (guild_id, role_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (guild_id, role_id),
                )
            else:
                cursor = await db.execute(
                    "DELETE FROM curator_roles WHERE guild_id = ? AND role_id = ?", (guild_id, role_id)
                )
            changed = bool(cursor.rowcount)
            if changed:
                verb = "granted" if allowed else "revoked"
                await record(db, guild_id, user_id, "curators", f"{verb} curation for role {role_id}")
        return changed

    # -- films ---------------------------------------------------------------------------------

    async def own_film(self, guild_id: int, film_id: int) -> Film:
        """A film this server added; seed films and other servers' films are refused."""
        row = await self.db.fetchone(
            "SELECT f.* FROM film_rows f WHERE f.id = ? AND f.guild_id IN (0, ?)",
            (film_id, guild_id),
        )
        if row is None:
            raise FilmNotFound(f"film:{film_id}")
        if row["guild_id"] != guild_id:
            raise InvalidInput(
                "That film is part of the shared catalogue, which servers can't change. "
                "You can still add reviews, similar links and aliases for it."
            )
        return film_from_row(row)

    async def _unique_key(self, guild_id: int, base: str) -> str:
        """base, or base-2, base-3…: the first id no film this server sees uses (index lookups)."""
        key, n = base, 2
        while await self.db.fetchone(
            "SELECT 1 FROM films WHERE guild_id IN (0, ?) AND seed_key = ?", (guild_id, key)
        ):
            key, n = f"{base[:70]}-{n}", n + 1
        return key

    async def add_film(self, guild_id: int, user_id: int, film: Film) -> Film:
        key = await self._unique_key(guild_id, film.key or "film")
        film = dataclasses.replace(film, guild_id=guild_id, key=key)
        try:
            async with self.db.transaction() as db:
                existing = await db.fetchone(
                    "SELECT title, year FROM films WHERE guild_id IN (0, ?) AND title_key = ?"
                    " AND coalesce(year, 0) = coalesce(?, 0)",
                    (guild_id, title_key(film.title), film.year),
                )
                if existing is not None:
                    raise AlreadyExists(_exists_message(existing["title"], existing["year"]))
                written = await write_films(db, [film], guild_id, "admin")
                film = dataclasses.replace(film, id=written.ids[0] or 0)
                await record(db, guild_id, user_id, "add film", f"added {film.label}")
        except self.db.conflicts:  # a concurrent add of the same film won the race
            raise AlreadyExists(_exists_message(film.title, film.year)) from None
        return film

    async def edit_film(self, guild_id: int, user_id: int, film_id: int, field: str, value: object) -> Film:
        """Change one field of a film this server owns: a Film field, or 'director', 'writers'
        (names) and 'cast' (CastMembers), which replace the credits of that role."""
        if field not in EDITABLE_FIELDS:
            raise InvalidInput(f"{field!r} can't be edited; choose one of {', '.join(EDITABLE_FIELDS)}.")
        before = await self.own_film(guild_id, film_id)
        after = dataclasses.replace(before, **_changes(before, field, value))
        if not after.key:  # a row written before every film had a key: give it one to be found by
            after = dataclasses.replace(after, key=await self._unique_key(guild_id, f"film-{film_id}"))
        try:
            async with self.db.transaction() as db:
                await db.execute("UPDATE films SET seed_key = ? WHERE id = ?", (after.key, film_id))
                await write_films(db, [after], guild_id, "admin")
                if field in ("director", "writers", "cast", "genres"):  # the people and facet indexes follow
                    await log_change(db, film_id)
                await record(db, guild_id, user_id, "edit film", f"edited {field} of {before.label}")
        except self.db.conflicts:
            raise AlreadyExists("Another film of this server already has that title and year.") from None
        return after

    async def remove_film(self, guild_id: int, user_id: int, film_id: int) -> Film:
        film = await self.own_film(guild_id, film_id)
        async with self.db.transaction() as db:
            cursor = await db.execute("DELETE FROM films WHERE id = ? AND guild_id = ?", (film_id, guild_id))
            if cursor.rowcount == 0:  # removed meanwhile (a second press in flight): record nothing
                raise FilmNotFound(f"film:{film_id}")
            await record(db, guild_id, user_id, "remove film", f"removed {film.label}")
        return film

    async def review_count(self, guild_id: int, film_id: int) -> int:
        row = await self.db.fetchone(
            "SELECT count(*) FROM reviews WHERE film_id = ? AND guild_id IN (0, ?)", (film_id, guild_id)
        )
        return int(row[0]) if row else 0

    # -- reviews, links, aliases ---------------------------------------------------------------

    async def add_review(self, guild_id: int, user_id: int, film: Film, review: Review) -> int:
        async with self.db.transaction() as db:
            duplicate = await db.fetchone(
                "SELECT 1 FROM reviews WHERE film_id = ? AND guild_id IN (0, ?) AND quote = ? AND source = ?",
                (film.id, guild_id, review.quote, review.source),
            )
            if duplicate:
                raise AlreadyExists(f"That review of {film.label} is already in the catalogue.")
            row = await db.fetchone(
                "INSERT INTO reviews (film_id, guild_id, quote, source, author, verdict, url)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (film.id, guild_id, review.quote, review.source, review.author, review.verdict, review.url),
            )
            await record(
                db, guild_id, user_id, "add review", f"added a review of {film.label} from {review.source}"
            )
        assert row is not None
        return int(row[0])

    async def remove_review(self, guild_id: int, user_id: int, review_id: int) -> str:
        async with self.db.transaction() as db:
            row = await db.fetchone(
                "SELECT r.source, f.title FROM reviews r JOIN films f ON f.id = r.film_id"
                " WHERE r.id = ? AND r.guild_id = ?",
                (review_id, guild_id),
            )
            if row is None:
                raise InvalidInput(
                    "No review of this server has that id. Pick one from the list as you type."
                )
            await db.execute("DELETE FROM reviews WHERE id = ? AND guild_id = ?", (review_id, guild_id))
            detail = f"removed a review of {row['title']} from {row['source']}"
            await record(db, guild_id, user_id, "remove review", detail)
        return detail

    async def own_reviews(self, guild_id: int) -> list[tuple[int, str, str, str]]:
        """(id, film title, critic, quote) of this server's newest reviews, for autocomplete; the
        critic is the author, or else the publication."""
        rows = await self.db.fetchall(
            "SELECT r.id, f.title, coalesce(r.author, r.source), r.quote FROM reviews r JOIN films f ON f.id = r.film_id"
            " WHERE r.guild_id = ? ORDER BY r.id DESC LIMIT 200",
            (guild_id,),
        )
        return [(int(r[0]), r[1], r[2], r[3]) for r in rows]

    async def link(self, guild_id: int, user_id: int, a: Film, b: Film, reason: str) -> None:
        if a.id == b.id:
            raise InvalidInput("A film can't be similar to itself: pick two different films.")
        async with self.db.transaction() as db:
            existing = await db.fetchone(
                'SELECT guild_id FROM "similar" WHERE guild_id IN (0, ?)'
                " AND ((film_id = ? AND similar_id = ?) OR (film_id = ? AND similar_id = ?))",
                (guild_id, a.id, b.id, b.id, a.id),
            )
            if existing is not None:
                raise AlreadyExists(f"{a.label} and {b.label} are already linked.")
            await db.execute(
                'INSERT INTO "similar" (film_id, similar_id, guild_id, reason) VALUES (?, ?, ?, ?)',
                (a.id, b.id, guild_id, reason),
            )
            await record(db, guild_id, user_id, "link", f"linked {a.label} and {b.label}")

    async def unlink(self, guild_id: int, user_id: int, a: Film, b: Film) -> None:
        async with self.db.transaction() as db:
            cursor = await db.execute(
                'DELETE FROM "similar" WHERE guild_id = ?'
                " AND ((film_id = ? AND similar_id = ?) OR (film_id = ? AND similar_id = ?))",
                (guild_id, a.id, b.id, b.id, a.id),
            )
            if not cursor.rowcount:
                raise InvalidInput(f"This server has no link between {a.label} and {b.label} to remove.")
            await record(db, guild_id, user_id, "unlink", f"unlinked {a.label} and {b.label}")

    async def add_alias(self, guild_id: int, user_id: int, film: Film, alias: str) -> None:
        async with self.db.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO aliases (film_id, guild_id, alias) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (film.id, guild_id, alias),
            )
            if not cursor.rowcount:
                raise AlreadyExists(f"{film.label} already has that alias.")
            await record(db, guild_id, user_id, "alias", f"added alias {alias!r} for {film.label}")

    async def history(self, guild_id: int, limit: int = 15) -> list[HistoryEntry]:
        rows = await self.db.fetchall(
            "SELECT at, user_id, action, detail FROM history WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [HistoryEntry(r["at"], r["user_id"], r["action"], r["detail"]) for r in rows]


def _changes(film: Film, field: str, value: object) -> dict[str, Any]:
    """The Film fields an edit of `field` sets (parsed and checked by the caller, core.curation)."""
    if field not in ("director", "writers", "cast"):
        return {field: value}
    role = "writer" if field == "writers" else field
    if field in ("director", "writers"):
        names = (value,) if isinstance(value, str) else tuple(value or ())  # type: ignore[arg-type]
        new = [Credit(str(name), role, n) for n, name in enumerate(names)]
    else:
        members: tuple[CastMember, ...] = tuple(value or ())  # type: ignore[arg-type]
        new = [Credit(m.name, "cast", n, m.role) for n, m in enumerate(members)]
    kept = [c for c in film.credits if c.role != role]
    credits = sorted(kept + new, key=lambda c: (CREDIT_ROLES.index(c.role), c.order))
    return {"credits": tuple(credits)}


def _exists_message(title: str, year: int | None) -> str:
    label = title_label(title, year)
    return f"{label} is already in the catalogue."
