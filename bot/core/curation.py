"""Pure rules for server curation: who may curate, and parsing what admins type."""

from __future__ import annotations

import re

from bot.core.errors import InvalidInput, PermissionDenied
from bot.core.limits import DEFAULT_FIELD_LIMIT, FIELD_LIMITS, MAX_YEAR, MIN_YEAR
from bot.core.models import Caller, CastMember, Credit, credits_of
from bot.core.normalise import title_key
from bot.core.text import digits_hint, plain, url_problem, whole_number

EDITABLE_FIELDS = ("title", "year", "director", "writers", "cast", "genres", "synopsis", "release")


def require_curator(who: Caller, curator_roles: frozenset[int]) -> None:
    """Manage Server, or one of the server's curator roles. Checked on every write."""
    if not who.guild_id:
        raise PermissionDenied("Catalogue commands only work inside a server.")
    if who.can_manage_guild or who.role_ids & curator_roles:
        return
    raise PermissionDenied(
        "You need the Manage Server permission or a curator role to change this server's catalogue."
    )


def require_manager(who: Caller) -> None:
    """Only Manage Server may decide who curates: curators cannot appoint curators."""
    if not who.guild_id:
        raise PermissionDenied("Catalogue commands only work inside a server.")
    if not who.can_manage_guild:
        raise PermissionDenied("Only members with the Manage Server permission can change curator roles.")


def clean_text(value: str | None, field: str, *, required: bool = False) -> str | None:
    """One line of text within the field's limit; InvalidInput naming the field otherwise."""
    text = plain(value or "")
    if not text:
        if required:
            raise InvalidInput(f"{field} must not be empty.")
        return None
    limit = FIELD_LIMITS.get(field, DEFAULT_FIELD_LIMIT)
    if len(text) > limit:
        raise InvalidInput(f"{field} is {len(text)} characters long; the limit is {limit}.")
    return text


def parse_year(value: str | int | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    year = whole_number(str(value))
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(
            f"year must be a year between {MIN_YEAR} and {MAX_YEAR}, like 2021{digits_hint(str(value))}."
        )
    return year


def parse_cast(value: str | None) -> tuple[CastMember, ...]:
    """'Matthew Modine as Mac; Sylvester Stallone' -> members with optional roles."""
    members = []
    for part in (value or "").split(";"):
        name, _, role = plain(part).partition(" as ")
        name_text = clean_text(name, "name")
        if name_text:
            members.append(CastMember(name_text, clean_text(role, "role")))
    return tuple(members)


def parse_names(value: str | None, field: str = "director") -> tuple[str, ...]:
    """'Lana Wachowski; Lilly Wachowski' -> the names, each checked against the name limit."""
    names = (clean_text(part, field) for part in (value or "").split(";"))
    return tuple(name for name in names if name)


def parse_credits(director: str | None, cast: str | None, writers: str | None = None) -> tuple[Credit, ...]:
    """Credits from what an admin typed for directors, cast and writers."""
    cast_members = ((m.name, m.role) for m in parse_cast(cast))
    return credits_of(parse_names(director), cast_members, parse_names(writers, "writers"))


def parse_genres(value: str | None) -> tuple[str, ...]:
    found = []
    for part in (value or "").split(","):
        genre = clean_text(part, "genre")
        if genre and genre.lower() not in found:
            found.append(genre.lower())
    return tuple(found)


def parse_url(value: str | None) -> str | None:
    url = clean_text(value, "url")
    problem = url_problem(url) if url else None
    if problem:
        raise InvalidInput(f"url: {problem}.")
    return url


def slug(title: str, year: int | None) -> str:
    """A readable, stable id for export files: 'Zebra Crossing', 2022 -> 'zebra-crossing-2022'."""
    ascii_key = re.sub(r"[^a-z0-9]+", "-", title_key(title).encode("ascii", "ignore").decode()).strip("-")
    base = (ascii_key or "film")[:60]
    return f"{base}-{year}" if year else base
