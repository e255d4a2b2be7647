"""The PostgreSQL database handle (bot.store.sql.Sql) over an asyncpg pool.

The repositories' SQL is written with `?` or `:name` parameters; here it is numbered `$1, $2...`
once per statement text (cached). A transaction holds one pooled connection for its duration, and
every statement the same task runs inside it uses that connection (a context variable), so code
written for SQLite's single connection runs unchanged. Outside a transaction each statement
borrows a connection from the pool, so readers never queue behind a writer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Any

import asyncpg

from bot.store.sql import Params, after_commit

log = logging.getLogger(__name__)

# A quoted literal or identifier, a comment, a cast (::), or a parameter (? or :name).
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|::|\?|:([A-Za-z_]\w*)")


def numbered(sql: str) -> tuple[str, list[str] | int]:
    """`sql` with its parameters numbered for PostgreSQL, and the parameter names in number order
    (for :name parameters) or how many there are (for ? parameters)."""
    names: list[str] = []
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        token = match.group(0)
        if token == "?":
            count += 1
            return f"${count}"
        name = match.group(1)
        if name is None:
            return token
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    text = _TOKENS.sub(number, sql)
    if names and count:
        raise ValueError("a statement mixes ? and :name parameters")
    return text, (names if names else count)


def _rowcount(status: str) -> int:
    """'INSERT 0 3', 'UPDATE 2', 'DELETE 0' -> the number of rows."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else -1


class Result:
    """What awaiting `execute` gives: the row count, and the rows a RETURNING clause produced."""

    def __init__(self, rows: list[asyncpg.Record], rowcount: int) -> None:
        self.rows = rows
        self.rowcount = rowcount
        self._next = 0

    async def fetchone(self) -> asyncpg.Record | None:
        if self._next >= len(self.rows):
            return None
        self._next += 1
        return self.rows[self._next - 1]

    async def fetchmany(self, size: int) -> list[asyncpg.Record]:
        rows = self.rows[self._next : self._next + size]
        self._next += len(rows)
        return rows

    async def fetchall(self) -> list[asyncpg.Record]:
        return await self.fetchmany(len(self.rows))


class Statement:
    """`db.execute(...)`: awaited, it runs at once; used with `async with`, it streams its rows
    through a server-side cursor (the whole catalogue at start-up, without a million rows in memory)."""

    def __init__(self, db: PgDatabase, sql: str, params: Params) -> None:
        self.db, self.sql, self.params = db, sql, params
        self._stream: AbstractAsyncContextManager[Cursor] | None = None

    def __await__(self) -> Generator[Any, None, Result]:
        return self.db._run(self.sql, self.params).__await__()

    async def __aenter__(self) -> Cursor:
        self._stream = self.db._cursor(self.sql, self.params)
        return await self._stream.__aenter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._stream is not None
        await self._stream.__aexit__(kind, exc, tb)


class Cursor:
    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor
        self.rowcount = -1

    async def fetchone(self) -> asyncpg.Record | None:
        row: asyncpg.Record | None = await self._cursor.fetchrow()
        return row

    async def fetchmany(self, size: int) -> list[asyncpg.Record]:
        rows: list[asyncpg.Record] = await self._cursor.fetch(size)
        return rows


WRITE_LOCK = 7469001  # the advisory lock every write transaction holds until it ends

_current: ContextVar[asyncpg.Connection | None] = ContextVar("filmbot_pg_transaction", default=None)


class PgDatabase:
    """bot.store.sql.Sql over an asyncpg pool."""

    dialect = "postgresql"
    conflicts: tuple[type[Exception], ...] = (asyncpg.IntegrityConstraintViolationError,)

    def __init__(self, pool: asyncpg.Pool, url: str, shown_url: str) -> None:
        self.pool = pool
        self._url = url  # may hold a password: used to connect, never shown
        self.shown_url = shown_url  # the URL without its password, for messages
        self._own: list[asyncpg.Connection] = []
        self.after_commit: list[Callable[[], Awaitable[object]]] = []
        self._sql: dict[str, tuple[str, list[str] | int]] = {}

    def _prepare(self, sql: str, params: Params) -> tuple[str, list[Any]]:
        found = self._sql.get(sql)
        if found is None:
            found = self._sql[sql] = numbered(sql)
        text, names = found
        if isinstance(names, list):
            assert isinstance(params, Mapping), "a :name statement takes a mapping"
            return text, [params[name] for name in names]
        return text, list(params)

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        held = _current.get()
        if held is not None:
            yield held
        else:
            async with self.pool.acquire() as conn:
                yield conn

    async def _run(self, sql: str, params: Params) -> Result:
        text, args = self._prepare(sql, params)
        async with self._connection() as conn:
            statement = await conn.prepare(text)
            rows = await statement.fetch(*args)
            return Result(rows, _rowcount(statement.get_statusmsg()))

    @asynccontextmanager
    async def _cursor(self, sql: str, params: Params) -> AsyncIterator[Cursor]:
        text, args = self._prepare(sql, params)
        async with self._connection() as conn:
            if conn.is_in_transaction():
                yield Cursor(await conn.cursor(text, *args))
            else:
                async with conn.transaction(readonly=True):  # a cursor lives in a transaction
                    yield Cursor(await conn.cursor(text, *args))

    def execute(self, sql: str, params: Params = ()) -> Statement:
        return Statement(self, sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """One statement per row (prepared once); returns the rows the statements changed."""
        changed = 0
        async with self._connection() as conn:
            statement: asyncpg.PreparedStatement | None = None
            for row in rows:
                text, args = self._prepare(sql, row)
                if statement is None:
                    statement = await conn.prepare(text)
                await statement.fetch(*args)
                changed += max(_rowcount(statement.get_statusmsg()), 0)
        return changed

    async def insert_new(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
        """Inside a transaction: `rows` written into `table` where no row holds their keys yet, in
        one COPY through a staging table rather than a statement per row (filmbot copy-db at a
        million films). The number written. Table and column names are the caller's, never input."""
        conn = _current.get()
        if conn is None:
            raise RuntimeError("insert_new() belongs inside transaction()")
        staging = f"filmbot_staging_{table}"
        await conn.execute(
            f'CREATE TEMP TABLE IF NOT EXISTS "{staging}" (LIKE "{table}") ON COMMIT DELETE ROWS'
        )
        await conn.copy_records_to_table(staging, records=rows, columns=list(columns))
        names = ", ".join(f'"{c}"' for c in columns)
        status = await conn.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "{staging}" ON CONFLICT DO NOTHING'  # noqa: S608
        )
        return _rowcount(status)

    async def fetchone(self, sql: str, params: Params = ()) -> asyncpg.Record | None:
        result = await self._run(sql, params)
        return result.rows[0] if result.rows else None

    async def fetchall(self, sql: str, params: Params = ()) -> Sequence[asyncpg.Record]:
        return (await self._run(sql, params)).rows

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PgDatabase]:
        """One write transaction on one connection, one at a time across every process; after_commit
        hooks run once it committed."""
        if _current.get() is not None:
            raise RuntimeError("a transaction is already open in this task: use savepoint()")
        async with self.pool.acquire() as conn:
            token = _current.set(conn)
            try:
                async with conn.transaction():
                    # Write transactions take turns, as on SQLite (BEGIN IMMEDIATE): a check made
                    # inside one (is this member's rating new?) still holds when it writes. The
                    # same lock orders the change log (migration 0001). Reads never wait.
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)
                    yield self
            finally:
                _current.reset(token)
        await after_commit(self.after_commit)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        conn = _current.get()
        if conn is None:
            raise RuntimeError("savepoint() belongs inside transaction()")
        async with conn.transaction():  # nested: asyncpg makes it a SAVEPOINT
            yield

    async def dedicated(self) -> asyncpg.Connection:
        """A connection of its own, outside the pool (LISTEN, advisory locks held for hours)."""
        conn: asyncpg.Connection = await asyncpg.connect(self._url)
        self._own.append(conn)
        return conn

    async def close(self) -> None:
        for conn in self._own:
            await conn.close()
        self._own.clear()
        await self.pool.close()
