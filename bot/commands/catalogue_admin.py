"""/catalogue commands about the whole catalogue: import, export, history, curator roles."""

from __future__ import annotations

import asyncio

from bot.commands.context import Context
from bot.commands.spec import Upload
from bot.core.curation import require_manager
from bot.core.errors import InvalidInput
from bot.core.models import ImportReport
from bot.core.replies import Attachment, Field, Reply, done, make_reply
from bot.core.rich import code, join, rich, user
from bot.core.rich import role as role_ref
from bot.formats.yamlfile import MAX_BYTES, decode

SHOWN_CHANGES = 15  # changes listed per kind in an import summary


async def import_file(ctx: Context, file: Upload) -> Reply:
    """Import films, reviews and links from a YAML file: all of it lands, or none of it."""
    if file.size > MAX_BYTES:  # checked before reading anything
        raise InvalidInput(
            f"{file.name} is larger than {MAX_BYTES // 1024} KiB; split it into smaller files."
        )
    data = await file.read()
    text = await asyncio.to_thread(decode, data, file.name)
    report = await ctx.deps.files.import_text(ctx.caller.guild_id, ctx.caller.user_id, text, file.name)
    return import_reply(file.name, report)


def import_reply(name: str, report: ImportReport) -> Reply:
    """What importing a catalogue file changed (the operator's `filmbot import` shows it too)."""
    if report.empty:
        return done(f"{name}: nothing to change, this server already has all of it.")
    fields = []
    for title, items in (("Added", report.added), ("Changed", report.changed)):
        if items:
            shown = [f"• {item}" for item in items[:SHOWN_CHANGES]]
            if len(items) > SHOWN_CHANGES:
                shown.append(f"…and {len(items) - SHOWN_CHANGES} more")
            fields.append(Field(f"{title} ({len(items)})", join(shown)))
    return done(f"Imported {name}.", fields)


async def export(ctx: Context) -> Reply:
    """Download this server's additions as a YAML file that imports back unchanged."""
    text = await ctx.deps.files.export_text(ctx.caller.guild_id)
    data = await asyncio.to_thread(text.encode, "utf-8")
    return make_reply(
        description=rich(
            "This server's additions, in the catalogue format. Import them back with ",
            code("/catalogue import"),
            ".",
        ),
        ephemeral=True,
        attachment=Attachment(f"filmbot-catalogue-{ctx.caller.guild_id}.yaml", data),
    )


async def history(ctx: Context) -> Reply:
    """Show recent changes to this server's catalogue: who changed what, and when."""
    entries = await ctx.deps.curation.history(ctx.caller.guild_id)
    if not entries:
        return done("No changes yet: this server's catalogue is the shared one.")
    lines = [
        rich(code(e.at), " ", user(e.user_id) if e.user_id else "operator:", " ", e.detail) for e in entries
    ]
    return make_reply(title="Catalogue changes, newest first", description=join(lines), ephemeral=True)


async def curators(ctx: Context, action: str = "list", role: int | None = None) -> Reply:
    """Let a role curate the catalogue, as well as members with Manage Server."""
    store, guild = ctx.deps.curation, ctx.caller.guild_id
    if action == "list":
        roles = sorted(await store.curator_roles(guild))
        listed = join((role_ref(r) for r in roles), ", ") if roles else rich("none (Manage Server only)")
        return done(rich("Curator roles: ", listed))
    require_manager(ctx.caller)  # curators cannot appoint curators
    if role is None:
        raise InvalidInput("Pick the role to add or remove.")
    allowed = action == "add"
    changed = await store.set_curator_role(guild, ctx.caller.user_id, role, allowed)
    if not changed:
        return done(
            rich(role_ref(role), " already was a curator role." if allowed else " was not a curator role.")
        )
    verb = " can now" if allowed else " can no longer"
    return done(rich(role_ref(role), verb, " curate this server's catalogue."))
