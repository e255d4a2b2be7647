"""What Discord refuses in an interaction answer or a message: the limits the fake Discord enforces.

Each check returns None, or the problem as Discord's "Invalid Form Body" names it.
"""

from __future__ import annotations

from typing import Any


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


def validate_components(rows: list[dict[str, Any]]) -> str | None:
    """What Discord refuses in a message's controls: more than 5 action rows, a row of more than
    5 buttons (or a select beside anything), labels past 80 characters, custom ids past 100 or
    used twice."""
    if len(rows) > 5:
        return "components: at most 5 action rows"
    seen: set[str] = set()
    for row in rows:
        inner = row.get("components") or []
        if row.get("type") != 1 or not 1 <= len(inner) <= 5:
            return "components: an action row holds 1 to 5 components"
        if any(item.get("type") != 2 for item in inner) and len(inner) != 1:
            return "components: a select menu fills its action row alone"
        for item in inner:
            if item.get("type") == 2 and len(item.get("label") or "") > 80:
                return "components.label: must be 80 or fewer in length"
            custom_id = item.get("custom_id")
            if custom_id is not None and (not 1 <= len(custom_id) <= 100 or custom_id in seen):
                return "components.custom_id: must be 1 to 100 characters and unique"
            if custom_id is not None:
                seen.add(custom_id)
    return None


def validate_message(data: dict[str, Any]) -> str | None:
    if len(data.get("content") or "") > 2000:
        return "content: must be 2000 or fewer in length"
    problem = validate_components(data.get("components") or [])
    if problem:
        return problem
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
