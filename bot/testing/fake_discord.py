"""A local fake Discord: REST API and websocket gateway on 127.0.0.1 for end-to-end tests.

The real, unmodified discord.py client connects to it: tests point `discord.http.Route.BASE` and
`DiscordWebSocket.DEFAULT_GATEWAY` here. It validates what Discord validates (25 choices,
choice name lengths, embed limits, a second acknowledgement, an answer after 3 seconds) and
records every request so tests can assert on what the bot really sent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAx.GfakeX.fake-token-for-tests-only-0123456789ab"
APP_ID = 1100000000000000001
BOT_ID = APP_ID
DEADLINE_S = 3.0  # Discord forgets an interaction not acknowledged within 3 seconds
EPHEMERAL = 1 << 6

_ids = itertools.count(1200000000000000000)


def snowflake() -> str:
    return str(next(_ids))


def bot_user() -> dict[str, Any]:
    return {"id": str(BOT_ID), "username": "filmbot", "discriminator": "0", "avatar": None, "bot": True}


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


class FakeDiscord:
    def __init__(self) -> None:
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
        self.sockets: list[web.WebSocketResponse] = []
        self.identified = asyncio.Event()
        self.identify_count = 0
        self.resume_count = 0
        self.sequence = 0
        self.session_id = "fake-session"
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

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

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

    # -- gateway -----------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            op = payload.get("op")
            if op == 1:
                await socket.send_json({"op": 11})
            elif op == 2:
                self.identify_count += 1
                await self._dispatch(socket, "READY", self._ready())
                self.identified.set()
            elif op == 6:
                self.resume_count += 1
                await self._dispatch(socket, "RESUMED", {})
                self.identified.set()
        if socket in self.sockets:
            self.sockets.remove(socket)
        return socket

    def _ready(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": bot_user(),
            "guilds": [],
            "session_id": self.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
            "shard": [0, 1],
        }

    async def _dispatch(self, socket: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        self.sequence += 1
        await socket.send_json({"op": 0, "t": event, "s": self.sequence, "d": data})

    async def send_event(self, event: str, data: dict[str, Any]) -> None:
        await self.identified.wait()
        await self._dispatch(self.sockets[-1], event, data)

    async def request_reconnect(self) -> None:
        """Gateway op 7: the client must drop the socket, reconnect and resume."""
        self.identified.clear()
        await self.sockets[-1].send_json({"op": 7, "d": None})

    # -- interactions ------------------------------------------------------------------------

    def interaction_payload(
        self,
        command: str,
        options: list[dict[str, Any]],
        *,
        kind: int = 2,
        guild_id: int | None = 900000000000000001,
        user_id: int = 800000000000000001,
        permissions: int = 0,
        custom_id: str | None = None,
        values: list[str] | None = None,
        message: dict[str, Any] | None = None,
        resolved: dict[str, Any] | None = None,
        components: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        user = {"id": str(user_id), "username": f"user{user_id % 1000}", "discriminator": "0", "avatar": None}
        command_id = next(
            (c["id"] for cmds in self.commands.values() for c in cmds if c["name"] == command), snowflake()
        )
        data: dict[str, Any]
        if kind == 5:  # a modal submitted: its custom_id and the values typed
            data = {"custom_id": custom_id, "components": components or []}
        elif kind == 3:
            data = {"custom_id": custom_id, "component_type": 3 if values is not None else 2}
            if values is not None:
                data["values"] = values
        else:
            data = {"id": command_id, "name": command, "type": 1, "options": options}
            if resolved:
                data["resolved"] = resolved
        payload: dict[str, Any] = {
            "id": snowflake(),
            "application_id": str(APP_ID),
            "type": kind,
            "token": f"tok-{snowflake()}",
            "version": 1,
            "data": data,
            "locale": "en-US",
            "app_permissions": str(permissions),
            "attachment_size_limit": 10 * 1024 * 1024,
            "entitlements": [],
            "authorizing_integration_owners": {},
            "channel": channel_payload(guild_id, user),
            "channel_id": "700000000000000001",
        }
        if message is not None:
            payload["message"] = message
        if guild_id:
            payload["guild_id"] = str(guild_id)
            payload["guild_locale"] = "en-US"
            payload["context"] = 0
            payload["member"] = {
                "user": user,
                "roles": [],
                "permissions": str(permissions),
                "joined_at": "2024-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        else:
            payload["user"] = user
            payload["context"] = 1
        return payload

    async def interact(self, payload: dict[str, Any], timeout: float = 10.0) -> Interaction:
        """Send INTERACTION_CREATE and wait until the bot has answered it."""
        record = Interaction(payload["id"], payload["token"], time.monotonic())
        self.interactions[record.token] = record
        await self.send_event("INTERACTION_CREATE", payload)
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


def channel_payload(guild_id: int | None, user: dict[str, Any]) -> dict[str, Any]:
    if guild_id is None:
        return {
            "id": "700000000000000001",
            "type": 1,
            "recipients": [user],
            "last_message_id": None,
            "flags": 0,
        }
    return {
        "id": "700000000000000001",
        "type": 0,
        "name": "general",
        "guild_id": str(guild_id),
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def validate_callback(body: dict[str, Any]) -> str | None:
    kind = body.get("type")
    if kind not in (1, 4, 5, 6, 7, 8, 9):
        return f"unknown callback type {kind!r}"
    data = body.get("data") or {}
    if kind == 8:
        found = data.get("choices")
        if not isinstance(found, list) or len(found) > 25:
            return "choices: must be a list of at most 25 choices"
        for choice in found:
            if not 1 <= len(choice.get("name", "")) <= 100:
                return "choices.name: must be 1 to 100 characters"
            if isinstance(choice.get("value"), str) and len(choice["value"]) > 100:
                return "choices.value: must be at most 100 characters"
        return None
    if kind in (4, 7):
        return validate_message(data)
    if kind == 9:
        return validate_modal(data)
    return None


MODAL_INPUTS = {3, 4, 5, 6, 7, 8, 19, 21, 22, 23}  # what a label may hold: selects, text, upload, choices


def validate_modal(data: dict[str, Any]) -> str | None:
    """What Discord refuses in a modal: titles, labels and ids past their lengths, more than five
    rows, an action row holding anything but one text input, an input a label can't hold,
    impossible lengths, two inputs with one custom_id, a checkbox's default not a boolean."""
    if not 1 <= len(data.get("custom_id") or "") <= 100:
        return "custom_id: must be 1 to 100 characters"
    if not 1 <= len(data.get("title") or "") <= 45:
        return "title: must be 1 to 45 characters"
    rows = data.get("components") or []
    if not 1 <= len(rows) <= 5:
        return "components: must hold 1 to 5 components"
    seen: set[str] = set()
    for row in rows:
        if row.get("type") == 1:
            inner = row.get("components") or []
            if len(inner) != 1 or inner[0].get("type") != 4:
                return "components: an action row in a modal holds exactly one text input"
            item = inner[0]
            if not 1 <= len(item.get("label") or "") <= 45:
                return "components.label: must be 1 to 45 characters"
        elif row.get("type") == 18:
            if not 1 <= len(row.get("label") or "") <= 45:
                return "label.label: must be 1 to 45 characters"
            if len(row.get("description") or "") > 100:
                return "label.description: must be 100 or fewer in length"
            item = row.get("component") or {}
            if item.get("type") not in MODAL_INPUTS:
                return f"label.component: type {item.get('type')!r} can't be used in a label"
        elif row.get("type") == 10:
            continue
        else:
            return f"components: type {row.get('type')!r} can't be used in a modal"
        problem = _modal_input(item)
        if problem:
            return problem
        if item["custom_id"] in seen:
            return "components.custom_id: must be unique within the modal"
        seen.add(item["custom_id"])
    return None


def _modal_input(item: dict[str, Any]) -> str | None:
    if not 1 <= len(item.get("custom_id") or "") <= 100:
        return "components.custom_id: must be 1 to 100 characters"
    if item.get("type") == 23 and not isinstance(item.get("default", False), bool):
        return "checkbox.default: must be a boolean"
    if item.get("type") != 4:
        return None
    low, high = item.get("min_length", 0), item.get("max_length", 4000)
    if item.get("style") not in (1, 2):
        return "text_input.style: must be 1 (short) or 2 (paragraph)"
    if not (0 <= low <= 4000 and 1 <= high <= 4000 and low <= high):
        return "text_input: min_length 0-4000, max_length 1-4000, min_length at most max_length"
    if len(item.get("value") or "") > high or len(item.get("placeholder") or "") > 100:
        return "text_input: value longer than max_length, or placeholder over 100 characters"
    return None


def validate_message(data: dict[str, Any]) -> str | None:
    if len(data.get("content") or "") > 2000:
        return "content: must be 2000 or fewer in length"
    embeds = data.get("embeds") or []
    if len(embeds) > 10:
        return "embeds: at most 10"
    total = 0
    for embed in embeds:
        limits = {"title": 256, "description": 4096}
        for key, limit in limits.items():
            if len(embed.get(key) or "") > limit:
                return f"embeds.{key}: must be {limit} or fewer in length"
        fields = embed.get("fields") or []
        if len(fields) > 25:
            return "embeds.fields: at most 25"
        for item in fields:
            if not 1 <= len(item.get("name", "")) <= 256 or not 1 <= len(item.get("value", "")) <= 1024:
                return "embeds.fields: name 1-256 and value 1-1024 characters"
        footer = (embed.get("footer") or {}).get("text") or ""
        if len(footer) > 2048:
            return "embeds.footer.text: must be 2048 or fewer in length"
        total += len(embed.get("title") or "") + len(embed.get("description") or "") + len(footer)
        total += sum(len(f.get("name", "")) + len(f.get("value", "")) for f in fields)
    if total > 6000:
        return "embeds: total size exceeds 6000 characters"
    return None
