"""Members' ratings: the records, and the rules every front-end and store share.

Stars are kept as half steps (1 = ½ star .. 10 = 5 stars) so they stay exact integers in every
backend; people see them as "★★★★½" and as "4.5".
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.core.errors import FilmbotError, InvalidInput, PermissionDenied
from bot.core.limits import FIELD_LIMITS
from bot.core.models import SEED_GUILD, Caller, Film, Suggestion

MIN_HALVES, MAX_HALVES = 1, 10  # 0.5 .. 5 stars; the ratings table checks the same range
MAX_REVIEW = FIELD_LIMITS["review"]  # the ratings table checks the same length
MAX_HIDE_REASON = FIELD_LIMITS["reason"]
DEFAULT_MIN_RATINGS = 3  # a film needs this many ratings for /top until a server sets its own
MAX_MIN_RATINGS = 1000  # rating_settings checks the same bound
LIKED_HALVES = 8  # "rated highly" means 4 stars or more
MIN_CO_RATERS = 3  # "members who liked X also liked Y" needs this many members who liked both
RATE_LIMIT = 5  # ratings a member may write per RATE_WINDOW_S: a person rates a few a minute
RATE_WINDOW_S = 60.0

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rating:
    """One member's rating of one film in one server, with its optional review."""

    id: int
    guild_id: int
    user_id: int
    film_id: int
    halves: int
    review: str | None = None
    spoiler: bool = False
    created_at: str = ""
    updated_at: str = ""
    hidden: bool = False
    hidden_reason: str | None = None
    film_label: str = ""

    @property
    def stars(self) -> str:
        return stars_text(self.halves)


@dataclass(frozen=True, slots=True)
class RateResult:
    rating: Rating
    previous: Rating | None  # the rating this one replaced, if the member had rated the film


@dataclass(frozen=True, slots=True)
class Average:
    count: int
    total_halves: int

    @property
    def halves(self) -> float:
        return self.total_halves / self.count if self.count else 0.0

    @property
    def number(self) -> str:
        """'4.3': the mean in stars to one decimal."""
        return f"{self.halves / 2:.1f}"

    @property
    def stars(self) -> str:
        """The mean rounded to the nearest half star (halves round up), as glyphs."""
        return stars_text(int(self.halves + 0.5)) if self.count else ""

    def describe(self) -> str:
        if not self.count:
            return "No member has rated it yet."
        noun = "rating" if self.count == 1 else "ratings"
        return f"{self.stars} {self.number} / 5 from {self.count} {noun}"


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int
    offset: int


@dataclass(frozen=True, slots=True)
class RatingSettings:
    min_ratings: int = DEFAULT_MIN_RATINGS
    review_role_id: int | None = None  # None: any member may write a review


@dataclass(frozen=True, slots=True)
class TopFilter:
    genre: str | None = None  # compared case-insensitively with the film's genres
    decade: int | None = None  # first year of the decade: 1990 for the 1990s


@dataclass(frozen=True, slots=True)
class TopEntry:
    film: Film
    average: Average


@dataclass(frozen=True, slots=True)
class CoRating:
    """Another film, and how many members rated both it and the asked film highly."""

    film: Film
    members: int


class RateLimited(FilmbotError):
    def __init__(self, retry_after: float) -> None:
        self.retry_after = max(1, int(retry_after + 0.999))
        super().__init__(f"You're rating quickly: try again in {self.retry_after} s. Nothing was changed.")


# -- stars ------------------------------------------------------------------------------------

STAR_HELP = "Give 0.5 to 5 stars in half steps, like 4, 4.5 or ★★★★½."
_FULL = "★⭐*"
_HALF = "½"
_EMPTY = "☆"
_HALF_WRITTEN = re.compile(r"1\u20442|(?:(?<=\d)|(?<=\s)|^)1/2")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)?\s*(½)?(?:\s*(?:/\s*5|stars?|★))?")


def parse_stars(text: str) -> int:
    """'4.5', '4,5', '4½', '4.5/5', '★★★★½' or '****' -> half steps (9). InvalidInput otherwise."""
    cleaned = unicodedata.normalize("NFKC", text).replace("\ufe0f", "").strip().lower()
    cleaned = _HALF_WRITTEN.sub(_HALF, cleaned)  # NFKC spells ½ as 1⁄2; people type 1/2
    if cleaned and all(c in _FULL + _HALF + _EMPTY + " " for c in cleaned):
        full = sum(c in _FULL for c in cleaned)
        halves = 2 * full + cleaned.count(_HALF)
        if cleaned.count(_HALF) > 1 or (_HALF in cleaned and cleaned.rstrip(_EMPTY + " ")[-1] != _HALF):
            raise InvalidInput(f"{_shown(text)} isn't a rating. {STAR_HELP}")
    else:
        match = _NUMBER.fullmatch(cleaned)
        if not match or not (match.group(1) or match.group(2)):
            raise InvalidInput(f"{_shown(text)} isn't a rating. {STAR_HELP}")
        value = float((match.group(1) or "0").replace(",", ".")) + (0.5 if match.group(2) else 0)
        halves = round(value * 2)
        if abs(halves - value * 2) > 1e-9:
            raise InvalidInput(f"{_shown(text)} isn't a half step. {STAR_HELP}")
    if not MIN_HALVES <= halves <= MAX_HALVES:
        raise InvalidInput(f"{_shown(text)} is out of range. {STAR_HELP}")
    return halves


def _shown(text: str) -> str:
    cleaned = " ".join(text.split())
    return f"“{cleaned[:20]}”" if cleaned else "An empty rating"


def check_halves(halves: int) -> int:
    if not MIN_HALVES <= halves <= MAX_HALVES:
        raise InvalidInput(f"{halves / 2:g} stars is out of range. {STAR_HELP}")
    return halves


def stars_text(halves: int) -> str:
    """9 -> '★★★★½'."""
    return "★" * (halves // 2) + ("½" if halves % 2 else "")


def stars_number(halves: int) -> str:
    """9 -> '4.5', 8 -> '4'."""
    return f"{halves // 2}.5" if halves % 2 else str(halves // 2)


# -- who may do what --------------------------------------------------------------------------


def check_server(guild_id: int) -> None:
    """Ratings belong to a server's members: refuse them in direct messages."""
    if guild_id == SEED_GUILD:
        raise InvalidInput("Ratings belong to a server: use this command in a server.")


def check_may_review(settings: RatingSettings, caller: Caller) -> None:
    if settings.review_role_id is None or caller.can_manage_guild:
        return
    if settings.review_role_id not in caller.role_ids:
        raise PermissionDenied(
            "In this server, writing a review needs a role you don't have. "
            "Rate without a review, or ask the server's staff."
        )


def parse_min_ratings(value: int) -> int:
    if not 1 <= value <= MAX_MIN_RATINGS:
        raise InvalidInput(f"The minimum must be between 1 and {MAX_MIN_RATINGS} ratings.")
    return value


def parse_hide_reason(text: str) -> str:
    reason = " ".join(text.split())
    if not reason:
        raise InvalidInput("Say why the review is hidden: its author will see the reason.")
    if len(reason) > MAX_HIDE_REASON:
        raise InvalidInput(f"Keep the reason under {MAX_HIDE_REASON} characters.")
    return reason


class RateLimiter:
    """At most `limit` ratings per member in any `window` seconds (a sliding window, in memory)."""

    def __init__(
        self,
        limit: int = RATE_LIMIT,
        window: float = RATE_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._recent: dict[int, deque[float]] = {}

    def check(self, user_id: int) -> None:
        """Count one rating by `user_id` now, or raise RateLimited (counting nothing)."""
        now = self.clock()
        recent = self._recent.setdefault(user_id, deque())
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        if len(recent) >= self.limit:
            raise RateLimited(recent[0] + self.window - now)
        recent.append(now)
        if len(self._recent) > 10_000:  # forget members whose window has passed
            self._recent = {k: v for k, v in self._recent.items() if v and v[-1] > now - self.window}


# -- /top and co-ratings ----------------------------------------------------------------------

_DECADE = re.compile(r"'?(\d{2}|\d{4})s?")


def parse_top_filter(genre: str | None, decade: str | None) -> TopFilter:
    """'action', '1990s' / '90s' / '1994' -> TopFilter(genre='action', decade=1990)."""
    start = None
    if decade is not None and decade.strip():
        match = _DECADE.fullmatch(decade.strip().lower())
        if not match:
            raise InvalidInput(f"{_shown(decade)} isn't a decade: write it like 1990s or 90s.")
        year = int(match.group(1))
        if year < 100:  # '90s' is the 1990s, '20s' the 2020s: the nearest past decade
            year += 1900 if year > time.gmtime().tm_year % 100 else 2000
        start = year - year % 10
        if not 1870 <= start <= 2100:
            raise InvalidInput(f"{_shown(decade)} is outside the years films have.")
    cleaned = " ".join(genre.split()).lower() if genre else None
    return TopFilter(cleaned or None, start)


def co_rating_suggestions(film: Film, found: Sequence[CoRating], limit: int = 5) -> list[Suggestion]:
    """'4 members who rated Heat highly also liked Thief', strongest first, enough members only."""
    strong = [c for c in found if c.members >= MIN_CO_RATERS and c.film.id != film.id]
    strong.sort(key=lambda c: (-c.members, c.film.label))
    return [
        Suggestion(c.film, f"{c.members} members who rated {film.title} highly also liked {c.film.title}")
        for c in strong[:limit]
    ]
