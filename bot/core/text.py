"""Making catalogue and user text safe to show: markdown escaped, mentions defused, one line."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\*_~`|>\[\]()#-])")
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>", re.IGNORECASE)
_INVISIBLE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain(text: str) -> str:
    """Strip control, zero-width and direction-override characters; collapse whitespace."""
    return " ".join(_INVISIBLE.sub("", text).split())


def escape(text: str) -> str:
    """Escape markdown and defuse mentions, so user text shows literally and pings nobody.

    The client also sends allowed_mentions=none; this keeps `@everyone` from even looking live.
    """
    text = _MARKDOWN.sub(r"\\\1", plain(text))
    return _MENTION.sub(lambda m: m.group(0).replace("@", "@\u200b").replace("<", "<\u200b"), text)


def quote(text: str, limit: int = 80) -> str:
    """Echo what someone typed back to them: escaped, one line, and short."""
    cleaned = plain(text)
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return f"“{escape(cleaned)}”" if cleaned else "“”"
