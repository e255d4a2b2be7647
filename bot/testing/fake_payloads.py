"""The interactions the fake Discord sends: INTERACTION_CREATE payloads as Discord builds them."""

from __future__ import annotations

import itertools
from typing import Any

from bot.testing.fake_gateway import APP_ID

_ids = itertools.count(1200000000000000000)


def snowflake() -> str:
    return str(next(_ids))


class FakePayloads:
    """The payload half of FakeDiscord: commands are looked up among those the bot synced."""

    commands: dict[int, list[dict[str, Any]]]

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
