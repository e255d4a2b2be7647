"""Safe, line-aware YAML reading for seed files and uploads.

Documents are composed (never constructed) with PyYAML's pure-Python safe loader, so no tag can
run code and every value keeps the line it came from. Scalars stay strings: the schema decides
what is a number, so a film called `NO` or `1917` keeps its title. Anchors and aliases, custom
tags, duplicate keys, several documents, non-UTF-8 bytes, oversized files and deep nesting are
refused with the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from bot.core.errors import DataFileError, Problem

MAX_BYTES = 2 * 1024 * 1024  # a catalogue file this big is a mistake or an attack
MAX_DEPTH = 32  # our format nests 4 deep; pure-Python recursion fails long before 30,000
_STANDARD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_STANDARD}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


@dataclass(frozen=True, slots=True)
class Located:
    """A value from a YAML file and the line (1-based) it starts on."""

    value: Any  # str | None | list[Located] | dict[str, Located]
    line: int


def _problem(name: str, line: int | None, message: str) -> DataFileError:
    return DataFileError([Problem(name, line, message)])


def decode(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise _problem(name, None, f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _problem(name, line, "not valid UTF-8: save the file as UTF-8") from None


def parse(text: str, name: str) -> Located:
    """Parse one YAML document into Located values; raise DataFileError naming file and line."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _problem(name, None, f"file is larger than {MAX_BYTES:,} bytes")
    if "\x00" in text:
        raise _problem(name, text[: text.index("\x00")].count("\n") + 1, "contains a NUL character")
    try:
        _scan_events(text, name)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise _problem(name, line, f"{exc.problem or exc.context or 'invalid YAML'}") from None
    except yaml.YAMLError as exc:
        raise _problem(name, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise _problem(name, None, "nested too deeply") from None
    if node is None:
        return Located({}, 1)
    return _convert(node, name, 0)


def _scan_events(text: str, name: str) -> None:
    """Refuse several documents, deep nesting, and anchors and aliases ('billion laughs' bombs),
    before composing. PyYAML's parser keeps its own stack (only the composer recurses), so events
    count nesting exactly, and brackets inside quoted or plain text are just text."""
    documents = depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _problem(name, line, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _problem(name, line, "several YAML documents: keep one per file")
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _problem(name, line, "anchors and aliases (& and *) are not allowed")


def _convert(node: yaml.Node, name: str, depth: int) -> Located:
    line = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise _problem(name, line, f"nested more than {MAX_DEPTH} levels deep")
    if node.tag not in _ALLOWED_TAGS and not (
        isinstance(node, yaml.ScalarNode)
        and node.tag.startswith(_STANDARD)
        and node.tag != f"{_STANDARD}binary"
    ):
        raise _problem(name, line, f"unsupported tag {node.tag!r}")
    if isinstance(node, yaml.ScalarNode):
        if node.tag == f"{_STANDARD}null" and node.style is None:
            return Located(None, line)
        return Located(str(node.value), line)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(item, name, depth + 1) for item in node.value], line)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Located] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _problem(name, key_node.start_mark.line + 1, "a key must be plain text")
            key = str(key_node.value)
            if key in mapping:
                raise _problem(name, key_node.start_mark.line + 1, f"duplicate key {key!r}")
            mapping[key] = _convert(value_node, name, depth + 1)
        return Located(mapping, line)
    raise _problem(name, line, "unsupported YAML node")
