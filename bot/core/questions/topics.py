"""Words that mark a question about something the catalogue does not hold."""

from __future__ import annotations

from bot.core.questions.model import Topic

# Unambiguous even inside a name: "is memento on netflix" is about streaming whatever the title.
STRONG = {
    ("netflix",): Topic.STREAMING,
    ("hulu",): Topic.STREAMING,
    ("streaming",): Topic.STREAMING,
    ("crunchyroll",): Topic.STREAMING,
    ("box", "office"): Topic.BOX_OFFICE,
    ("grossed",): Topic.BOX_OFFICE,
    ("showtimes",): Topic.SHOWTIMES,
    ("spoilers",): Topic.PLOT,
    ("synopsis",): Topic.PLOT,
    ("soundtrack",): Topic.MUSIC,
}
# Only when no phrasing matched: these words also occur in titles ("Family Plot", "Ending").
WEAK = STRONG | {
    ("plot",): Topic.PLOT,
    ("ending",): Topic.PLOT,
    ("spoiler",): Topic.PLOT,
    ("summary",): Topic.PLOT,
    ("stream",): Topic.STREAMING,
    ("budget",): Topic.BOX_OFFICE,
    ("gross",): Topic.BOX_OFFICE,
    ("tickets",): Topic.SHOWTIMES,
    ("cinemas",): Topic.SHOWTIMES,
    ("theaters",): Topic.SHOWTIMES,
    ("trailer",): Topic.TRAILER,
    ("trailers",): Topic.TRAILER,
    ("composer",): Topic.MUSIC,
    ("songs",): Topic.MUSIC,
    ("quotes",): Topic.QUOTES,
    ("born",): Topic.PERSONAL,
    ("married",): Topic.PERSONAL,
    ("birthday",): Topic.PERSONAL,
    ("filmed",): Topic.LOCATIONS,
    ("tv",): Topic.TV,
    ("episode",): Topic.TV,
    ("episodes",): Topic.TV,
    ("sitcom",): Topic.TV,
    ("series",): Topic.TV,
}

MESSAGES = {
    Topic.PLOT: "I don't hold plot summaries or endings, only the facts on a film's card.",
    Topic.BOX_OFFICE: "I don't hold box-office takings or budgets.",
    Topic.STREAMING: "I don't know where films are streaming or for rent.",
    Topic.SHOWTIMES: "I don't know cinema listings or showtimes.",
    Topic.TRAILER: "I don't hold trailers.",
    Topic.MUSIC: "I don't hold soundtracks or composers.",
    Topic.CHARACTERS: "I know who is in a film, but not which character each actor plays.",
    Topic.PERSONAL: "I only know people's films, not their birthdays, ages or private lives.",
    Topic.LOCATIONS: "I don't hold filming locations.",
    Topic.QUOTES: "I don't hold quotes from films.",
    Topic.TV: "I only know films, not TV series.",
    Topic.SUBJECT: "I can't find films by what happens in them (I hold no plots), only by genre, people, "
    "years, country and language: try /ask heist films from the 90s.",
}


def find(words: list[str], table: dict[tuple[str, ...], Topic]) -> Topic | None:
    """The first topic whose words occur, in order, in `words`."""
    for i in range(len(words)):
        for size in (2, 1):
            topic = table.get(tuple(words[i : i + size]))
            if topic is not None:
                return topic
    return None
