"""Rendering structured text as Discord markdown: nothing breaks out, cuts never split anything."""

from __future__ import annotations

import pytest

from bot.app.markdown import escape, render
from bot.core.limits import clip
from bot.core.rich import Span, link, rich, spoiler, strong, user

FAMILY = "👨‍👩‍👧"  # one grapheme of five code points


@pytest.mark.parametrize(
    "hostile",
    [
        "@everyone **Loud** <@123> <@&4> [x](https://evil.example)",
        "||not a spoiler|| `code` > quote # heading",
        "https://ok.example/>)[**FREE⠀NITRO**](https://evil.example/steal?",
    ],
)
def test_people_text_shows_literally(hostile: str) -> None:
    shown = render(rich(hostile), 4096)
    assert "@everyone" not in shown and "<@123>" not in shown and "<@&4>" not in shown
    assert "**" not in shown.replace("\\*\\*", "") and "](" not in shown.replace("\\]\\(", "")
    assert "||" not in shown.replace("\\|\\|", "")


def test_structure_is_marked_up() -> None:
    text = rich(strong("Verdict:"), " ok ", user(5), " ", link("Read", "https://ok.example/a)b>"))
    assert render(text, 200) == "**Verdict:** ok <@5> [Read](<https://ok.example/a%29b%3E>)"


@pytest.mark.parametrize("limit", range(3, 40))
def test_a_cut_never_splits_a_spoiler_an_escape_or_a_grapheme(limit: int) -> None:
    text = rich(spoiler(f"the twist ** is {FAMILY}{FAMILY} that é"), " after")
    shown = render(text, limit)
    assert len(shown) <= limit
    if shown.startswith("||"):
        assert shown.endswith("||") and shown.count("||") == 2
    body = shown.strip("|").removesuffix("…")
    assert not body.endswith("\\")  # no half escape
    assert "\u200d" not in body[-1:]  # never ends inside the family emoji
    assert FAMILY[:2] not in body.replace(FAMILY, "")


def test_clip_keeps_whole_graphemes() -> None:
    assert clip(f"ab{FAMILY}cd", 4) == "ab…"
    assert clip(f"ab{FAMILY}cd", 8) == f"ab{FAMILY}…"
    assert clip("e\u0301te\u0301", 3) == "e\u0301…"
    assert clip("e\u0301te\u0301", 2) == "…"  # half an é is never shown


def test_escape_keeps_spacing_between_spans() -> None:
    assert render(rich("Added ", strong("X"), " to it"), 100) == "Added **X** to it"
    assert escape("a  b\u202e") == "a b"
    assert render((Span("x", "plain"),), 0) == ""
