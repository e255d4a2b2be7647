"""A local fake Discord: REST API and websocket gateway on 127.0.0.1 for end-to-end tests.

The real, unmodified discord.py client connects to it: tests point `discord.http.Route.BASE` and
`DiscordWebSocket.DEFAULT_GATEWAY` here. It validates what Discord validates (25 choices,
choice name lengths, embed limits, a second acknowledgement, an answer after 3 seconds) and
records every request so tests can assert on what the bot really sent.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.testing.fake_gateway import APP_ID, TOKEN, FakeGateway, bot_user
from bot.testing.fake_limits import validate_callback, validate_message, validate_modal
from bot.testing.fake_payloads import FakePayloads, channel_payload, snowflake

__all__ = [
    "APP_ID",
    "EPHEMERAL",
    "TOKEN",
    "FakeDiscord",
    "Interaction",
    "channel_payload",
    "snowflake",
    "validate_callback",
    "validate_message",
    "validate_modal",
]  # fmt: skip
DEADLINE_S = 3.0  # Discord forgets an interaction not acknowledged within 3 seconds
EPHEMERAL = 1 << 6


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py decodes JSON only when the Content-Type is exactly application/json (no charset).
    return web.Response(status=status, body=json.dumps(data).encode(), content_type="application/json")


def error(status: int, code: int, message: str) -> web.Response:
    return json_response({"code": code, "message": message}, status)


@dataclass
class Interaction:
    id: str
    token: str
    created: float
    acked: bool = False
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    shard: int | None = None  # the shard whose session it was delivered to


class FakeDiscord(FakeGateway, FakePayloads):
    def __init__(self) -> None:
        self._init_gateway()
        self.app = web.Application()
        self.app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self.app.router.add_get("/gateway", self._gateway)
        self.app.router.add_get("/files/{name}", self._file)
        self.files: dict[str, bytes] = {}
        self.runner: web.AppRunner | None = None
        self.port = 0
        self.commands: dict[int, list[dict[str, Any]]] = {}  # guild id (0 = global) -> commands
        self.sync_count = 0
        self.synced = asyncio.Event()
        self.interactions: dict[str, Interaction] = {}
        self.rejections: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str]] = []
        self.failures: list[tuple[str, int]] = []  # (path fragment, status) to answer once, in order

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        self.runner = web.AppRunner(self.app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for socket in list(self.sockets):
            await socket.close()
        if self.runner:
            await self.runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    def attachment(self, name: str, data: bytes) -> dict[str, Any]:
        """Host a file like Discord's CDN does and return its attachment object."""
        self.files[name] = data
        url = f"http://127.0.0.1:{self.port}/files/{name}"
        return {"id": snowflake(), "filename": name, "size": len(data), "url": url, "proxy_url": url}

    async def _file(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["name"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    # -- interactions ------------------------------------------------------------------------

    async def interact(self, payload: dict[str, Any], timeout: float = 10.0) -> Interaction:
        """Send INTERACTION_CREATE and wait until the bot has answered it."""
        record = Interaction(payload["id"], payload["token"], time.monotonic())
        self.interactions[record.token] = record
        session = await self.send_event("INTERACTION_CREATE", payload)
        record.shard = session.shard[0]
        await asyncio.wait_for(record.done.wait(), timeout)
        return record

    # -- REST --------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        tail = request.match_info["tail"]
        self.requests.append((request.method, tail))
        for index, (fragment, status) in enumerate(self.failures):
            if fragment in tail:
                del self.failures[index]
                if status == 429:  # Discord's rate limit answer: retry after a moment
                    body = {"message": "You are being rate limited.", "retry_after": 0.05, "global": False}
                    return web.Response(
                        status=429,
                        body=json.dumps(body).encode(),
                        content_type="application/json",
                        headers={"Retry-After": "0.05", "X-RateLimit-Scope": "user"},
                    )
                return error(status, 0, f"{status}: Server Error")
        if request.headers.get("Authorization") != f"Bot {TOKEN}" and not tail.startswith(
            ("interactions/", "webhooks/")
        ):
            return error(401, 0, "401: Unauthorized")
        parts = tail.split("/")
        if tail == "users/@me":
            return json_response(bot_user())
        if tail == "gateway/bot":
            return json_response(self.gateway_bot())
        if tail == "oauth2/applications/@me":
            return json_response(self._application())
        if parts[0] == "applications" and parts[-1] == "commands":
            return await self._commands(request, int(parts[3]) if len(parts) == 5 else 0)
        if parts[0] == "interactions" and parts[-1] == "callback":
            return await self._callback(request, parts[2])
        if parts[0] == "webhooks":
            return await self._webhook(request, parts[2], parts[3:])
        return error(404, 0, f"404: Not Found ({request.method} {tail})")

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "filmbot",
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": bot_user(),
            "verify_key": "0" * 64,
            "flags": 0,
        }

    async def _commands(self, request: web.Request, guild_id: int) -> web.Response:
        if request.method == "PUT":
            body = await request.json()
            stored = [
                {**cmd, "id": snowflake(), "application_id": str(APP_ID), "version": "1"} for cmd in body
            ]
            if guild_id:
                for cmd in stored:
                    cmd["guild_id"] = str(guild_id)
            self.commands[guild_id] = stored
            self.sync_count += 1
            self.synced.set()
            return json_response(stored)
        return json_response(self.commands.get(guild_id, []))

    async def _body(self, request: web.Request) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
        if request.content_type.startswith("multipart/"):
            files: list[tuple[str, bytes]] = []
            body: dict[str, Any] = {}
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if part.name == "payload_json":  # type: ignore[union-attr]
                    body = json.loads(await part.text())  # type: ignore[union-attr]
                else:
                    files.append((part.filename or "", await part.read()))  # type: ignore[union-attr]
            return body, files
        if request.can_read_body:
            return await request.json(), []
        return {}, []

    async def _callback(self, request: web.Request, token: str) -> web.Response:
        record = self.interactions.get(token)
        body, files = await self._body(request)
        if record is None:
            return error(404, 10062, "Unknown interaction")
        if time.monotonic() - record.created > DEADLINE_S:
            return self._reject(record, 404, 10062, "Unknown interaction (answered after 3 seconds)", body)
        if record.acked:
            return self._reject(record, 400, 40060, "Interaction has already been acknowledged.", body)
        problem = validate_callback(body)
        if problem:
            return self._reject(record, 400, 50035, f"Invalid Form Body: {problem}", body)
        record.acked = True
        record.callbacks.append({**body, "files": files})
        kind = body["type"]
        data = body.get("data") or {}
        result: dict[str, Any] = {"interaction": {"id": record.id, "type": 2}}
        if kind in (4, 5):
            message = self._message(data, ephemeral=bool(data.get("flags", 0) & EPHEMERAL))
            message["interaction_token"] = token
            record.messages.append(message)
            result["interaction"]["response_message_id"] = message["id"]
            result["interaction"]["response_message_loading"] = kind == 5
            result["interaction"]["response_message_ephemeral"] = bool(data.get("flags", 0) & EPHEMERAL)
            result["resource"] = {"type": kind, "message": message}
        if kind in (4, 6, 7, 8, 9):
            record.done.set()
        return json_response(result)

    def _reject(self, record: Interaction, status: int, code: int, message: str, body: Any) -> web.Response:
        self.rejections.append({"code": code, "message": message, "body": body})
        record.done.set()
        return error(status, code, message)

    async def _webhook(self, request: web.Request, token: str, rest: list[str]) -> web.Response:
        record = self.interactions.get(token)
        if record is None:
            return error(404, 10015, "Unknown Webhook")
        body, files = await self._body(request)
        if request.method == "POST" and not rest:
            problem = validate_message(body)
            if problem:
                return self._reject(record, 400, 50035, f"Invalid Form Body: {problem}", body)
            message = self._message(body, ephemeral=bool(body.get("flags", 0) & EPHEMERAL))
            record.messages.append({**message, "files": files})
            record.done.set()
            return json_response(message)
        if len(rest) == 2 and rest[0] == "messages":
            target = record.messages[0] if rest[1] == "@original" and record.messages else None
            target = target or next((m for m in record.messages if m["id"] == rest[1]), None)
            if target is None:
                return error(404, 10008, "Unknown Message")
            if request.method == "DELETE":
                target["deleted"] = True
                return web.Response(status=204)
            if request.method == "PATCH":
                problem = validate_message(body)
                if problem:
                    return self._reject(record, 400, 50035, f"Invalid Form Body: {problem}", body)
                target.update({k: v for k, v in body.items() if k in ("content", "embeds", "components")})
                target["edited"] = True
                record.done.set()
            return json_response(target)
        return error(404, 0, "404: Not Found")

    def _message(self, data: dict[str, Any], *, ephemeral: bool) -> dict[str, Any]:
        return {
            "id": snowflake(),
            "channel_id": "700000000000000001",
            "author": bot_user(),
            "content": data.get("content") or "",
            "embeds": data.get("embeds") or [],
            "components": data.get("components") or [],
            "attachments": [],
            "allowed_mentions": data.get("allowed_mentions"),
            "timestamp": "2026-01-01T00:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "type": 20,
            "flags": EPHEMERAL if ephemeral else 0,
        }
