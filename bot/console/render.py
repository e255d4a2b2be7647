"""Rendering a Reply as readable terminal text: no markdown, links spelled out."""

from __future__ import annotations

import textwrap

from bot.core.replies import Choice, Continuation, Reply
from bot.core.rich import Span, Text

WIDTH = 88


def span_text(span: Span) -> str:
    if span.style == "link":
        return f"{span.text}: {span.target}"
    if span.style == "user":
        return f"@user {span.target}"
    if span.style == "role":
        return f"@role {span.target}"
    if span.style == "spoiler":
        return f"[spoiler] {span.text} [/spoiler]"
    return span.text


def text_of(text: Text) -> str:
    return "".join(span_text(span) for span in text)


def _wrap(text: str, indent: str) -> list[str]:
    lines = []
    for paragraph in text.splitlines():
        lines += textwrap.wrap(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]
    return lines


def command_line(then: Continuation, value: str | None = None) -> str:
    """The typed command that runs a continuation: what a one-shot `filmbot ask` suggests."""
    args = dict(then.args)
    if then.fill is not None:
        args[then.fill] = value
    shown = " ".join(f"{name}={_quoted(str(v))}" for name, v in args.items())
    return f"/{then.command} {shown}".strip()


def _quoted(value: str) -> str:
    return value if value and all(c.isalnum() or c in ":-_." for c in value) else repr(value)


def render(reply: Reply, *, one_shot: bool = False) -> str:
    """The reply as text. `one_shot` (filmbot ask) offers commands instead of numbers to type."""
    lines: list[str] = []
    if reply.title:
        lines += [reply.title, "=" * min(len(reply.title), WIDTH)]
    if reply.description:
        lines += _wrap(text_of(reply.description), "")
    for field in reply.fields:
        lines.append("")
        lines += _wrap(field.name, "")
        lines += _wrap(text_of(field.value), "    ")
    if reply.options and reply.pick is not None:
        lines.append("")
        for number, option in enumerate(reply.options, start=1):
            if one_shot:
                lines.append(
                    f"  {option.label}:  filmbot ask {_quoted(command_line(reply.pick, option.value))}"
                )
            else:
                lines.append(f"  {number}. {option.label}")
        lines.append("Run the line of the one you meant." if one_shot else "Type a number to pick one.")
    if reply.confirm:
        label = reply.confirm.label
        lines += ["", f"Type /confirm to {label[0].lower()}{label[1:]}, or anything else to cancel."]
    if reply.footer:
        lines += ["", reply.footer]
    if reply.pages:
        lines.append("Type /next or /prev for the other pages.")
    return "\n".join(lines).strip("\n")


def render_choices(found: list[Choice]) -> str:
    if not found:
        return "No titles start like that."
    return "\n".join(f"  {choice.name}    ({choice.value})" for choice in found)
