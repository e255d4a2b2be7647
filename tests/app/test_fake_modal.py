"""The fake Discord refuses the modals Discord refuses, and accepts what discord.py really sends."""

from __future__ import annotations

import copy
from typing import Any

import discord
import pytest

from bot.testing.fake_discord import validate_callback, validate_modal


def rating_form() -> dict[str, Any]:
    form = discord.ui.Modal(title="Rate Memento (2000)", custom_id="rate-form")
    form.add_item(
        discord.ui.Label(text="Stars", component=discord.ui.TextInput(custom_id="stars", max_length=10))
    )
    text = discord.ui.TextInput(
        custom_id="review", style=discord.TextStyle.paragraph, max_length=1000, required=False
    )
    form.add_item(discord.ui.Label(text="Review", component=text))
    form.add_item(
        discord.ui.Label(text="Contains spoilers", component=discord.ui.Checkbox(custom_id="spoiler"))
    )
    return form.to_dict()  # type: ignore[return-value]


def test_what_discord_py_sends_is_accepted() -> None:
    assert validate_modal(rating_form()) is None
    assert validate_callback({"type": 9, "data": rating_form()}) is None


def broken(change: str) -> dict[str, Any]:
    form = copy.deepcopy(rating_form())
    rows = form["components"]
    if change == "long title":
        form["title"] = "R" * 46
    elif change == "six rows":
        rows.extend(copy.deepcopy(rows[0]) for _ in range(3))
        for n, row in enumerate(rows):
            row["component"]["custom_id"] = f"field{n}"
    elif change == "no rows":
        form["components"] = []
    elif change == "long label":
        rows[0]["label"] = "L" * 46
    elif change == "button in a label":
        rows[2]["component"] = {"type": 2, "custom_id": "b", "style": 1, "label": "x"}
    elif change == "same custom_id":
        rows[1]["component"]["custom_id"] = "stars"
    elif change == "text too long":
        rows[1]["component"]["max_length"] = 4001
    elif change == "checkbox default":
        rows[2]["component"]["default"] = "yes"
    elif change == "row with two inputs":
        inputs = [{**rows[0]["component"], "label": "Stars"}, {**rows[1]["component"], "label": "Review"}]
        form["components"] = [{"type": 1, "components": inputs}]
    return form


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("long title", "title"),
        ("six rows", "1 to 5"),
        ("no rows", "1 to 5"),
        ("long label", "label.label"),
        ("button in a label", "can't be used in a label"),
        ("same custom_id", "unique"),
        ("text too long", "max_length"),
        ("checkbox default", "boolean"),
        ("row with two inputs", "exactly one text input"),
    ],
)
def test_what_discord_refuses_is_refused(change: str, problem: str) -> None:
    found = validate_modal(broken(change))
    assert found is not None and problem in found
