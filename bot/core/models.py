"""The catalogue's data, as plain immutable values shared by every layer."""

from __future__ import annotations

from dataclasses import dataclass

SEED_GUILD = 0  # guild_id of the shared seed catalogue; Discord snowflakes are never 0


def title_label(title: str, year: int | None) -> str:
    """How a film is named to people, everywhere: 'Title (Year)', or the title when the year is unknown."""
    return f"{title} ({year})" if year else title


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is asking, and where: the guild scopes the catalogue (0 outside a server)."""

    guild_id: int = SEED_GUILD
    user_id: int = 0
    can_manage_guild: bool = False  # Manage Server (or Administrator), as Discord resolved it
    role_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class CastMember:
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Film:
    id: int
    title: str
    year: int | None
    guild_id: int = SEED_GUILD
    director: str | None = None
    cast: tuple[CastMember, ...] = ()
    genres: tuple[str, ...] = ()
    synopsis: str | None = None
    release: str | None = None
    votes: int = 0

    @property
    def label(self) -> str:
        """How a film is named to people: 'Title (Year)'."""
        return title_label(self.title, self.year)


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    film_id: int
    quote: str
    source: str
    author: str | None = None
    verdict: str | None = None
    url: str | None = None
    guild_id: int = SEED_GUILD


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One 'if you liked this' entry: the suggested film and why it is there."""

    film: Film
    reason: str


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """What the matcher indexes: one searchable name (a title or an alias) of one film."""

    film_id: int
    name: str
    year: int | None
    guild_id: int = SEED_GUILD
    votes: int = 0
    label: str = ""
    is_alias: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    film_id: int
    label: str
    score: float
    year: int | None = None
    votes: int = 0
