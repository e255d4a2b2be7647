"""Every command, declared once. Discord's slash commands, the terminal and /help are generated
from this table, so they cannot drift apart. Adding a command: one declaration here, one handler.
"""

from __future__ import annotations

from typing import Any

from bot.commands import ask, catalogue_admin, catalogue_edits, films, help
from bot.commands.spec import Access, Command, Form, FormField, Handler, Option, Source
from bot.core.curation import EDITABLE_FIELDS
from bot.core.limits import FIELD_LIMITS, MAX_QUERY, MAX_YEAR, MIN_YEAR
from bot.core.questions.text import MAX_QUESTION_CHARS

FILM_HELP = "The film: start typing and pick it from the list"


def _film(name: str = "film", description: str = FILM_HELP) -> Option:
    return Option(name, description, max_length=MAX_QUERY, autocomplete="films")


def _text(name: str, description: str, *, required: bool = True, limit: str | None = None) -> Option:
    return Option(name, description, required=required, max_length=FIELD_LIMITS[limit or name])


PAGE = Option("page", "Which page to show", "integer", required=False, min_value=0, hidden=True)

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
        (_film("title"), PAGE),
        examples=("/similar Memento",),
    ),
    Command(
        "ask",
        "Ask about films in plain words: who directed memento, 80s horror films, films like alien.",
        ask.ask,
        (Option("question", "Your question, in plain words", max_length=MAX_QUESTION_CHARS),),
        examples=("/ask who directed memento", "/ask french comedies from the 2000s"),
    ),
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
            _text("director", "Director", required=False),
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
                "The review: start typing the film or quote and pick it",
                max_length=200,
                autocomplete="reviews",
            ),
        ),
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

COMMANDS: tuple[Command, ...] = FILM_COMMANDS + CATALOGUE_COMMANDS

GROUPS = {"catalogue": "Curate this server's film catalogue"}

SOURCES: dict[str, Source] = {
    "films": films.film_choices,
    "reviews": catalogue_edits.review_choices,
}
