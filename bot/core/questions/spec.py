"""A one-line text form of a Query, for test tables, the benchmark's question sets and logs.

    film_info field=director film="the godfather" film_year=1972
    discover genres=Comedy,Romance years=1980-1989 country=France language=French either

Example questions (of an `unknown` query) are left out: they are advice, not meaning.
"""

from __future__ import annotations

import shlex

from bot.core.questions.model import Field, Filters, Intent, Order, Query, Role, Topic, YearRange


def to_spec(query: Query) -> str:
    f = query.filters
    parts = [query.intent.value]
    pairs: list[tuple[str, object]] = [
        ("field", query.field),
        ("role", query.role),
        ("film", query.film),
        ("film_year", query.film_year),
        ("person", query.person),
        ("name", query.name),
        ("genres", ",".join(f.genres) or None),
        ("years", _years(f.years)),
        ("country", f.country),
        ("language", f.language),
    ]
    parts += [f"{key}={shlex.quote(str(value))}" for key, value in pairs if value is not None]
    if f.either:
        parts.append("either")
    parts += [f"{key}={value}" for key, value in (("order", f.order), ("topic", query.topic)) if value]
    return " ".join(parts)


def from_spec(spec: str) -> Query:
    """The Query a spec line describes; raises ValueError naming the bad part."""
    words = shlex.split(spec)
    if not words:
        raise ValueError("empty spec")
    intent = Intent(words[0])
    values: dict[str, str] = {}
    either = False
    for word in words[1:]:
        if word == "either":
            either = True
            continue
        key, sep, value = word.partition("=")
        if not sep or key in values:
            raise ValueError(f"bad or repeated part {word!r} in {spec!r}")
        values[key] = value
    known = {"field", "role", "film", "film_year", "person", "name", "genres", "years"}
    known |= {"country", "language", "order", "topic"}
    if set(values) - known:
        raise ValueError(f"unknown keys {sorted(set(values) - known)} in {spec!r}")
    filters = Filters(
        genres=tuple(sorted(values["genres"].split(","))) if "genres" in values else (),
        years=_parse_years(values["years"]) if "years" in values else None,
        country=values.get("country"),
        language=values.get("language"),
        either=either,
        order=Order(values["order"]) if "order" in values else None,
    )
    return Query(
        intent,
        field=Field(values["field"]) if "field" in values else None,
        role=Role(values["role"]) if "role" in values else None,
        film=values.get("film"),
        film_year=int(values["film_year"]) if "film_year" in values else None,
        person=values.get("person"),
        name=values.get("name"),
        filters=filters,
        topic=Topic(values["topic"]) if "topic" in values else None,
    )


def _years(years: YearRange | None) -> str | None:
    if years is None:
        return None
    return f"{years.first or ''}-{years.last or ''}"


def _parse_years(text: str) -> YearRange:
    first, sep, last = text.partition("-")
    if not sep:
        raise ValueError(f"years must be FIRST-LAST, got {text!r}")
    return YearRange(int(first) if first else None, int(last) if last else None)
