"""Every limit, declared once with its reason: Discord's, and the catalogue's own.

Validation (bot.core.curation), the YAML checker and dataset readers (bot.formats), the command
options and the database's CHECK constraints all use these values; tests/store/test_limits.py
asserts the migrations' CHECK numbers equal them, so they cannot drift apart.
"""

import regex

MAX_CHOICES = 25  # autocomplete: Discord rejects more than 25 choices
MAX_CHOICE_NAME = 100  # autocomplete: a choice name is 1..100 characters
MAX_BUTTON_LABEL = 80  # Discord rejects a button label longer than 80 characters
MAX_ACTIONS = 5  # command buttons on a reply: one action row (Discord: 5 buttons a row, 5 rows)
MAX_MODAL_TITLE = 45  # Discord rejects a modal title longer than 45 characters
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_EMBED_TOTAL = 6000  # sum of title, description, field names/values, footer and author
MAX_SELECT_OPTIONS = 25
MAX_SELECT_LABEL = 100
MAX_COMMAND_NAME = 32  # slash command and option names: 1..32 lowercase characters
MAX_OPTION_DESCRIPTION = 100  # command and option descriptions: 1..100 characters
MAX_BUTTON_LABEL = 80  # a button's label
MAX_MODAL_TITLE = 45  # a form's (modal's) title
MAX_MODAL_FIELDS = 5  # inputs in one form
MAX_QUERY = 200  # longest title we try to match; longer input is cut, never scored whole
ANSWER_BUDGET_S = 2.0  # answer within this, or defer: Discord drops interactions not answered in 3 s

# Films: the first public film screenings were in the 1870s-1890s (Muybridge's 1878 sequences are
# catalogued as films); 2100 leaves room for announced films while refusing typos like 20223.
MIN_YEAR, MAX_YEAR = 1870, 2100
MAX_VOTES = 10**10  # more votes than people on Earth is a typo
MAX_RUNTIME = 10_000  # minutes: the longest films run a few days; more is a typo
MAX_KEY = 80  # a film's file id ('zebra-crossing-2022'): readable, and short enough to show

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
    "review": 1000,  # a member's review: a paragraph or two, shown whole in one embed field page
    "mpaa_rating": 10,  # "PG-13", "NC-17": a few characters, anything longer is not a rating
    "facet": 100,  # a genre, country or language as a dataset spells it
}
MAX_TITLE = FIELD_LIMITS["title"]
DEFAULT_FIELD_LIMIT = 200  # a field not listed above


def clip(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters, marking the cut with an ellipsis. The cut falls
    between graphemes: an emoji, a flag or an accented letter is kept whole or left out."""
    if len(text) <= limit:
        return text
    return prefix(text, limit - 1).rstrip() + "…"


_GRAPHEME = regex.compile(r"\X")


def graphemes(text: str) -> list[str]:
    """What a person sees as characters: Unicode's extended grapheme clusters."""
    return list(_GRAPHEME.findall(text))


def prefix(text: str, limit: int) -> str:
    """The longest start of `text` of at most `limit` characters that ends between graphemes
    (Unicode's extended grapheme clusters: what a person sees as one character)."""
    end = 0
    for match in _GRAPHEME.finditer(text):
        if match.end() > limit:
            break
        end = match.end()
    return text[:end]
