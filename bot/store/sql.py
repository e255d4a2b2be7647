"""What the store's repositories need from a database handle, whichever engine is behind it.

The repositories (catalogue, curation, films, transfer, seeding, bulk) hold their SQL inline,
written in the dialect SQLite and PostgreSQL share, with `?` or `:name` parameters. Each engine's
handle (bot.store.database.Database for SQLite, bot.store.postgres.database.PgDatabase) runs it:
the PostgreSQL one numbers the parameters as `$1, $2...` and turns its status lines into row
counts. What the engines do not share (schema, migrations, the change signal, backups, schema
introspection) lives with each engine.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

log = logging.getLogger(__name__)

Params = Iterable[Any] | Mapping[str, Any]


class Row(Protocol):
    """A result row: by position or by column name (sqlite3.Row, asyncpg.Record)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> list[str]: ...


class Sql(Protocol):
    dialect: str  # "sqlite" or "postgresql"
    # The exceptions a uniqueness or foreign-key clash raises, for `except db.conflicts:`.
    conflicts: tuple[type[Exception], ...]
    # Run after every committed write transaction (the search index catching up with it).
    after_commit: list[Callable[[], Awaitable[object]]]

    def execute(self, sql: str, params: Params = ()) -> Any:
        """Awaitable (a cursor with rowcount), and usable as `async with db.execute(...) as cursor`
        to stream rows with fetchmany."""
        ...

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    async def fetchall(self, sql: str, params: Params = ()) -> Sequence[Row]: ...

    def transaction(self) -> AbstractAsyncContextManager[Any]:
        """One write transaction; after_commit hooks run once it has committed."""
        ...

    def savepoint(self) -> AbstractAsyncContextManager[None]:
        """Inside a transaction: a part that can fail and be undone alone (the rest goes on)."""
        ...

    async def close(self) -> None: ...


async def after_commit(hooks: list[Callable[[], Awaitable[object]]]) -> None:
    """Run each hook once a write committed; a failing hook is logged, the write stands."""
    for hook in hooks:
        try:
            await hook()
        except Exception:  # the write is committed: report the follower's failure, never the write's
            log.exception("after-commit hook %r failed", hook)
