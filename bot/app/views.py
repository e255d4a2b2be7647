"""Interactive parts of replies: "which film did you mean?", pages, confirmations and forms.

Only the person who ran the command can use them; they expire quietly after a few minutes. What
pressing does is passed in by bot/app/dispatch.py (a continuation of the same command), so this
module knows nothing about commands.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import discord

from bot.app.embeds import to_embed
from bot.app.errors import report
from bot.commands.spec import Form
from bot.core.limits import MAX_ACTIONS, MAX_BUTTON_LABEL, MAX_SELECT_LABEL
from bot.core.replies import Action, Continuation, Option, Reply

VIEW_TIMEOUT_S = 180.0
Picked = Callable[[discord.Interaction, str], Awaitable[None]]
Pressed = Callable[[discord.Interaction], Awaitable[Reply]]
Submitted = Callable[[discord.Interaction, dict[str, str]], Awaitable[None]]
Run = Callable[[discord.Interaction, Continuation], Awaitable[None]]


class InvokerOnlyView(discord.ui.View):
    def __init__(self, invoker_id: int) -> None:
        super().__init__(timeout=VIEW_TIMEOUT_S)
        self.invoker_id = invoker_id
        self.message: discord.Message | None = None  # set by respond.send once the reply is out

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.invoker_id:
            return True
        await interaction.response.send_message(
            "Only the person who ran this command can use these controls.", ephemeral=True
        )
        return False

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await report(interaction, error)

    async def on_timeout(self) -> None:
        """Expire cleanly: take the controls off the message instead of leaving dead buttons."""
        if self.message is not None:
            # The message may be gone already; expiring quietly is the point.
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None)


class ChoiceView(InvokerOnlyView):
    """A select menu of candidate films; picking one continues the command that asked."""

    def __init__(self, invoker_id: int, options: tuple[Option, ...], picked: Picked) -> None:
        super().__init__(invoker_id)
        self.picked = picked
        select: discord.ui.Select[ChoiceView] = discord.ui.Select(
            placeholder="Pick the film you meant",
            options=[discord.SelectOption(label=o.label[:MAX_SELECT_LABEL], value=o.value) for o in options],
        )
        select.callback = self._picked  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def _picked(self, interaction: discord.Interaction) -> None:
        self.stop()
        await self.picked(interaction, self.select.values[0])


class PagerView(InvokerOnlyView):
    """Previous/next buttons over a reply's pages (already built: turning a page runs nothing)."""

    def __init__(self, invoker_id: int, reply: Reply) -> None:
        super().__init__(invoker_id)
        self.reply = reply
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.reply.page == 0
        self.next.disabled = self.reply.page >= len(self.reply.pages) - 1

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.reply = self.reply.turn(page)
        self._sync_buttons()
        await interaction.response.edit_message(embed=to_embed(self.reply), view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await self._show(interaction, self.reply.page - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await self._show(interaction, self.reply.page + 1)


class ActionView(InvokerOnlyView):
    """Buttons running another command on the reply's record (a film card's reviews and similar
    films); each press answers with a new message, and the card keeps its buttons."""

    def __init__(self, invoker_id: int, actions: tuple[Action, ...], run: Run) -> None:
        super().__init__(invoker_id)
        for action in actions[:MAX_ACTIONS]:
            button: discord.ui.Button[ActionView] = discord.ui.Button(
                label=action.label[:MAX_BUTTON_LABEL], style=discord.ButtonStyle.secondary
            )
            button.callback = self._runner(action.then, run)  # type: ignore[method-assign, assignment]
            self.add_item(button)

    @staticmethod
    def _runner(then: Continuation, run: Run) -> Callable[[discord.Interaction], Coroutine[Any, Any, None]]:
        async def pressed(interaction: discord.Interaction) -> None:
            await run(interaction, then)

        return pressed


class ConfirmView(InvokerOnlyView):
    """Confirm or cancel a destructive action. Pressing runs the continuation as the presser, so
    a permission removed in the meantime is noticed; the buttons go away after the first press."""

    def __init__(self, invoker_id: int, label: str, pressed: Pressed) -> None:
        super().__init__(invoker_id)
        self.pressed = pressed
        self.confirm.label = label[:MAX_BUTTON_LABEL]

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        self.stop()
        reply = await self.pressed(interaction)
        await interaction.response.edit_message(embed=to_embed(reply), view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        self.stop()
        await interaction.response.edit_message(
            content="Cancelled: nothing was changed.", embed=None, view=None
        )


class FormModal(discord.ui.Modal):
    """A command's long options, typed in a form; submitting runs the command with them."""

    def __init__(self, form: Form, submitted: Submitted) -> None:
        super().__init__(title=form.title, timeout=VIEW_TIMEOUT_S * 3)
        self.submitted = submitted
        self.inputs: dict[str, discord.ui.TextInput[FormModal]] = {}
        self.boxes: dict[str, discord.ui.Checkbox[FormModal]] = {}
        for field in form.fields:
            if field.checkbox:
                box: discord.ui.Checkbox[FormModal] = discord.ui.Checkbox()
                self.boxes[field.name] = box
                self.add_item(discord.ui.Label(text=field.label, component=box))
                continue
            style = discord.TextStyle.paragraph if field.long else discord.TextStyle.short
            text_input: discord.ui.TextInput[FormModal] = discord.ui.TextInput(
                style=style,
                max_length=field.max_length,
                required=field.required,
                placeholder=field.placeholder or None,
            )
            self.inputs[field.name] = text_input
            self.add_item(discord.ui.Label(text=field.label, component=text_input))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        values = {name: field.value for name, field in self.inputs.items()}
        values.update({name: "true" if box.value else "" for name, box in self.boxes.items()})
        await self.submitted(interaction, values)

    # Modal's own signature (two arguments) differs from the base view's: discord.py's typing quirk.
    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report(interaction, error)
