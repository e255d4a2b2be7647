"""The fake Discord's gateway: sessions, shards, and what Discord's gateway refuses.

Each IDENTIFY starts a session for one shard (`shard: [id, count]`, or the one shard of an
unsharded bot). Discord's rules, as its gateway documentation states them:
- a token that is not the bot's closes the socket with 4004, an impossible shard with 4010, and a
  connection that would hold more than 2,500 servers with 4011 (sharding required);
- only `max_concurrency` sessions may start per 5 seconds: shards are grouped in buckets by
  `shard_id % max_concurrency` and a second IDENTIFY in one bucket within 5 s is answered with
  op 9 Invalid Session (the client must identify again later);
- sessions with different shard counts, or several sessions of one shard, are all accepted, as
  Discord accepts them (bots re-shard that way); the fake sends a shard's events to its oldest
  connected session (which one Discord picks is not documented);
- a session's READY lists only its shard's servers (`(guild_id >> 22) % count == shard_id`), each
  followed by a GUILD_CREATE; a server's events go to the session of its shard, DMs to shard 0.
Every IDENTIFY is recorded (`identifies`) so tests can check who identified when.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from bot.shards import shard_of

TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only-0123456789ab"
APP_ID = 1100000000000000001
IDENTIFY_WINDOW_S = 5.0  # Discord: max_concurrency IDENTIFYs per bucket per 5 seconds
GUILDS_PER_SHARD = 2500  # Discord closes a connection that would hold more servers (4011)
SESSION_STARTS = 1000  # Discord's daily IDENTIFY allowance for most bots


def bot_user() -> dict[str, Any]:
    return {"id": str(APP_ID), "username": "filmbot", "discriminator": "0", "avatar": None, "bot": True}


@dataclass
class Session:
    id: str
    shard: tuple[int, int]  # (shard id, shard count); (0, 1) for an unsharded bot
    socket: web.WebSocketResponse | None  # None while the client is away (it may resume)
    sequence: int = 0

    def serves(self, guild_id: int | None) -> bool:
        shard_id, count = self.shard
        return shard_id == (0 if guild_id is None else shard_of(guild_id, count))


@dataclass(frozen=True)
class Identify:
    at: float  # time.monotonic() when it arrived
    shard: tuple[int, int]
    accepted: bool  # False: refused with op 9, too soon in its bucket


class FakeGateway:
    """The gateway half of FakeDiscord (bot.testing.fake_discord)."""

    port: int

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def _init_gateway(self) -> None:
        self.sockets: list[web.WebSocketResponse] = []
        self.sessions: list[Session] = []
        self.identifies: list[Identify] = []
        self.closes: list[int] = []  # the close codes this gateway sent
        self.guilds: list[int] = []  # the servers the bot is in
        self.max_concurrency = 1
        self.guilds_per_shard = GUILDS_PER_SHARD
        self.session_starts_left = SESSION_STARTS
        self.identified = asyncio.Event()
        self.identify_count = 0
        self.resume_count = 0
        self._session_numbers = itertools.count(1)
        self._changed = asyncio.Condition()

    def gateway_bot(self) -> dict[str, Any]:
        """GET /gateway/bot: the recommended shard count and the session start limit."""
        return {
            "url": self.gateway_url,
            "shards": max(1, math.ceil(len(self.guilds) / 1000)),  # Discord suggests ~1,000 servers a shard
            "session_start_limit": {
                "total": SESSION_STARTS,
                "remaining": self.session_starts_left,
                "reset_after": 86_400_000,
                "max_concurrency": self.max_concurrency,
            },
        }

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        session: Session | None = None
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            op, data = payload.get("op"), payload.get("d")
            if op == 1:
                await socket.send_json({"op": 11})
            elif op == 2:
                session = await self._identify(socket, data or {})
            elif op == 6:
                session = await self._resume(socket, data or {})
        if socket in self.sockets:
            self.sockets.remove(socket)
        if session is not None and session.socket is socket:
            session.socket = None
            await self._notify()
        return socket

    async def _close(self, socket: web.WebSocketResponse, code: int, reason: str) -> None:
        self.closes.append(code)
        await socket.close(code=code, message=reason.encode())

    async def _identify(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> Session | None:
        if data.get("token") != TOKEN:
            await self._close(socket, 4004, "Authentication failed.")
            return None
        shard = data.get("shard", [0, 1])
        if not (
            isinstance(shard, list)
            and len(shard) == 2
            and all(type(n) is int for n in shard)
            and 0 <= shard[0] < shard[1]
        ):
            await self._close(socket, 4010, "Invalid shard.")
            return None
        shard_id, count = shard
        if count < math.ceil(len(self.guilds) / self.guilds_per_shard):
            await self._close(socket, 4011, "Sharding required.")
            return None
        now = time.monotonic()
        bucket = shard_id % self.max_concurrency
        if any(
            i.accepted and i.shard[0] % self.max_concurrency == bucket and now - i.at < IDENTIFY_WINDOW_S
            for i in self.identifies
        ):
            self.identifies.append(Identify(now, (shard_id, count), accepted=False))
            await socket.send_json({"op": 9, "d": False})
            return None
        self.identifies.append(Identify(now, (shard_id, count), accepted=True))
        self.session_starts_left -= 1
        self.identify_count += 1
        session = Session(f"fake-session-{next(self._session_numbers)}", (shard_id, count), socket)
        self.sessions.append(session)
        served = [g for g in self.guilds if session.serves(g)]
        await self._dispatch(session, "READY", self._ready(session, served))
        for guild_id in served:
            await self._dispatch(session, "GUILD_CREATE", guild_payload(guild_id))
        self.identified.set()
        await self._notify()
        return session

    async def _resume(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> Session | None:
        session = next((s for s in self.sessions if s.id == data.get("session_id")), None)
        if session is None or data.get("token") != TOKEN:
            await socket.send_json({"op": 9, "d": False})
            return None
        session.socket = socket
        self.resume_count += 1
        await self._dispatch(session, "RESUMED", {})
        self.identified.set()
        await self._notify()
        return session

    def _ready(self, session: Session, guilds: list[int]) -> dict[str, Any]:
        return {
            "v": 10,
            "user": bot_user(),
            "guilds": [{"id": str(g), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
            "shard": list(session.shard),
        }

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        assert session.socket is not None
        session.sequence += 1
        await session.socket.send_json({"op": 0, "t": event, "s": session.sequence, "d": data})

    def serving(self, guild_id: int | None) -> Session | None:
        """The connected session Discord would deliver this server's events to (DMs: shard 0)."""
        return next((s for s in self.sessions if s.socket is not None and s.serves(guild_id)), None)

    async def send_event(self, event: str, data: dict[str, Any], timeout: float = 30.0) -> Session:
        """Dispatch to the session of the event's server, once one is connected; returns it."""
        guild = data.get("guild_id")
        guild_id = int(guild) if guild else None
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: self.serving(guild_id) is not None)
        session = self.serving(guild_id)
        assert session is not None
        await self._dispatch(session, event, data)
        return session

    async def request_reconnect(self) -> None:
        """Gateway op 7: the client must drop the socket, reconnect and resume."""
        self.identified.clear()
        await self.sockets[-1].send_json({"op": 7, "d": None})


def guild_payload(guild_id: int) -> dict[str, Any]:
    """GUILD_CREATE for a small server the bot is in."""
    everyone = {
        "id": str(guild_id), "name": "@everyone", "permissions": "0", "position": 0, "color": 0,
        "hoist": False, "managed": False, "mentionable": False, "flags": 0,
    }  # fmt: skip
    return {
        "id": str(guild_id),
        "name": f"server {guild_id % 10_000}",
        "unavailable": False,
        "owner_id": "800000000000000001",
        "member_count": 2,
        "large": False,
        "joined_at": "2024-01-01T00:00:00+00:00",
        "roles": [everyone],
        "channels": [],
        "threads": [],
        "members": [],
        "voice_states": [],
        "presences": [],
        "emojis": [],
        "stickers": [],
        "features": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
    }
