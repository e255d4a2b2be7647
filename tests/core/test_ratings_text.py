"""Review text is cleaned when stored (how it is shown: tests/app/test_markdown_reviews.py)."""

from __future__ import annotations

import pytest

from bot.core.errors import InvalidInput
from bot.core.ratings import MAX_REVIEW
from bot.core.ratings_text import clean_review


def test_clean_review_keeps_the_words_and_drops_hidden_characters() -> None:
    assert clean_review(None) is None
    assert clean_review("  \n\t ") is None
    assert clean_review("Great\u202e film\u200b!\x07") == "Great film!"  # override, zero-width, bell
    assert clean_review("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"
    assert clean_review("a\n\n\n\n\nb   \n") == "a\n\nb"
    family = "👨\u200d👩\u200d👧"
    assert clean_review(f"loved it {family}") == f"loved it {family}"  # joiners stay
    assert clean_review("e\u0301") == "é"  # one normal form
    assert clean_review("x" * MAX_REVIEW) == "x" * MAX_REVIEW


def test_clean_review_refuses_long_text_saying_how_long() -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_review("x" * (MAX_REVIEW + 5))
    assert caught.value.message == "Your review is 1005 characters long; keep it to 1000. Nothing was saved."
