"""Limits Discord imposes, in one place, so every reply respects them by construction."""

MAX_CHOICES = 25  # autocomplete: Discord rejects more than 25 choices
MAX_CHOICE_NAME = 100  # autocomplete: a choice name is 1..100 characters
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_EMBED_TOTAL = 6000  # sum of title, description, field names/values, footer and author
MAX_SELECT_OPTIONS = 25
MAX_SELECT_LABEL = 100
MAX_QUERY = 200  # longest title we try to match; longer input is cut, never scored whole
ANSWER_BUDGET_S = 2.0  # answer within this, or defer: Discord drops interactions not answered in 3 s

FIELD_LIMITS = {  # longest accepted text per catalogue field; replies are sized from these
    "title": 200,
    "director": 200,
    "name": 200,
    "role": 200,
    "genre": 40,
    "synopsis": 1000,
    "release": 300,
    "alias": 200,
    "quote": 400,
    "source": 100,
    "author": 100,
    "verdict": 100,
    "reason": 400,
    "url": 500,
}


def clip(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"
