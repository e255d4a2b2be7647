"""Reading a run of filter words ("best known french comedies from the early 80s") into Filters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.questions import vocabulary as v
from bot.core.questions.model import Filters, Order, YearRange

_YEAR = re.compile(r"^(18[89]\d|19\d\d|20\d\d)$")
_DECADE = re.compile(r"^(18|19|20)?(\d)0s$")
_TOP = re.compile(r"^\d{1,3}$")
FIRST_FILM_YEAR = 1880


@dataclass(frozen=True, slots=True)
class Scan:
    filters: Filters
    real: int  # how many phrases narrowed something (the rest were fillers)


def is_filter_word(word: str) -> bool:
    return word in v.FILTER_WORDS or bool(_YEAR.match(word) or _DECADE.match(word) or _TOP.match(word))


def year(word: str) -> int | None:
    return int(word) if _YEAR.match(word) else None


def decade(words: list[str], i: int) -> tuple[YearRange, int] | None:
    """'80s', 'the 1980s', 'early eighties', 'mid 90s' at words[i]: (range, words used)."""
    part, j = None, i
    if j < len(words) and words[j] in v.DECADE_PARTS:
        part, j = v.DECADE_PARTS[words[j]], j + 1
    if j < len(words) and words[j] == "the":
        j += 1
    if j >= len(words):
        return None
    match = _DECADE.match(words[j])
    if match:
        century, tens = match.group(1), int(match.group(2))
        # "80s" is the 1980s; "00s" and "10s" are this century's
        start = (int(century) * 100 if century else 2000 if tens < 2 else 1900) + tens * 10
    elif words[j] in v.DECADE_WORDS:
        start = v.DECADE_WORDS[words[j]]
    else:
        return None
    first, last = part or (0, 9)
    return YearRange(start + first, start + last), j + 1 - i


def _span(words: list[str], i: int) -> tuple[YearRange, int] | None:
    """A year or a decade (with an optional 'the') at words[i]."""
    if i < len(words) and (y := year(words[i])) is not None:
        return YearRange(y, y), 1
    return decade(words, i)


def years_at(words: list[str], i: int, bare_years: bool) -> tuple[YearRange, int] | None:
    """Any year expression at words[i]: ranges, 'before 1960', 'of 1999', '80s', bare years."""
    word = words[i]
    if word in v.RANGE_STARTS or _YEAR.match(word):
        start = i + 1 if word in v.RANGE_STARTS else i
        first = _span(words, start)
        if first and start + first[1] < len(words) and words[start + first[1]] in v.RANGE_JOINS:
            second = _span(words, start + first[1] + 1)
            if second:
                used = start - i + first[1] + 1 + second[1]
                return YearRange(first[0].first, second[0].last), used
    if word in v.BEFORE | v.AFTER | v.SINCE and (found := _span(words, i + 1)):
        span, used = found
        if word in v.BEFORE:
            return YearRange(None, (span.first or FIRST_FILM_YEAR) - 1), used + 1
        if word in v.AFTER:
            return YearRange((span.last or 0) + 1, None), used + 1
        return YearRange(span.first, None), used + 1
    if word in v.YEAR_PREPOSITIONS and i + 1 < len(words) and (y := year(words[i + 1])):
        return YearRange(y, y), 2
    if (found := decade(words, i)) is not None:
        return found
    if bare_years and (y := year(word)) is not None:
        return YearRange(y, y), 1
    return None


def scan(words: list[str], bare_years: bool = True) -> Scan | None:
    """Filters from words made only of filter phrases and fillers; None if any word is not one."""
    genres: set[str] = set()
    years: YearRange | None = None
    place: v.Effect | None = None  # from an adjective: country or language
    country = language = None
    order = None
    real = i = 0
    while i < len(words):
        if words[i] in ("top", "best") and i + 1 < len(words) and _TOP.match(words[i + 1]):
            order, real, i = Order.RATING, real + 1, i + 2  # "top 10": the count is the list's business
            continue
        found = years_at(words, i, bare_years)
        if found:
            span, used = found
            years = span if years is None else _hull(years, span)
            real, i = real + 1, i + used
            continue
        for size in range(min(v.LONGEST_PHRASE, len(words) - i), 0, -1):
            effect = v.PHRASES.get(tuple(words[i : i + size]))
            if effect is not None:
                break
        else:
            return None
        i += size
        if effect.is_filler:
            continue
        real += 1
        genres.update(effect.genres)
        order = effect.order or order
        if effect.either:
            place = place or effect
        else:
            country = effect.country or country
            language = effect.language or language
    either = place is not None and country is None and language is None
    if place is not None:
        country, language = country or place.country, language or place.language
    filters = Filters(tuple(sorted(genres)), years, country, language, either, order)
    return Scan(filters, real)


def _hull(a: YearRange, b: YearRange) -> YearRange:
    """'the 80s and 90s' -> 1980-1999; an open end stays open."""
    first = None if a.first is None or b.first is None else min(a.first, b.first)
    last = None if a.last is None or b.last is None else max(a.last, b.last)
    return YearRange(first, last)
