"""Review text: cleaned when stored, shown literally, cut without breaking anything."""

from __future__ import annotations

import random
import re

import pytest

from bot.core.errors import InvalidInput
from bot.core.ratings import MAX_REVIEW
from bot.core.ratings_text import ELLIPSIS, clean_review, clip, graphemes, review_markdown


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


def test_review_never_pings_and_never_links() -> None:
    text = "@everyone see <@123> and <@&456>, [free nitro](https://evil.example/x) or https://ok.example"
    shown = review_markdown(text, 1000)
    assert "@everyone" not in shown and "<@123>" not in shown and "<@&456>" not in shown
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", shown)  # no masked link: brackets escaped
    assert not re.search(r"https?://", shown)  # no scheme Discord would turn into a link
    assert "evil.example/x" in shown and "ok.example" in shown  # still readable as text
    assert "\u200b" in shown


def test_review_markup_is_shown_literally_and_lines_kept() -> None:
    shown = review_markdown("# Big\n**bold** ```code``` > quote ||no||", 1000)
    assert shown.split("\n")[0] == "\\# Big"
    assert "\\*\\*bold\\*\\*" in shown and "\\`\\`\\`" in shown and "\\|\\|no\\|\\|" in shown


def test_spoiler_wraps_the_text_once() -> None:
    shown = review_markdown("the twist || is here", 100, spoiler=True)
    assert shown == "||the twist \\|\\| is here||"


# Pieces chosen to land cuts on every hard spot: escapes, spoiler bars, multi-code-point graphemes.
PIECES = [
    "a",
    " ",
    "|",
    "||",
    "\\",
    "*",
    "é",
    "e\u0301",
    "👨\u200d👩\u200d👧",
    "🇫🇷",
    "👍🏽",
    "\n",
    "<@1>",
    "http://x",
]


def unescaped_bars(inner: str) -> list[int]:
    """Positions of '|' that Discord would read as markup (not preceded by an escaping backslash)."""
    found, i = [], 0
    while i < len(inner):
        if inner[i] == "\\":
            i += 2
            continue
        if inner[i] == "|":
            found.append(i)
        i += 1
    return found


@pytest.mark.parametrize("seed", range(40))
def test_cutting_never_breaks_a_spoiler_an_escape_or_a_grapheme(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(20, 200)))
    full = review_markdown(text, 100_000)
    for limit in range(8, len(full) + 8, 3):
        shown = review_markdown(text, limit, spoiler=True)
        assert len(shown) <= limit
        assert shown.startswith("||") and shown.endswith("||")
        inner = shown[2:-2]
        assert unescaped_bars(inner) == []
        head = inner.removesuffix(ELLIPSIS)
        trailing = len(head) - len(head.rstrip("\\"))
        assert trailing % 2 == 0, "half an escape: a stray backslash, or an escaped ellipsis or mark"
        assert full.startswith(head)
        assert graphemes(head) == graphemes(full)[: len(graphemes(head))]
        assert (inner == full) or inner.endswith(ELLIPSIS)


def test_clip_at_grapheme_boundaries() -> None:
    family = "👨\u200d👩\u200d👧"  # five code points, one grapheme
    assert clip("ab" + family + "cd", 6) == "ab…"
    assert clip("ab" + family + "cd", 8) == "ab" + family + "…"
    assert clip("abc", 3) == "abc"
    assert clip("abcd", 1) == "…"
    assert clip("ab\\|cd", 4) == "ab…"  # never 'ab\…'
