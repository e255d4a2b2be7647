"""/catalogue: server curation. Hidden from members by default_permissions, and every handler
checks permission again at run time (admins can re-grant hidden commands to anyone)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Literal

import discord
from discord import app_commands

from bot.app.commands import caller, title_autocomplete
from bot.app.respond import answer
from bot.app.views import ConfirmView, ReviewModal
from bot.core.curation import EDITABLE_FIELDS
from bot.core.errors import InvalidInput
from bot.core.replies import Reply
from bot.curation_handlers import CurationHandlers
from bot.formats.yamlfile import MAX_BYTES
from bot.handlers import Handlers

Text = app_commands.Range[str, 1, 200]
Long = app_commands.Range[str, 1, 1000]
Year = app_commands.Range[int, 1870, 2100]
Release = app_commands.Range[str, 1, 300]
Quote = app_commands.Range[str, 1, 400]
Short = app_commands.Range[str, 1, 100]
Url = app_commands.Range[str, 1, 500]
Reason = app_commands.Range[str, 1, 400]
FILM = "The film: start typing and pick it from the list"


def catalogue_group(curation: CurationHandlers, handlers: Handlers) -> app_commands.Group:
    group = app_commands.Group(
        name="catalogue",
        description="Curate this server's film catalogue",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )
    complete_film = title_autocomplete(handlers)

    async def run(interaction: discord.Interaction, work: Awaitable[Reply]) -> None:
        await answer(interaction, work, private=True)

    @group.command(name="add-film")
    @app_commands.describe(
        title="The film's title",
        year="Year of release",
        director="Director",
        cast="Cast, separated by ';' with optional roles: 'Ann Lee as Sam; Joe Bloggs'",
        genres="Genres, separated by commas",
        synopsis="One or two sentences about the film",
        release="Where to watch or when it was released",
    )
    async def add_film(
        interaction: discord.Interaction,
        title: Text,
        year: Year | None = None,
        director: Text | None = None,
        cast: Long | None = None,
        genres: Text | None = None,
        synopsis: Long | None = None,
        release: Release | None = None,
    ) -> None:
        """Add a film to this server's catalogue."""
        who = caller(interaction)
        await run(interaction, curation.add_film(who, title, year, director, cast, genres, synopsis, release))

    @group.command(name="edit-film")
    @app_commands.describe(film=FILM, field="What to change", value="The new value")
    @app_commands.autocomplete(film=complete_film)
    @app_commands.choices(field=[app_commands.Choice(name=f, value=f) for f in EDITABLE_FIELDS])
    async def edit_film(interaction: discord.Interaction, film: Text, field: str, value: Long) -> None:
        """Change one field of a film this server added."""
        await run(interaction, curation.edit_film(caller(interaction), film, field, value))

    @group.command(name="remove-film")
    @app_commands.describe(film=FILM)
    @app_commands.autocomplete(film=complete_film)
    async def remove_film(interaction: discord.Interaction, film: Text) -> None:
        """Remove a film this server added (asks first when it has reviews)."""

        def confirm_view(reply: Reply) -> discord.ui.View | None:
            if not reply.confirm:
                return None

            # Pressing the button runs again as whoever pressed it, so permissions are re-checked.
            def again(pressed: discord.Interaction) -> Awaitable[Reply]:
                return curation.remove_film(caller(pressed), film, confirmed=True)

            return ConfirmView(interaction.user.id, reply.confirm, again)

        await answer(interaction, curation.remove_film(caller(interaction), film), confirm_view, private=True)

    @group.command(name="add-review")
    @app_commands.describe(
        film=FILM,
        quote="A short quote from the review (leave out to type it in a form)",
        source="The publication",
        author="Who wrote it",
        verdict="The verdict in a few words",
        url="A link to the full review (https://...)",
    )
    @app_commands.autocomplete(film=complete_film)
    async def add_review(
        interaction: discord.Interaction,
        film: Text,
        quote: Quote | None = None,
        source: Short | None = None,
        author: Short | None = None,
        verdict: Short | None = None,
        url: Url | None = None,
    ) -> None:
        """Add a review snippet to a film, for this server (without a quote, a form opens)."""
        if quote is None:
            # Long text is easier in a form; the form's answer goes through the same handler,
            # so permission is checked when it is submitted.
            label = (await curation.film_label(caller(interaction), film))[:35]

            async def submit(submitted: discord.Interaction, values: dict[str, str]) -> Reply:
                who = caller(submitted)
                return await curation.add_review(
                    who,
                    film,
                    values["quote"],
                    values["source"],
                    values["author"],
                    values["verdict"],
                    values["url"],
                )

            await interaction.response.send_modal(ReviewModal(label, submit))
            return
        if source is None:
            raise InvalidInput(
                "Add the review's source (the publication), or leave out the quote to use a form."
            )
        who = caller(interaction)
        await run(interaction, curation.add_review(who, film, quote, source, author, verdict, url))

    async def complete_review(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        found = await curation.review_choices(caller(interaction), current)
        return [app_commands.Choice(name=c.name, value=c.value) for c in found]

    @group.command(name="remove-review")
    @app_commands.describe(review="The review: start typing the film or quote and pick it")
    @app_commands.autocomplete(review=complete_review)
    async def remove_review(interaction: discord.Interaction, review: Text) -> None:
        """Remove a review snippet this server added."""
        await run(interaction, curation.remove_review(caller(interaction), review))

    @group.command(name="link")
    @app_commands.describe(
        film=FILM, other="The similar film", reason="Why someone who liked one would like the other"
    )
    @app_commands.autocomplete(film=complete_film, other=complete_film)
    async def link(
        interaction: discord.Interaction,
        film: Text,
        other: Text,
        reason: Reason,
    ) -> None:
        """Link two films as similar, with the reason."""
        await run(interaction, curation.link(caller(interaction), film, other, reason))

    @group.command(name="unlink")
    @app_commands.describe(film=FILM, other="The other film")
    @app_commands.autocomplete(film=complete_film, other=complete_film)
    async def unlink(interaction: discord.Interaction, film: Text, other: Text) -> None:
        """Remove a similar-film link this server added."""
        await run(interaction, curation.unlink(caller(interaction), film, other))

    @group.command(name="alias")
    @app_commands.describe(film=FILM, alias="Another name people search for")
    @app_commands.autocomplete(film=complete_film)
    async def alias(interaction: discord.Interaction, film: Text, alias: Text) -> None:
        """Add another name a film can be found by, for this server."""
        await run(interaction, curation.add_alias(caller(interaction), film, alias))

    @group.command(name="import")
    @app_commands.describe(file="A catalogue YAML file (the format of filmbot's data/ folder)")
    async def import_file(interaction: discord.Interaction, file: discord.Attachment) -> None:
        """Import films, reviews and links from a YAML file: all of it lands, or none of it."""
        if file.size > MAX_BYTES:  # checked before downloading anything
            raise InvalidInput(
                f"{file.filename} is larger than {MAX_BYTES // 1024} KiB; split it into smaller files."
            )

        async def work() -> Reply:
            return await curation.import_file(caller(interaction), await file.read(), file.filename)

        await run(interaction, work())

    @group.command(name="export")
    async def export(interaction: discord.Interaction) -> None:
        """Download this server's additions as a YAML file that imports back unchanged."""
        await run(interaction, curation.export(caller(interaction)))

    @group.command(name="history")
    async def history(interaction: discord.Interaction) -> None:
        """Show recent changes to this server's catalogue: who changed what, and when."""
        await run(interaction, curation.history(caller(interaction)))

    @group.command(name="curators")
    @app_commands.describe(action="Add or remove a curator role, or list them", role="The role")
    async def curators(
        interaction: discord.Interaction,
        action: Literal["add", "remove", "list"],
        role: discord.Role | None = None,
    ) -> None:
        """Let a role curate the catalogue, as well as members with Manage Server."""
        await run(interaction, curation.curators(caller(interaction), action, role.id if role else None))

    return group
