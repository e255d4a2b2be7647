"""A seeded, realistic query set: what people type when they look for a film.

Targets are drawn with probability proportional to the square root of their votes (people look
for popular films more often, but not only for them). Eight equally frequent classes: exact
title, lowercase, article dropped or moved, one typo, two typos, punctuation and accents left
out, title plus year, and an autocomplete prefix (3+ characters, at least 40 % of the title).
When a query without a year would equally fit a more-voted film with the same title, the year is
added, as a person would add it; films sharing both title and year are never targets: a query
that cannot identify its film measures nothing.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.catalogue import Title
from bot.core.normalise import title_key

CLASSES = ("exact", "lowercase", "article", "typo1", "typo2", "plain", "year", "prefix")
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    expected_id: int
    kind: str = "custom"


def read_csv(path: Path) -> list[Query]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        if rows.fieldnames is None or not {"query", "expected_id"} <= set(rows.fieldnames):
            raise SystemExit(f"{path}: expected the header query,expected_id")
        return [Query(row["query"], int(row["expected_id"])) for row in rows]


def _typo(rng: random.Random, text: str) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha() and i > 0]
    if not letters:
        return text
    i = rng.choice(letters)
    action = rng.choice(("swap", "drop", "insert", "replace"))
    if action == "swap" and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if action == "drop":
        return text[:i] + text[i + 1 :]
    if action == "insert":
        return text[:i] + rng.choice(KEYBOARD) + text[i:]
    return text[:i] + rng.choice(KEYBOARD) + text[i + 1 :]


def _plain(text: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() or c == " " else " " for c in stripped).split())


def _article(text: str) -> str:
    for article in ("The ", "A ", "An "):
        if text.startswith(article):
            rest = text[len(article) :]
            return rest if len(text) % 2 else f"{rest}, {article.strip()}"
    return text.lower()


def _prefix(rng: random.Random, title: str, existing: set[str]) -> str | None:
    """What someone has typed when autocomplete should already offer the film: at least 40 % of
    the title and 3 characters after any article, and not yet a complete other title."""
    low = max(3, -(-len(title) * 4 // 10))
    options = [title.lower()[:n] for n in range(low, len(title))]
    options = [p for p in options if len(title_key(p)) >= 3 and title_key(p) not in existing]
    return rng.choice(options) if options else None


def make(titles: list[Title], count: int, seed: int = 11) -> list[Query]:
    rng = random.Random(seed)
    keys = [title_key(t.title) for t in titles]
    shared = Counter(keys)
    existing = set(keys)
    top: dict[str, Title] = {}  # the most-voted film of each shared title
    for key, title in zip(keys, titles, strict=True):
        if shared[key] > 1 and (key not in top or title.votes > top[key].votes):
            top[key] = title
    same_film = Counter((key, t.year) for key, t in zip(keys, titles, strict=True))
    # Two films with the same title and year cannot be told apart by any query: never targets.
    weights = [
        0.0 if same_film[(k, t.year)] > 1 else (t.votes + 1) ** 0.5 for k, t in zip(keys, titles, strict=True)
    ]
    picks = rng.choices(range(len(titles)), weights=weights, k=count)
    queries = []
    for n, index in enumerate(picks):
        target, kind = titles[index], CLASSES[n % len(CLASSES)]
        text = target.title
        if kind == "lowercase":
            text = text.lower()
        elif kind == "article":
            text = _article(text)
        elif kind == "typo1":
            text = _typo(rng, text.lower())
        elif kind == "typo2":
            text = _typo(rng, _typo(rng, text.lower()))
        elif kind == "plain":
            text = _plain(text).lower()
        elif kind == "prefix":
            typed = _prefix(rng, text, existing)
            if typed is None:  # every prefix is a title of its own: type it whole
                text, kind = target.title.lower(), "lowercase"
            else:
                text = typed
        ambiguous = kind != "prefix" and shared[keys[index]] > 1 and top[keys[index]].id != target.id
        if (kind == "year" or ambiguous) and target.year:
            text = f"{text} ({target.year})" if rng.random() < 0.5 else f"{text} {target.year}"
        queries.append(Query(text, target.id, kind))
    return queries


def stratified(query_set: list[Query], count: int) -> tuple[list[Query], str]:
    """About `count` queries drawn across the whole set, and how they were drawn.

    With several classes, the first of each class in equal numbers; a file without classes
    (read_csv) is sampled evenly along its length, since it may be ordered by class.
    """
    kinds = sorted({q.kind for q in query_set})
    if count >= len(query_set):
        return query_set, ""
    if len(kinds) == 1:
        step = len(query_set) / count
        chosen = [query_set[int(n * step)] for n in range(count)]
        return chosen, f"subsample: every {step:.1f}th query ({count} of {len(query_set)})"
    per_class = max(1, count // len(kinds))
    taken: dict[str, int] = defaultdict(int)
    chosen = []
    for q in query_set:
        if taken[q.kind] < per_class:
            taken[q.kind] += 1
            chosen.append(q)
    how = f"subsample: the first {per_class} queries of each of the {len(kinds)} classes"
    return chosen, f"{how} ({len(chosen)} of {len(query_set)})"
