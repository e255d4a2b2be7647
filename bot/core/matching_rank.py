"""The matcher's last step: score the few candidates found and keep the best film of each.

Split from bot/core/matching.py. Everything here works on numpy arrays of the candidates, so a
lookup's cost does not grow with a Python loop per candidate: at a million titles each Python-level
touch of a candidate is a cache miss, and the slowest lookups used to spend a third of their time
on such loops.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from bot.core.normalise import ARTICLES, compact, fold

YEAR_BONUS = 3.0
YEAR_MISMATCH = 20.0
POPULARITY_WEIGHT = 2.0  # at most this many points for being the most-voted title
# A title being typed scores PREFIX_SCORE, plus PREFIX_VOTES per e-fold of votes, minus
# PREFIX_LENGTH per e-fold of title length over what has been typed.
PREFIX_SCORE, PREFIX_VOTES, PREFIX_LENGTH = 88.0, 0.42, 1.8
TIE = 0.1  # scores are compared rounded to one decimal, then by votes
# Fewer candidates than this are ranked in plain Python: a numpy call costs a few microseconds
# whatever its size, which outweighs a short loop (the typical lookup has a few dozen).
FEW = 64
# Titles beginning with the article typed ("the g": The Godfather, The Graduate) rank above those
# reached only through the article-free key (G, Gravity): the article is part of what was typed.
ARTICLE_BONUS = 6.0


def similarity(
    query: str, keys: list[str], votes: np.ndarray, max_votes: int, completing: bool = False
) -> np.ndarray:
    """Similarity of `query` to each key, 0-100 plus a little for popularity, in a few
    vectorised rapidfuzz calls. `completing`: the query is what has been typed so far."""
    flat = compact(query)
    typed = len(query)
    ratio = cdist([query], keys, scorer=fuzz.ratio)[0]
    # Reordered words are a weaker sign than the same order: "grinusha ka" is rarely "Ka Grinusha".
    token = cdist([query], keys, scorer=fuzz.token_sort_ratio)[0] * 0.92
    spaceless = cdist([flat], [k.replace(" ", "") for k in keys], scorer=fuzz.ratio)[0] - 1.0
    head = cdist([query], [k[:typed] for k in keys], scorer=fuzz.ratio)[0]
    score = np.maximum(np.maximum(ratio, token), spaceless)
    if typed >= 4:
        score = np.maximum(score, head * 0.9)
    log_votes = np.log1p(votes.astype(np.float64))
    if completing:
        # While a title is being typed, what was typed says nothing of its length, so spelling
        # closeness would only favour the shortest titles (Mud, Max, McQ for "m"; Godsend before
        # The Godfather for "god"): the best known ones starting so rank first, an exact title
        # above them all. Capped below 95 so an exact title beats those it begins ("Go" 1999).
        score = np.where(head == 100.0, np.minimum(PREFIX_SCORE + PREFIX_VOTES * log_votes, 94.9), score)
    elif typed >= 3:
        # A title being typed: the popular completions, and those mostly typed, are the likely
        # ones. Capped below 95 so an exact title beats titles it is a prefix of ("Film 1").
        lengths = np.fromiter(map(len, keys), dtype=np.float64, count=len(keys))
        typing = PREFIX_SCORE + PREFIX_VOTES * log_votes - PREFIX_LENGTH * np.log(lengths / typed)
        score = np.where(head == 100.0, np.minimum(typing, 94.9), score)
    score = np.where(spaceless == 99.0, 99.0, score)  # the same letters, spaced differently
    score = np.where(ratio == 100.0, 100.0, score)
    popularity = log_votes / math.log1p(max(max_votes, 1))
    result: np.ndarray = score + POPULARITY_WEIGHT * popularity
    return result


def year_adjusted(scores: np.ndarray, years: np.ndarray, wanted: int | None) -> np.ndarray:
    """A typed year promotes films of that year and demotes films of others (unknown: neither)."""
    if wanted is None:
        return scores
    return scores + np.where(years == 0, 0.0, np.where(years == wanted, YEAR_BONUS, -YEAR_MISMATCH))


def best_films(
    slots: np.ndarray, scores: np.ndarray, films: np.ndarray, votes: np.ndarray, limit: int
) -> list[tuple[float, int]]:
    """(score, slot) of the `limit` best films, each film by its best-scoring slot, best first:
    by score rounded to one decimal, then votes, then the order the film was first found in."""
    if len(slots) <= FEW:
        by_film: dict[int, tuple[float, int, int]] = {}
        for slot, score, film, vote in zip(
            slots.tolist(), scores.tolist(), films.tolist(), votes.tolist(), strict=True
        ):
            if film not in by_film or score > by_film[film][0]:
                by_film[film] = (score, slot, vote)
        few = heapq.nlargest(limit, by_film.values(), key=lambda row: (round(row[0], 1), row[2]))
        return [(score, slot) for score, slot, _ in few]
    found = np.arange(len(slots))
    order = np.lexsort((found, -scores, films))  # by film, best score first, earliest first
    starts = np.flatnonzero(np.concatenate(([True], films[order][1:] != films[order][:-1])))
    best = order[starts]
    first = np.minimum.reduceat(order, starts)  # where each film was first found
    best_scores = scores[best]
    if len(best) > limit:  # only films within a rounding step of the limit-th can still rank
        floor = np.partition(best_scores, len(best) - limit)[len(best) - limit] - TIE
        keep = best_scores >= floor
        best, first, best_scores = best[keep], first[keep], best_scores[keep]
    by_first = np.argsort(first, kind="stable")
    rows = [(float(best_scores[i]), int(slots[best[i]]), int(votes[best[i]])) for i in by_first.tolist()]
    ranked = heapq.nlargest(limit, rows, key=lambda row: (round(row[0], 1), row[2]))
    return [(score, slot) for score, slot, _ in ranked]


def typed_article(text: str) -> str | None:
    """The leading article of a title being typed: "the" of "the g", and "the" typed alone or an
    article with a space after it ("a "); a lone "a" or "an" is more likely a title's first letters."""
    words = fold(text).split()
    if not words or words[0] not in ARTICLES:
        return None
    return words[0] if len(words) > 1 or words[0] == "the" or text[-1:].isspace() else None


def article_adjusted(
    scores: np.ndarray,
    keys: list[str],
    slots: list[int],
    titles: Sequence[str],
    votes: np.ndarray,
    article: str,
    key: str,
) -> np.ndarray:
    """`scores` of titles still being typed after `article` (`titles`: every slot's title):
    those beginning with the article and then with what followed it gain ARTICLE_BONUS; the
    article alone typed ("the"), every title beginning with it is a completion, ranked like any
    other by notability. Only candidates whose key starts so have their title read: at a million
    titles each read is a cache miss, and a mistyped query has none."""
    alone = key == article
    lead = article + " "
    same = np.zeros(len(keys), dtype=bool)
    for i, (k, slot) in enumerate(zip(keys, slots, strict=True)):
        if (alone or k.startswith(key)) and fold(titles[slot]).startswith(lead):
            same[i] = True
    if not same.any():
        return scores
    if not alone:  # "the g": G (2002) is not exact, its article missing
        scores = np.where(same, scores, np.minimum(scores, 94.9 + POPULARITY_WEIGHT))
    else:
        typing = np.minimum(PREFIX_SCORE + PREFIX_VOTES * np.log1p(votes.astype(np.float64)), 94.9)
        scores = np.where(same, np.maximum(scores, typing), scores)
    return scores + ARTICLE_BONUS * same
