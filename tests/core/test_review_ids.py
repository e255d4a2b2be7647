"""Review ids as curators see them (bot.core.review_ids)."""

from __future__ import annotations

import pytest

from bot.core.review_ids import parse_review_id, review_choices, review_label


@pytest.mark.parametrize(
    ("text", "expected"),
    [("review:12", 12), ("#12", 12), (" 12 ", 12), ("review:#7", 7), ("12a", None), ("", None),
     ("#", None), ("١٢", None), ("1" * 19, None), ("Memento", None)],
)  # fmt: skip
def test_parse_review_id(text: str, expected: int | None) -> None:
    assert parse_review_id(text) == expected


def test_a_label_carries_the_id_critic_film_and_quote_within_100_characters() -> None:
    assert (
        review_label(12, "Roger Ebert", "A  great\nfilm", "Heat")
        == "#12 — Roger Ebert on Heat: “A great film”"
    )
    long = review_label(123456, "C" * 100, "Q" * 300, "T" * 200)
    assert len(long) == 100 and long.startswith("#123456 — ") and long.endswith("…")


def test_choices_match_id_film_critic_or_words_and_stop_at_25() -> None:
    own = [(n, "Heat" if n % 2 else "Memento", "Zine", f"quote {n}") for n in range(40, 0, -1)]
    assert len(review_choices(own, "")) == 25
    assert [c.value for c in review_choices(own, "#7 ")] == ["review:7"]
    assert {c.value for c in review_choices(own, "memento quote 1")} == {
        f"review:{n}" for n in (10, 12, 14, 16, 18)
    }
    assert review_choices(own, "zine")[0].name == "#40 — Zine on Memento: “quote 40”"
