"""Finding a person by name as people type it: "nolan", "christoper nolan", "jean-pierre jeunet".

Names are matched word by word after folding (case, accents, and the letters Unicode does not
decompose: "Wladyslaw" finds "Władysław"). Every typed word must match a word of the name:
exactly, as a prefix while typing, or within one or two typos when nothing matches exactly.
Among people who match equally well, the better known come first (the sum of their films'
notability), so "nolan" is Christopher Nolan before Nolan North.

The index is flat arrays (bot.core.people_arrays: built once, or mapped from a saved file) plus
the people changed since (a server's own people, the next import's), held as plain objects
and searched the same way, so a person added is found at once. When those grow many, `compact`
folds them into new arrays (in a thread: the event loop keeps answering meanwhile).

Each server sees the shared catalogue's people and its own: a person credited only on one
server's films is found there and nowhere else (Person.guilds).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bot.core.models import SEED_GUILD
from bot.core.people_arrays import Arrays, PersonArrays, build, intersect
from bot.core.person import Person, main_roles, name_words

__all__ = ["Person", "PersonIndex", "PersonMatch", "main_roles", "name_words"]

OVERLAY_LIMIT = 20_000  # people changed since the arrays were built before folding them in


@dataclass(frozen=True, slots=True)
class PersonMatch:
    person: Person
    score: float  # 100 = every word typed matched exactly


Found = list[tuple[float, Person]]


class PersonIndex:
    """Word index over people's names; searched as people type, kept current by `update`."""

    def __init__(self, people: Iterable[Person] = (), arrays: Arrays | None = None) -> None:
        self._base = PersonArrays(arrays if arrays is not None else build(people))
        self._changed: dict[int, Person] = {}  # id -> the person now (roles empty: no credits left)
        self._hidden = np.zeros(0, dtype=np.int32)  # ranks of base people who changed since
        self._small = PersonArrays(build(()))
        self._lock = threading.Lock()  # `compact` swaps the arrays from a thread

    def __len__(self) -> int:
        return len(self._base) - len(self._hidden) + sum(1 for p in self._changed.values() if p.roles)

    @property
    def arrays(self) -> Arrays:
        return self._base.a

    def person(self, person_id: int, guild_id: int = SEED_GUILD) -> Person | None:
        """This person, if this server sees them."""
        if person_id in self._changed:
            found: Person | None = self._changed[person_id]
        else:
            rank = self._base.rank_of(person_id)
            found = None if rank is None else self._base.person(rank)
        return found if found is not None and found.roles and found.visible_in(guild_id) else None

    def update(self, people: Iterable[Person]) -> None:
        """These people as they are now (a person without roles has no credits left)."""
        for person in people:
            self._changed[person.id] = person
        with self._lock:
            ranks = (self._base.rank_of(pid) for pid in self._changed)
            self._hidden = np.array(sorted(r for r in ranks if r is not None), dtype=np.int32)
            self._small = PersonArrays(build(p for p in self._changed.values() if p.roles))

    def needs_compaction(self) -> bool:
        return len(self._changed) > OVERLAY_LIMIT

    def compact(self) -> None:
        """Fold the changed people into new arrays (seconds at millions of people: run in a thread)."""
        with self._lock:
            changed = dict(self._changed)
            base = self._base
        hidden = {r for pid in changed if (r := base.rank_of(pid)) is not None}
        kept = (base.person(r) for r in range(len(base)) if r not in hidden)
        arrays = build([*kept, *(p for p in changed.values() if p.roles)])
        with self._lock:
            if self._base is base:
                self._base = PersonArrays(arrays)
                later = {pid: p for pid, p in self._changed.items() if changed.get(pid) is not p}
                self._changed = {}
                self._hidden = np.zeros(0, dtype=np.int32)
                self._small = PersonArrays(build(()))
        if later:
            self.update(later.values())

    def search(self, query: str, limit: int = 5, *, guild_id: int = SEED_GUILD) -> list[PersonMatch]:
        """People this server sees whose name has every word typed (typos allowed), best first."""
        return self._find(name_words(query), limit, False, guild_id)

    def complete(self, typed: str, limit: int = 25, *, guild_id: int = SEED_GUILD) -> list[PersonMatch]:
        """Autocomplete: as `search`, but the last word may be unfinished."""
        return self._find(name_words(typed), limit, not typed[-1:].isspace(), guild_id)

    def _find(self, words: tuple[str, ...], limit: int, prefix: bool, guild_id: int) -> list[PersonMatch]:
        if not words:
            return []
        with self._lock:
            base, small, hidden = self._base, self._small, self._hidden
        hidden = np.union1d(hidden, base.unseen(guild_id)).astype(np.int32)
        unseen = small.unseen(guild_id)
        found = _found(base, words, limit + len(hidden), prefix, hidden)
        found += _found(small, words, limit + len(unseen), prefix, unseen)
        if not found and prefix and len(words[-1]) >= 4:  # not a word begun: maybe a typo
            return self._find(words, limit, False, guild_id)
        found.sort(key=lambda sp: (-sp[0], -sp[1].weight, sp[1].id))
        return [PersonMatch(p, s / len(words)) for s, p in found[:limit]]


def _found(
    arrays: PersonArrays, words: tuple[str, ...], limit: int, prefix: bool, hidden: np.ndarray | None = None
) -> Found:
    """(summed score, person) of the best `limit` people matching every word."""
    if not len(arrays):
        return []
    whole, typing = (words[:-1], words[-1]) if prefix else (words, None)
    ranks: np.ndarray | None = None
    scores = np.zeros(0)
    for word in sorted(whole, key=len, reverse=True):  # longer words are rarer: fewer candidates
        found, found_scores = arrays.word_matches(word)
        ranks, scores = (
            (found, found_scores) if ranks is None else intersect(ranks, scores, found, found_scores)
        )
        if not len(ranks):
            return []
    if hidden is not None and len(hidden) and ranks is not None:
        keep = ~np.isin(ranks, hidden)
        ranks, scores = ranks[keep], scores[keep]
    if typing is not None:
        if ranks is None:
            ranks = arrays.begun(typing, limit)
            if hidden is not None and len(hidden):
                ranks = ranks[~np.isin(ranks, hidden)]
            scores = np.full(len(ranks), 100.0 * len(words))
        else:
            order = np.lexsort((ranks, -scores))  # best score first, then best known
            kept = order[arrays.having(ranks[order], typing, limit)]
            ranks, scores = ranks[kept], scores[kept] + 100.0
    assert ranks is not None
    order = np.lexsort((ranks, -scores))[:limit]
    return [(float(scores[i]), arrays.person(int(ranks[i]))) for i in order]
