"""Review pages: no review is dropped to fit Discord's 6,000-character embed limit, and every
page's footer counts exactly the reviews the pages show (issue 15)."""

from __future__ import annotations

import pytest

from bot.app.embeds import to_embed
from bot.core.film_replies import review_reply
from bot.core.models import Film, Review

FILM = Film(1, "T" * 200, 2000, synopsis="s" * 1500)


def long_review(n: int) -> Review:
    return Review(
        n, 1, quote=f"q{n} " + "w" * (200 + 97 * n % 1300), source="S" * (1 + 37 * n % 200),
        author="A" * (37 * n % 100) or None, verdict="v" * (53 * n % 300) or None,
        url="https://ok.example/" + "p" * (41 * n % 400),
    )  # fmt: skip


@pytest.mark.parametrize("count", [1, 7, 9, 30, 77])
def test_every_review_is_on_some_page_and_every_page_fits(count: int) -> None:
    reply = review_reply(FILM, [long_review(n) for n in range(count)])
    pages = [reply.turn(n) for n in range(max(len(reply.pages), 1))]
    shown = [field.name for page in pages for field in page.fields]
    assert len(shown) == count  # nothing dropped
    for page in pages:
        assert len(to_embed(page)) <= 6000
        assert page.footer is not None and page.footer.startswith(f"{count} review")
