"""Every command, declared once. Discord's slash commands, the terminal and /help are generated
from this table, so they cannot drift apart. Adding a command: one declaration here, one handler.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.commands import ask, catalogue_admin, catalogue_edits, films, help, info, ratings, ratings_admin
from bot.commands.spec import Access, Command, Form, FormField, Handler, Option, Source
from bot.core.curation import EDITABLE_FIELDS
from bot.core.discovery import Order
from bot.core.limits import FIELD_LIMITS, MAX_QUERY, MAX_YEAR, MIN_YEAR
from bot.core.questions.text import MAX_QUESTION_CHARS
from bot.core.ratings import MAX_MIN_RATINGS

FILM_HELP = "The film: start typing and pick it from the list"


def _film(name: str = "film", description: str = FILM_HELP) -> Option:
    return Option(name, description, max_length=MAX_QUERY, autocomplete="films")


def _text(name: str, description: str, *, required: bool = True, limit: str | None = None) -> Option:
    return Option(name, description, required=required, max_length=FIELD_LIMITS[limit or name])


GENRE = Option("genre", "A genre: pick from the list", required=False, max_length=100, autocomplete="genres")
YEARS = Option("years", "A year, a range or a decade: 1994, 1990-1999, 1990s", required=False, max_length=20)
DISCOVERY = (
    GENRE,
    Option(
        "person",
        "Someone who directed, wrote or acted",
        required=False,
        max_length=MAX_QUERY,
        autocomplete="people",
    ),
    YEARS,
    Option("country", "A country of production", required=False, max_length=100, autocomplete="countries"),
    Option("language", "A language spoken", required=False, max_length=100, autocomplete="languages"),
)

PAGE = Option("page", "Which page to show (1 is the first)", "integer", required=False, min_value=1)

FILM_COMMANDS = (
    Command(
        "review",
        "Review snippets for a film: short quotes with their source and author.",
        films.review,
        (_film("title"), PAGE),
        examples=("/review backtrace",),
    ),
    Command(
        "similar",
        "If you liked this film: similar films, each with the reason it is suggested.",
        films.similar,
        (
            _film("title"),
            replace(GENRE, description="Only films of this genre: pick from the list"),
            replace(YEARS, description="Only films from these years: 1994, 1990-1999, 1990s"),
            PAGE,
        ),
        examples=("/similar Memento", "/similar Alien years:2000s", "/similar Heat genre:Comedy"),
    ),
    Command(
        "ask",
        "Ask about films in plain words: who directed memento, 80s horror films, films like alien.",
        ask.ask,
        (Option("question", "Your question, in plain words", max_length=MAX_QUESTION_CHARS),),
        examples=("/ask who directed memento", "/ask french comedies from the 2000s"),
    ),
    Command(
        "film",
        "A film's card: director, writers, cast, genres, runtime, country, release, critics, Oscars.",
        info.film,
        (_film("title"),),
        examples=("/film heat 1995",),
    ),
    Command(
        "person",
        "Who someone is in the catalogue: the films they directed, wrote and acted in.",
        info.person,
        (
            Option(
                "name",
                "The person: start typing and pick them from the list",
                max_length=MAX_QUERY,
                autocomplete="people",
            ),
            PAGE,
        ),
        examples=("/person christopher nolan",),
    ),
    Command(
        "films",
        "Discover films by genre, person, years, country and language.",
        info.films,
        (
            *DISCOVERY,
            Option("order", "Which first", required=False, choices=tuple(o.value for o in Order)),
            PAGE,
        ),
        examples=("/films genre:horror years:1980s", "/films person:nolan order:newest"),
    ),
    Command(
        "pick",
        "One film at random for movie night, with the same filters as /films.",
        info.pick,
        DISCOVERY,
        examples=("/pick genre:comedy years:1990s",),
    ),
    Command("about", "Where filmbot's film data comes from, and its licence.", info.about),
    Command("help", "What filmbot can do, and how to ask.", help.help_reply),
)


def curation(
    name: str, description: str, handler: Handler, options: tuple[Option, ...] = (), **more: Any
) -> Command:
    """A /catalogue subcommand: inside a server, curators only, answered privately."""
    return Command(
        name,
        description,
        handler,
        options,
        Access.CURATOR,
        guild_only=True,
        group="catalogue",
        private=True,
        **more,
    )


CATALOGUE_COMMANDS = (
    curation(
        "add-film",
        "Add a film to this server's catalogue.",
        catalogue_edits.add_film,
        (
            _text("title", "The film's title"),
            Option(
                "year", "Year of release", "integer", required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
            ),
            _text("director", "Director; several separated by ';'", required=False),
            _text("writers", "Writers, separated by ';'", required=False, limit="director"),
            Option(
                "cast",
                "Cast, separated by ';' with optional roles: 'Ann Lee as Sam; Joe Bloggs'",
                required=False,
                max_length=FIELD_LIMITS["synopsis"],
            ),
            _text("genres", "Genres, separated by commas", required=False, limit="title"),
            _text("synopsis", "One or two sentences about the film", required=False),
            _text("release", "Where to watch or when it was released", required=False),
        ),
    ),
    curation(
        "edit-film",
        "Change one field of a film this server added.",
        catalogue_edits.edit_film,
        (
            _film(),
            Option("field", "What to change", choices=EDITABLE_FIELDS),
            Option("value", "The new value", max_length=FIELD_LIMITS["synopsis"]),
        ),
    ),
    curation(
        "remove-film",
        "Remove a film this server added (asks first when it has reviews).",
        catalogue_edits.remove_film,
        (
            _film(),
            Option("confirm", "The film the confirmation showed", "integer", required=False, hidden=True),
        ),
    ),
    curation(
        "add-review",
        "Add a review snippet to a film, for this server (without a quote, a form opens).",
        catalogue_edits.add_review,
        (
            _film(),
            _text("quote", "A short quote from the review (leave out to type it in a form)", required=False),
            _text("source", "The publication", required=False),
            _text("author", "Who wrote it", required=False),
            _text("verdict", "The verdict in a few words", required=False),
            _text("url", "A link to the full review (https://...)", required=False),
        ),
        form=Form(
            "Review snippet",
            "quote",
            (
                FormField("quote", "Quote", FIELD_LIMITS["quote"], long=True),
                FormField("source", "Source", FIELD_LIMITS["source"], placeholder="The publication"),
                FormField("author", "Author", FIELD_LIMITS["author"], required=False),
                FormField("verdict", "Verdict", FIELD_LIMITS["verdict"], required=False),
                FormField("url", "Link", FIELD_LIMITS["url"], required=False, placeholder="https://…"),
            ),
        ),
    ),
    curation(
        "remove-review",
        "Remove a review snippet this server added.",
        catalogue_edits.remove_review,
        (
            Option(
                "review",
                "The review: type its film, critic, words or id (#12) and pick it",
                max_length=200,
                autocomplete="reviews",
            ),
        ),
    ),
    curation(
        "reviews",
        "A film's review snippets with their ids, to remove one.",
        catalogue_edits.reviews,
        (_film(), PAGE),
        examples=("/catalogue reviews memento",),
    ),
    curation(
        "link",
        "Link two films as similar, with the reason.",
        catalogue_edits.link,
        (
            _film(),
            _film("other", "The similar film"),
            _text("reason", "Why someone who liked one would like the other"),
        ),
    ),
    curation(
        "unlink",
        "Remove a similar-film link this server added.",
        catalogue_edits.unlink,
        (_film(), _film("other", "The other film")),
    ),
    curation(
        "alias",
        "Add another name a film can be found by, for this server.",
        catalogue_edits.add_alias,
        (_film(), _text("alias", "Another name people search for")),
    ),
    curation(
        "import",
        "Import films, reviews and links from a YAML file: all of it lands, or none of it.",
        catalogue_admin.import_file,
        (Option("file", "A catalogue YAML file (the format of filmbot's data/ folder)", "file"),),
        slow=True,
    ),
    curation(
        "export",
        "Download this server's additions as a YAML file that imports back unchanged.",
        catalogue_admin.export,
        slow=True,
    ),
    curation(
        "history",
        "Show recent changes to this server's catalogue: who changed what, and when.",
        catalogue_admin.history,
    ),
    curation(
        "curators",
        "Let a role curate the catalogue, as well as members with Manage Server.",
        catalogue_admin.curators,
        (
            Option("action", "Add or remove a curator role, or list them", choices=("add", "remove", "list")),
            Option("role", "The role", "role", required=False),
        ),
    ),
)

STARS = Option(
    "stars",
    "0.5 to 5 stars in half steps: 4.5, 4,5 or ★★★★½ (leave out to rate in a form)",
    required=False,
    max_length=12,
)


def member(
    name: str, description: str, handler: Handler, options: tuple[Option, ...] = (), **more: Any
) -> Command:
    """A command about a member's own ratings: inside a server, answered privately."""
    return Command(name, description, handler, options, guild_only=True, private=True, **more)


RATING_COMMANDS = (
    member(
        "rate",
        "Rate a film from 0.5 to 5 stars, with a short review if you like.",
        ratings.rate,
        (
            _film("title"),
            STARS,
            _text("review", "A short review (up to 1,000 characters)", required=False),
            Option(
                "spoiler",
                "Does the review give away the plot? It is then hidden behind a warning",
                "boolean",
                required=False,
            ),
        ),
        form=Form(
            "Rate a film",
            "stars",
            (
                FormField("stars", "Stars (0.5 to 5)", 12, placeholder="4.5"),
                FormField("review", "Review", FIELD_LIMITS["review"], long=True, required=False),
                FormField("spoiler", "Contains spoilers", 5, required=False, checkbox=True),
            ),
        ),
        examples=("/rate Memento 4.5", "/rate Heat ★★★★½ review:Still the best shoot-out"),
    ),
    member("unrate", "Remove your rating and review of a film.", ratings.unrate, (_film("title"),)),
    member(
        "my-ratings",
        "Your ratings and reviews in this server (only you see them).",
        ratings.my_ratings,
        (PAGE,),
    ),
    Command(
        "my-data",
        "Everything filmbot holds about you, as a file only you see.",
        ratings.my_data,
        private=True,
    ),
    Command(
        "forget-me",
        "Delete every rating and review you wrote, in every server (asks first).",
        ratings.forget_me,
        (Option("confirm", "Confirmed", "integer", required=False, hidden=True),),
        private=True,
    ),
    Command(
        "top",
        "This server's best-rated films, of one genre or decade if you like.",
        ratings.top,
        (
            Option(
                "genre", "A genre, like crime or thriller", required=False, max_length=FIELD_LIMITS["genre"]
            ),
            Option("decade", "A decade, like 1990s or 90s", required=False, max_length=6),
            PAGE,
        ),
        guild_only=True,
        examples=("/top", "/top crime 1990s"),
    ),
)

MEMBER_REVIEW = Option(
    "review",
    "The review: start typing its film or words and pick it",
    max_length=100,
    autocomplete="member_reviews",
)

RATING_CURATION = (
    curation(
        "hide-review",
        "Hide a member's review, with the reason its author will see.",
        ratings_admin.hide_review,
        (MEMBER_REVIEW, _text("reason", "Why it is hidden (its author sees this)")),
    ),
    curation(
        "restore-review",
        "Show a hidden member's review again.",
        ratings_admin.restore_review,
        (MEMBER_REVIEW,),
    ),
    curation(
        "delete-rating",
        "Delete a member's rating and its review outright.",
        ratings_admin.delete_rating,
        (MEMBER_REVIEW,),
    ),
    curation(
        "ratings",
        "Set how many ratings /top needs, and whether writing a review needs a role.",
        ratings_admin.ratings_settings,
        (
            Option(
                "min_ratings",
                "Fewest ratings a film needs for /top",
                "integer",
                required=False,
                min_value=1,
                max_value=MAX_MIN_RATINGS,
            ),
            Option("review_role", "Only members with this role may write reviews", "role", required=False),
            Option("anyone_reviews", "Let any member write reviews again", "boolean", required=False),
        ),
    ),
)

COMMANDS: tuple[Command, ...] = FILM_COMMANDS + RATING_COMMANDS + CATALOGUE_COMMANDS + RATING_CURATION

GROUPS = {"catalogue": "Curate this server's film catalogue"}

SOURCES: dict[str, Source] = {
    "films": films.film_choices,
    "people": info.people_choices,
    "genres": info.genre_choices,
    "countries": info.country_choices,
    "languages": info.language_choices,
    "reviews": catalogue_edits.review_choices,
    "member_reviews": ratings_admin.member_review_choices,
}
