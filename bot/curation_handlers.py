"""Handlers for server curation (/catalogue): check permission, validate, write (the store keeps
the search index current itself).

Permission is checked on every call, whatever the front-end already hid: a member re-granted a
hidden command, or a stale confirmation button, gets a refusal and nothing changes.
"""

from __future__ import annotations

from bot.core.curation import (
    EDITABLE_FIELDS,
    clean_text,
    parse_cast,
    parse_credits,
    parse_genres,
    parse_names,
    parse_url,
    parse_year,
    require_curator,
    require_manager,
    slug,
)
from bot.core.errors import InvalidInput
from bot.core.limits import clip
from bot.core.models import Caller, Film, ImportReport, Review
from bot.core.ports.curation import CatalogueFiles, CurationWriter
from bot.core.replies import Attachment, Choice, Field, Reply, make_reply
from bot.core.text import escape
from bot.formats.yamlfile import MAX_BYTES, decode
from bot.handlers import Handlers

REVIEW_REF = "review:"


def done(text: str, fields: list[Field] | None = None) -> Reply:
    """A curation result: private to the admin, like every catalogue command's answer."""
    return make_reply(description=text, fields=fields or [], ephemeral=True)


def import_reply(name: str, report: ImportReport) -> Reply:
    """What importing a catalogue file changed (the operator's `filmbot import` shows it too)."""
    if report.empty:
        return done(f"{escape(name)}: nothing to change, this server already has all of it.")
    fields = []
    for title, items in (("Added", report.added), ("Changed", report.changed)):
        if items:
            shown = "\n".join(f"• {escape(item)}" for item in items[:15])
            more = f"\n…and {len(items) - 15} more" if len(items) > 15 else ""
            fields.append(Field(f"{title} ({len(items)})", shown + more))
    return done(f"Imported {escape(name)}.", fields)


class CurationHandlers:
    def __init__(self, store: CurationWriter, files: CatalogueFiles, films: Handlers) -> None:
        self.store = store
        self.files = files
        self.films = films  # film lookup is the same as for /review: one resolver

    async def _check(self, caller: Caller) -> None:
        require_curator(caller, await self.store.curator_roles(caller.guild_id))

    async def film_label(self, caller: Caller, film: str) -> str:
        """The label of the film `film` means here, after checking the caller may curate."""
        await self._check(caller)
        return (await self.films.film(caller, film)).label

    # -- films ---------------------------------------------------------------------------------

    async def add_film(
        self,
        caller: Caller,
        title: str,
        year: str | int | None = None,
        director: str | None = None,
        cast: str | None = None,
        genres: str | None = None,
        synopsis: str | None = None,
        release: str | None = None,
    ) -> Reply:
        await self._check(caller)
        name, when = clean_text(title, "title", required=True) or "", parse_year(year)
        draft = Film(
            id=0,
            title=name,
            year=when,
            credits=parse_credits(director, cast),
            genres=parse_genres(genres),
            synopsis=clean_text(synopsis, "synopsis"),
            release=clean_text(release, "release"),
            key=slug(name, when),
        )
        film = await self.store.add_film(caller.guild_id, caller.user_id, draft)
        return done(f"Added **{escape(film.label)}** to this server's catalogue.")

    async def edit_film(self, caller: Caller, film: str, field: str, value: str) -> Reply:
        await self._check(caller)
        target = await self.films.film(caller, film)
        parsed: object
        if field == "year":
            parsed = parse_year(value)
        elif field == "cast":
            parsed = parse_cast(value)
        elif field == "director":
            parsed = parse_names(value)
        elif field == "genres":
            parsed = parse_genres(value)
        elif field in EDITABLE_FIELDS:
            parsed = clean_text(value, field, required=field == "title")
        else:
            raise InvalidInput(f"{field!r} can't be edited; choose one of {', '.join(EDITABLE_FIELDS)}.")
        updated = await self.store.edit_film(caller.guild_id, caller.user_id, target.id, field, parsed)
        return done(f"Updated the {field} of **{escape(updated.label)}**.")

    async def remove_film(self, caller: Caller, film: str, confirmed: bool = False) -> Reply:
        await self._check(caller)
        target = await self.films.film(caller, film)
        await self.store.own_film(caller.guild_id, target.id)  # refuses shared films before asking
        reviews = await self.store.review_count(caller.guild_id, target.id)
        if reviews and not confirmed:
            return make_reply(
                description=f"**{escape(target.label)}** has {reviews} review{'s' if reviews != 1 else ''}. "
                "Remove the film and its reviews and links?",
                ephemeral=True,
                confirm=f"Remove {clip(target.label, 60)}",
            )
        removed = await self.store.remove_film(caller.guild_id, caller.user_id, target.id)
        return done(f"Removed **{escape(removed.label)}** from this server's catalogue.")

    # -- reviews, links, aliases ---------------------------------------------------------------

    async def add_review(
        self,
        caller: Caller,
        film: str,
        quote: str,
        source: str,
        author: str | None = None,
        verdict: str | None = None,
        url: str | None = None,
    ) -> Reply:
        await self._check(caller)
        target = await self.films.film(caller, film)
        review = Review(
            id=0,
            film_id=target.id,
            quote=clean_text(quote, "quote", required=True) or "",
            source=clean_text(source, "source", required=True) or "",
            author=clean_text(author, "author"),
            verdict=clean_text(verdict, "verdict"),
            url=parse_url(url),
        )
        await self.store.add_review(caller.guild_id, caller.user_id, target, review)
        return done(f"Added a review of **{escape(target.label)}** from {escape(review.source)}.")

    async def remove_review(self, caller: Caller, review: str) -> Reply:
        await self._check(caller)
        text = review.strip().removeprefix(REVIEW_REF)
        if not text.isdigit():
            raise InvalidInput("Pick the review from the list that appears as you type.")
        detail = await self.store.remove_review(caller.guild_id, caller.user_id, int(text))
        return done(escape(detail[0].upper() + detail[1:]) + ".")

    async def link(self, caller: Caller, film: str, other: str, reason: str) -> Reply:
        await self._check(caller)
        a, b = await self.films.film(caller, film), await self.films.film(caller, other)
        why = clean_text(reason, "reason", required=True) or ""
        await self.store.link(caller.guild_id, caller.user_id, a, b, why)
        return done(f"Linked **{escape(a.label)}** and **{escape(b.label)}**: {escape(why)}")

    async def unlink(self, caller: Caller, film: str, other: str) -> Reply:
        await self._check(caller)
        a, b = await self.films.film(caller, film), await self.films.film(caller, other)
        await self.store.unlink(caller.guild_id, caller.user_id, a, b)
        return done(f"Unlinked **{escape(a.label)}** and **{escape(b.label)}**.")

    async def add_alias(self, caller: Caller, film: str, alias: str) -> Reply:
        await self._check(caller)
        target = await self.films.film(caller, film)
        name = clean_text(alias, "alias", required=True) or ""
        await self.store.add_alias(caller.guild_id, caller.user_id, target, name)
        return done(f"**{escape(target.label)}** can now be found as “{escape(name)}”.")

    # -- files, history, curators --------------------------------------------------------------

    async def import_file(self, caller: Caller, data: bytes, name: str) -> Reply:
        await self._check(caller)
        if len(data) > MAX_BYTES:
            raise InvalidInput(f"{name} is larger than {MAX_BYTES // 1024} KiB; split it into smaller files.")
        report = await self.files.import_text(caller.guild_id, caller.user_id, decode(data, name), name)
        return import_reply(name, report)

    async def export(self, caller: Caller) -> Reply:
        await self._check(caller)
        text = await self.files.export_text(caller.guild_id)
        return make_reply(
            description="This server's additions, in the catalogue format. Import them back with "
            "`/catalogue import`.",
            ephemeral=True,
            attachment=Attachment(f"filmbot-catalogue-{caller.guild_id}.yaml", text.encode("utf-8")),
        )

    async def history(self, caller: Caller) -> Reply:
        await self._check(caller)
        entries = await self.store.history(caller.guild_id)
        if not entries:
            return done("No changes yet: this server's catalogue is the shared one.")
        lines = [
            f"`{e.at}` <@{e.user_id}> {escape(e.detail)}"
            if e.user_id
            else f"`{e.at}` operator: {escape(e.detail)}"
            for e in entries
        ]
        return make_reply(
            title="Catalogue changes, newest first", description="\n".join(lines), ephemeral=True
        )

    async def curators(self, caller: Caller, action: str, role_id: int | None) -> Reply:
        if action == "list":
            await self._check(caller)
            roles = await self.store.curator_roles(caller.guild_id)
            listed = ", ".join(f"<@&{role}>" for role in sorted(roles)) or "none (Manage Server only)"
            return done(f"Curator roles: {listed}")
        require_manager(caller)
        if role_id is None:
            raise InvalidInput("Pick the role to add or remove.")
        allowed = action == "add"
        changed = await self.store.set_curator_role(caller.guild_id, caller.user_id, role_id, allowed)
        if not changed:
            return done(f"<@&{role_id}> {'already was' if allowed else 'was not'} a curator role.")
        return done(
            f"<@&{role_id}> {'can now' if allowed else 'can no longer'} curate this server's catalogue."
        )

    # -- autocomplete --------------------------------------------------------------------------

    async def review_choices(self, caller: Caller, typed: str) -> list[Choice]:
        needle = typed.casefold().strip()
        found = []
        for review_id, title, quote in await self.store.own_reviews(caller.guild_id):
            name = f"{title} — “{quote}”"
            if needle in name.casefold():
                found.append(Choice(clip(name, 100), f"{REVIEW_REF}{review_id}"))
        return found[:25]
