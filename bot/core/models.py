"""The catalogue's data, as plain immutable values shared by every layer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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


CREDIT_ROLES = ("director", "writer", "cast")  # billing within a film: directors, writers, then cast


@dataclass(frozen=True, slots=True)
class CastMember:
    """A cast member as replies show one: the person and the character they play."""

    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    """One person's part in one film. `person_key` names the person in a dataset ('imdb:nm0000154')
    so namesakes stay apart; without it, people are told apart by name."""

    name: str
    role: str  # one of CREDIT_ROLES
    order: int = 0  # billing order within the role, from 0
    character: str | None = None
    person_key: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Film:
    """The one film record: read from the store, read from files and datasets, written by every path.

    `id` is 0 until the film is stored; `key` is its stable id in files and datasets
    ('backtrace-2021', 'imdb:tt0111161'), so writing the same film again updates it.
    """

    id: int
    title: str
    year: int | None
    guild_id: int = SEED_GUILD
    credits: tuple[Credit, ...] = ()
    genres: tuple[str, ...] = ()
    synopsis: str | None = None
    release: str | None = None
    votes: int = 0
    key: str = ""
    aliases: tuple[str, ...] = ()
    runtime: int | None = None  # minutes, when a dataset gave it

    @property
    def label(self) -> str:
        """How a film is named to people: 'Title (Year)'."""
        return title_label(self.title, self.year)

    def people(self, role: str) -> tuple[Credit, ...]:
        return tuple(sorted((c for c in self.credits if c.role == role), key=lambda c: c.order))

    @property
    def director(self) -> str | None:
        """The directors' names as one line ('Lana Wachowski, Lilly Wachowski'), for replies."""
        return ", ".join(c.name for c in self.people("director")) or None

    @property
    def cast(self) -> tuple[CastMember, ...]:
        return tuple(CastMember(c.name, c.character) for c in self.people("cast"))


def credits_of(
    directors: Iterable[str] = (),
    cast: Iterable[tuple[str, str | None]] = (),
    writers: Iterable[str] = (),
) -> tuple[Credit, ...]:
    """Credits in billing order from plain lists of names (and characters, for the cast)."""
    found = [Credit(name, "director", n) for n, name in enumerate(directors)]
    found += [Credit(name, "writer", n) for n, name in enumerate(writers)]
    found += [Credit(name, "cast", n, character) for n, (name, character) in enumerate(cast)]
    return tuple(found)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a server's change history."""

    at: str
    user_id: int
    action: str
    detail: str


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


@dataclass
class ImportReport:
    """What importing a catalogue file changed, as lines to show the person who uploaded it."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.added and not self.changed
