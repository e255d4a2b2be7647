"""What /film and /person show: a film's card and a person's filmography, as plain text parts.

The source lists cast alphabetically, so the card names the best-known cast first (by how many
films each has in the catalogue) and says "with", not "starring": it does not know the billing.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import title_label
from bot.core.person import Person, main_roles

LEADING_CAST = 6  # names on a card: enough to recognise a film, short enough to read at a glance


@dataclass(frozen=True, slots=True)
class FilmDetails:
    runtime: int | None = None
    release_date: str | None = None
    mpaa_rating: str | None = None
    rt_meter: int | None = None
    rt_reviews: int | None = None
    metacritic: int | None = None
    oscars_won: int = 0
    oscar_nominations: int = 0
    notability: int = 0


@dataclass(frozen=True, slots=True)
class FilmInfo:
    """Everything a film card shows; cast is (name, films in the catalogue), best known first."""

    film_id: int
    title: str
    year: int | None
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    cast: tuple[tuple[str, int], ...] = ()
    genres: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    synopsis: str | None = None
    details: FilmDetails | None = None

    @property
    def label(self) -> str:
        return title_label(self.title, self.year)


def leading_cast(cast: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Best known first (most films in the catalogue), then by name: the source has no billing."""
    return tuple(sorted(cast, key=lambda c: (-c[1], c[0])))


def runtime_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def oscars_text(won: int, nominated: int) -> str | None:
    if not won and not nominated:
        return None
    plural = "s" if nominated != 1 else ""
    if not won:
        return f"nominated for {nominated} Oscar{plural}"
    return f"won {won} of {nominated} Oscar nomination{plural}"


def critics_text(details: FilmDetails) -> str | None:
    parts = []
    if details.rt_meter is not None:
        reviews = f" of {details.rt_reviews} reviews" if details.rt_reviews else ""
        parts.append(f"Rotten Tomatoes {details.rt_meter}%{reviews}")
    if details.metacritic is not None:
        parts.append(f"Metacritic {details.metacritic}/100")
    return "; ".join(parts) or None


def card_fields(info: FilmInfo) -> list[tuple[str, str]]:
    """The card's (name, value) fields, in reading order; unknown facts are left out."""
    fields: list[tuple[str, str]] = []
    if info.directors:
        fields.append(("Directed by", ", ".join(info.directors)))
    if info.writers:
        fields.append(("Written by", ", ".join(info.writers)))
    if info.cast:
        names = [name for name, _ in info.cast[:LEADING_CAST]]
        more = len(info.cast) - len(names)
        fields.append(("With", ", ".join(names) + (f" and {more} more" if more > 0 else "")))
    if info.genres:
        fields.append(("Genres", ", ".join(info.genres)))
    facts = []
    details = info.details or FilmDetails()
    if details.runtime:
        facts.append(runtime_text(details.runtime))
    if info.countries:
        facts.append(", ".join(info.countries))
    if info.languages:
        facts.append(", ".join(info.languages))
    if details.release_date:
        facts.append(f"released {details.release_date}")
    if details.mpaa_rating:
        facts.append(f"rated {details.mpaa_rating}")
    if facts:
        fields.append(("Details", " · ".join(facts)))
    if critics := critics_text(details):
        fields.append(("Critics", critics))
    if oscars := oscars_text(details.oscars_won, details.oscar_nominations):
        fields.append(("Oscars", oscars[0].upper() + oscars[1:]))
    return fields


@dataclass(frozen=True, slots=True)
class Credited:
    """One line of a filmography: the film and what the person did in it."""

    film_id: int
    title: str
    year: int | None
    roles: tuple[str, ...]

    @property
    def label(self) -> str:
        return title_label(self.title, self.year)


ROLE_HEADINGS = {"director": "Directed", "writer": "Written", "cast": "Acted in"}


def filmography_lines(credits: list[Credited]) -> dict[str, list[str]]:
    """Film labels per role heading, by year (unknown years last), in the headings' order."""
    by_role: dict[str, list[str]] = {heading: [] for heading in ROLE_HEADINGS.values()}
    ordered = sorted(credits, key=lambda c: (c.year is None, c.year or 0, c.title))
    for credit in ordered:
        for role in credit.roles:
            by_role[ROLE_HEADINGS[role]].append(credit.label)
    return {heading: labels for heading, labels in by_role.items() if labels}


def as_seen(person: Person, credits: list[Credited]) -> Person:
    """The person with the roles and years of these credits (the films the asking server sees),
    so a card's heading agrees with the films listed under it."""
    if not credits:
        return person
    counts = {"director": 0, "writer": 0, "actor": 0}
    for credit in credits:
        for role in credit.roles:
            counts["actor" if role == "cast" else role] += 1
    years = [c.year for c in credits if c.year is not None]
    return Person(
        person.id, person.name, main_roles(counts), min(years, default=None), max(years, default=None),
        person.weight, person.guilds,
    )  # fmt: skip
