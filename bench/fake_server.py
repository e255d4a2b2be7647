"""The local fake Discord in its own process, driven over a small control API, so that a load
test measures the bot's event loop and not the fake's work. Prints its port, then serves."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiohttp import web

from bot.testing.fake_discord import FakeDiscord

MANAGE_GUILD = 1 << 5
WORDS = ["the", "love", "ka", "dor", "mar", "night", "sol", "ven", "tin", "zen"]


def payloads(fake: FakeDiscord, autocompletes: int, writes: int, first: int = 0) -> list[dict[str, Any]]:
    """The interactions of one load; `first` numbers the added films apart from another process's."""
    found = [
        fake.interaction_payload(
            "review",
            [
                {
                    "name": "title",
                    "type": 3,
                    "value": f"{WORDS[n % len(WORDS)]}{'a' * (n % 3)}",
                    "focused": True,
                }
            ],
            kind=4,
            user_id=1000 + n,
        )
        for n in range(autocompletes)
    ]
    found += [
        fake.interaction_payload(
            "catalogue",
            [
                {
                    "name": "add-film",
                    "type": 1,
                    "options": [{"name": "title", "type": 3, "value": f"Load Test {first + n}"}],
                }
            ],
            permissions=MANAGE_GUILD,
            user_id=5000 + first + n,
        )
        for n in range(writes)
    ]
    return found


async def timed(fake: FakeDiscord, payload: dict[str, Any], delay: float) -> dict[str, Any]:
    await asyncio.sleep(delay)
    started = time.perf_counter()
    record = await fake.interact(payload, timeout=30)
    text = str(record.callbacks) + str(record.messages)
    return {
        "ms": (time.perf_counter() - started) * 1000,
        "kind": "autocomplete" if payload["type"] == 4 else "write",
        "added": "Added" in text,
        "locked": "locked" in text,
    }


async def main() -> None:
    fake = FakeDiscord()

    async def ready(_: web.Request) -> web.Response:
        return web.json_response({"ready": fake.identified.is_set() and bool(fake.commands)})

    async def load(request: web.Request) -> web.Response:
        spec = await request.json()
        # All in flight together, sent spacing_ms apart as a gateway stream delivers them (not one
        # 220-event frame): every interaction is still waiting on the bot while the others arrive.
        batch = payloads(fake, spec["autocompletes"], spec["writes"], spec.get("first", 0))
        gap = spec["spacing_ms"] / 1000
        results = await asyncio.gather(*(timed(fake, p, n * gap) for n, p in enumerate(batch)))
        return web.json_response({"results": results, "rejections": len(fake.rejections)})

    fake.app.router.add_get("/control/ready", ready)
    fake.app.router.add_post("/control/load", load)
    await fake.start()
    print(fake.port, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
