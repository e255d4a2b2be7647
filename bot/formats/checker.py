"""Checking the values of a catalogue file against its schema, collecting every problem."""

from __future__ import annotations

import re

from bot.core.errors import Problem
from bot.core.limits import DEFAULT_FIELD_LIMIT, FIELD_LIMITS, MAX_KEY
from bot.core.text import digits_hint, plain, whole_number
from bot.formats.yamlfile import Located

KEY = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_KEY - 1}}}$")
# The id a dataset import gave a film ('imdb:tt0068646', 'movielens:2571', 'csv:heat:1995'): an
# export names imported films by it, so a file refers to them and imports back unchanged.
DATASET_KEY = re.compile(r"^(?:imdb|movielens|csv):\S[^\n]{0,300}$")


class Checker:
    """Reads Located values against the schema, recording problems instead of stopping."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def fail(self, line: int | None, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, f"{where}: {message}"))

    def mapping(self, item: Located, where: str, allowed: set[str]) -> dict[str, Located] | None:
        if not isinstance(item.value, dict):
            self.fail(item.line, where, "expected a mapping of fields (`field: value`)")
            return None
        for key, value in item.value.items():
            if key not in allowed:
                self.fail(value.line, where, f"unknown field {key!r} (expected {', '.join(sorted(allowed))})")
        return item.value

    def text(
        self,
        fields: dict[str, Located],
        key: str,
        where: str,
        *,
        required: bool = False,
        at: int | None = None,
    ) -> str | None:
        """A text field; `at` is the entry's line, reported when a required field is missing."""
        item = fields.get(key)
        if item is None or item.value is None:
            if required:
                line = item.line if item else at
                self.fail(line, f"{where}.{key}" if item else where, f"missing required field {key!r}")
            return None
        if not isinstance(item.value, str):
            self.fail(item.line, f"{where}.{key}", "expected text")
            return None
        return self.clean(
            item.value, item.line, f"{where}.{key}", FIELD_LIMITS.get(key, DEFAULT_FIELD_LIMIT), required
        )

    def clean(self, value: str, line: int, where: str, limit: int, required: bool = True) -> str | None:
        if any(ord(char) < 32 and not char.isspace() for char in value):
            self.fail(line, where, "contains control characters")
        value = plain(value)  # the one cleaning rule, as for typed and imported text
        if not value:
            if required:
                self.fail(line, where, "must not be empty")
            return None
        if len(value) > limit:
            self.fail(line, where, f"is {len(value)} characters; the limit is {limit}")
        return value

    def integer(self, fields: dict[str, Located], key: str, where: str, low: int, high: int) -> int | None:
        item = fields.get(key)
        if item is None or item.value is None:
            return None
        number = whole_number(item.value) if isinstance(item.value, str) else None
        if number is None:
            self.fail(
                item.line,
                f"{where}.{key}",
                f"expected a whole number, got {item.value!r}{digits_hint(str(item.value))}",
            )
            return None
        if not low <= number <= high:
            self.fail(item.line, f"{where}.{key}", f"{number} is outside {low}..{high}")
            return None
        return number

    def texts(self, fields: dict[str, Located], key: str, where: str, limit_key: str) -> tuple[str, ...]:
        item = fields.get(key)
        if item is None or item.value is None:
            return ()
        if not isinstance(item.value, list):
            self.fail(item.line, f"{where}.{key}", "expected a list")
            return ()
        found = []
        for index, entry in enumerate(item.value):
            if not isinstance(entry.value, str):
                self.fail(entry.line, f"{where}.{key}[{index}]", "expected text")
                continue
            value = self.clean(entry.value, entry.line, f"{where}.{key}[{index}]", FIELD_LIMITS[limit_key])
            if value:
                found.append(value)
        return tuple(found)

    def names(self, fields: dict[str, Located], key: str, where: str) -> tuple[str, ...]:
        """People named by one text or a list of texts ('director: Lana Wachowski' or a list)."""
        item = fields.get(key)
        if item is not None and isinstance(item.value, str):
            name = self.clean(item.value, item.line, f"{where}.{key}", FIELD_LIMITS["name"])
            return (name,) if name else ()
        return self.texts(fields, key, where, "name")

    def cast(self, fields: dict[str, Located], where: str) -> tuple[tuple[str, str | None], ...]:
        item = fields.get("cast")
        if item is None or item.value is None:
            return ()
        if not isinstance(item.value, list):
            self.fail(item.line, f"{where}.cast", "expected a list of names or {name, role} mappings")
            return ()
        members: list[tuple[str, str | None]] = []
        for index, entry in enumerate(item.value):
            here = f"{where}.cast[{index}]"
            if isinstance(entry.value, str):
                name = self.clean(entry.value, entry.line, here, FIELD_LIMITS["name"])
                if name:
                    members.append((name, None))
                continue
            member = self.mapping(entry, here, {"name", "role"})
            if member is not None:
                name = self.text(member, "name", here, required=True, at=entry.line)
                if name:
                    members.append((name, self.text(member, "role", here)))
        return tuple(members)

    def key(self, fields: dict[str, Located], name: str, where: str, at: int) -> str | None:
        value = self.text(fields, name, where, required=True, at=at)
        if value is not None and not (KEY.match(value) or DATASET_KEY.match(value)):
            self.fail(fields[name].line, f"{where}.{name}", f"{value!r} is not an id like 'backtrace-2021'")
            return None
        return value
