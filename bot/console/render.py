"""Rendering a Reply as readable terminal text."""

from __future__ import annotations

import re
import textwrap

from bot.core.replies import Choice, Reply

_ESCAPED = re.compile(r"\\([\\*_~`|>\[\]()#-])")
_LINK = re.compile(r"\[([^\]]+)\]\(<?([^)>]+)>?\)")
WIDTH = 88


def unmark(text: str) -> str:
    """Discord markdown to plain text: links spelled out, emphasis and escapes dropped."""
    text = _LINK.sub(r"\1: \2", text)
    text = text.replace("**", "").replace("\u200b", "")
    text = re.sub(r"(?<!\\)`", "", text)
    return _ESCAPED.sub(r"\1", text)


def _wrap(text: str, indent: str) -> list[str]:
    lines = []
    for paragraph in unmark(text).splitlines():
        lines += textwrap.wrap(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]
    return lines


def render(reply: Reply) -> str:
    lines: list[str] = []
    if reply.title:
        title = unmark(reply.title)
        lines += [title, "=" * min(len(title), WIDTH)]
    if reply.description:
        lines += _wrap(reply.description, "")
    for field in reply.fields:
        lines.append("")
        lines += _wrap(field.name, "")
        lines += _wrap(field.value, "    ")
    if reply.options:
        lines.append("")
        command = reply.command or "review"
        for number, option in enumerate(reply.options, start=1):
            lines.append(f"  {number}. {option.label}    (/{command} {option.value})")
        lines.append("Type a number to pick one.")
    if reply.confirm:
        lines += [
            "",
            f"Type /confirm to {reply.confirm[0].lower()}{reply.confirm[1:]}, or anything else to cancel.",
        ]
    if reply.footer:
        lines += ["", unmark(reply.footer)]
    return "\n".join(lines).strip("\n")


def render_choices(found: list[Choice]) -> str:
    if not found:
        return "No titles start like that."
    return "\n".join(f"  {choice.name}    ({choice.value})" for choice in found)
