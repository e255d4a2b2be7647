"""Members' reviews as Discord shows them: literal, no pings, no links, spoilers that hold, and cuts
that never break a spoiler mark, an escape or a grapheme."""

from __future__ import annotations

import random
import re

import pytest

from bot.app.markdown import render
from bot.core.limits import clip, graphemes
from bot.core.rich import rich, spoiler

ELLIPSIS = "…"


def test_review_never_pings_and_never_links() -> None:
    text = "@everyone see <@123> and <@&456>, [free nitro](https://evil.example/x) or https://ok.example"
    shown = render(rich(text), 1000)
    assert "@everyone" not in shown and "<@123>" not in shown and "<@&456>" not in shown
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", shown)  # no masked link: brackets escaped
    assert not re.search(r"https?://", shown)  # no scheme Discord would turn into a link
    assert "evil.example/x" in shown and "ok.example" in shown  # still readable as text


def test_review_markup_is_shown_literally_and_lines_kept() -> None:
    shown = render(rich("# Big\n**bold** ```code``` > quote ||no||"), 1000)
    assert shown.split("\n")[0] == "\\# Big"
    assert "\\*\\*bold\\*\\*" in shown and "\\`\\`\\`" in shown and "\\|\\|no\\|\\|" in shown


def test_spoiler_wraps_the_text_once() -> None:
    assert render(rich(spoiler("the twist || is here")), 100) == "||the twist \\|\\| is here||"


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


@pytest.mark.parametrize("seed", range(30))
def test_cutting_never_breaks_a_spoiler_an_escape_or_a_grapheme(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(20, 200)))
    full = render(rich(spoiler(text)), 100_000)[2:-2].replace("\u200b", "")
    for limit in range(8, len(full) + 8, 3):
        shown = render(rich(spoiler(text)), limit)
        assert len(shown) <= limit
        assert shown.startswith("||") and shown.endswith("||")
        inner = shown[2:-2]
        assert unescaped_bars(inner) == []
        head = inner.removesuffix(ELLIPSIS).replace("\u200b", "")  # a cut link needs no defusing
        trailing = len(head) - len(head.rstrip("\\"))
        assert trailing % 2 == 0, "half an escape: a stray backslash, or an escaped ellipsis or mark"
        assert full.startswith(head)
        assert graphemes(head) == graphemes(full)[: len(graphemes(head))]
        assert inner.replace("\u200b", "") == full or inner.endswith(ELLIPSIS)


def test_clip_at_grapheme_boundaries() -> None:
    family = "👨\u200d👩\u200d👧"  # five code points, one grapheme
    assert clip("ab" + family + "cd", 6) == "ab…"
    assert clip("ab" + family + "cd", 8) == "ab" + family + "…"
    assert clip("abc", 3) == "abc"
    assert clip("🇫🇷🇫🇷", 3) == "🇫🇷…"
