"""Interactive parts of replies: 'which film did you mean?' and review pages.

Only the person who ran the command can use them; they expire quietly after a few minutes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

import discord

from bot.app.embeds import to_embed
from bot.app.respond import send
from bot.core.replies import Option, Reply

VIEW_TIMEOUT_S = 180.0
Runner = Callable[[str], Awaitable[Reply]]  # runs a command again for a film reference
PageRenderer = Callable[[int], Awaitable[Reply]]


class InvokerOnlyView(discord.ui.View):
    def __init__(self, invoker_id: int) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)
        self.invoker_id = invoker_id
        self.message: discord.Message | None = None  # set by send() once the reply is out

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.invoker_id:
            return True
        await interaction.response.send_message(
            "Only the person who ran this command can use these controls.", ephemeral=True
        )
        return False

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item
    ) -> None:
        from bot.app.errors import report  # the one error handler, shared with the command tree

        await report(interaction, error)

    async def on_timeout(self) -> None:
        """Expire cleanly: take the controls off the message instead of leaving dead buttons."""
        if self.message is not None:
            # The message may be gone already; expiring quietly is the point.
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None)


class ChoiceView(InvokerOnlyView):
    """A select menu of candidate films; picking one answers the original command publicly."""

    def __init__(self, invoker_id: int, options: tuple[Option, ...], run: Runner) -> None:
        super().__init__(invoker_id)
        self.run = run
        select: discord.ui.Select = discord.ui.Select(
            placeholder="Pick the film you meant",
            options=[discord.SelectOption(label=o.label, value=o.value) for o in options],
        )
        select.callback = self._picked  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def _picked(self, interaction: discord.Interaction) -> None:
        self.stop()
        reply = await self.run(self.select.values[0])
        await send(interaction, reply)


class PagerView(InvokerOnlyView):
    """Previous/next buttons over a reply's pages."""

    def __init__(self, invoker_id: int, render: PageRenderer, pages: int) -> None:
        super().__init__(invoker_id)
        self.render, self.pages, self.page = render, pages, 0
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= self.pages - 1

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, self.pages - 1))
        self._sync_buttons()
        reply = await self.render(self.page)
        await interaction.response.edit_message(embed=to_embed(reply), view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)


class ConfirmView(InvokerOnlyView):
    """Confirm or cancel a destructive action. Only the invoker can press; pressing re-runs the
    action as the presser, so a permission removed in the meantime is noticed."""

    def __init__(
        self, invoker_id: int, label: str, action: Callable[[discord.Interaction], Awaitable[Reply]]
    ) -> None:
        super().__init__(invoker_id)
        self.action = action
        self.confirm.label = label[:80]

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.stop()
        reply = await self.action(interaction)
        await interaction.response.edit_message(embed=to_embed(reply), view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(
            content="Cancelled: nothing was changed.", embed=None, view=None
        )


class ReviewModal(discord.ui.Modal):
    """The long fields of a review snippet, typed in a form instead of command options."""

    def __init__(
        self, film_label: str, submit: Callable[[discord.Interaction, dict[str, str]], Awaitable[Reply]]
    ):
        super().__init__(title=f"Review of {film_label}"[:45], timeout=VIEW_TIMEOUT_S * 3)
        self.submit = submit
        self.inputs: dict[str, discord.ui.TextInput] = {
            "quote": discord.ui.TextInput(style=discord.TextStyle.paragraph, max_length=400),
            "source": discord.ui.TextInput(max_length=100, placeholder="The publication"),
            "author": discord.ui.TextInput(max_length=100, required=False),
            "verdict": discord.ui.TextInput(max_length=100, required=False),
            "url": discord.ui.TextInput(max_length=500, required=False, placeholder="https://…"),
        }
        labels = {
            "quote": "Quote",
            "source": "Source",
            "author": "Author",
            "verdict": "Verdict",
            "url": "Link",
        }
        for name, field in self.inputs.items():
            self.add_item(discord.ui.Label(text=labels[name], component=field))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        values = {name: field.value for name, field in self.inputs.items()}
        await send(interaction, await self.submit(interaction, values))

    # Modal's own signature (two arguments) differs from the base view's: discord.py's typing quirk.
    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        from bot.app.errors import report

        await report(interaction, error)
