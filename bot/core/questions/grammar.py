"""Compiles the phrasing table into regular expressions over a question's words.

A question's words are joined with spaces, each filter word marked with a leading "~", so a
filter run ({f}) is simply `(?:~\\S+ )*` and stays fast however many filter words there are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.core.questions.model import Field, Intent, Role, Topic
from bot.core.questions.phrasings import CLASSES, PHRASINGS

NAME_SLOTS = ("film", "person", "name", "any")
_LEXEME = re.compile(r"\{\w+\+?\}|\$\w+|[()\[\]|]|[^\s()\[\]|]+")
MARK = "~"  # prefix of filter words in the matched text


@dataclass(frozen=True, slots=True)
class Phrasing:
    intent: Intent
    field: Field | None
    role: Role | None
    topic: Topic | None
    source: str
    pattern: str
    required: frozenset[str]  # literal words every match contains: a cheap first check
    needs_filter: frozenset[str]  # {f+} groups, which must narrow something

    @property
    def regex(self) -> re.Pattern[str]:
        """Compiled when a question first passes its required-words check: compiling the whole
        table took 0.1 s of every start, even of a `filmbot ask` that asks no question."""
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class _Compiler:
    def __init__(self, text: str) -> None:
        self.lexemes = _LEXEME.findall(text)
        self.i = 0
        self.regions = 0
        self.words: set[str] = set()
        self.required: set[str] = set()
        self.needs_filter: set[str] = set()

    def sequence(self, depth: int) -> str:
        parts = []
        while self.i < len(self.lexemes) and self.lexemes[self.i] not in ")]|":
            parts.append(self.item(depth))
        return "".join(parts)

    def alternatives(self, depth: int) -> str:
        options = [self.sequence(depth)]
        while self.i < len(self.lexemes) and self.lexemes[self.i] == "|":
            self.i += 1
            options.append(self.sequence(depth))
        return "(?:" + "|".join(options) + ")"

    def item(self, depth: int) -> str:
        lexeme = self.lexemes[self.i]
        self.i += 1
        if lexeme in "([":
            inner = self.alternatives(depth + 1)
            self.i += 1  # the closing bracket
            return inner + ("?" if lexeme == "[" else "")
        if lexeme.startswith("$"):
            nested = _Compiler(CLASSES[lexeme[1:]])
            pattern = nested.alternatives(depth + 1)
            self.words |= nested.words
            return pattern
        if lexeme.startswith("{"):
            name = lexeme.strip("{}+")
            if name == "f":
                group = f"f{self.regions}"
                self.regions += 1
                if lexeme.endswith("+}"):
                    self.needs_filter.add(group)
                return f"(?P<{group}>(?:{MARK}\\S+ )*)"
            if name not in NAME_SLOTS:
                raise ValueError(f"unknown slot {lexeme}")
            return f"(?P<{name}>(?:\\S+ )+?)"
        self.words.add(lexeme)
        if depth == 0:
            self.required.add(lexeme)
        return f"{MARK}?{re.escape(lexeme)} "


def _header(line: str) -> tuple[Intent, Field | None, Role | None, Topic | None]:
    intent, _, qualifier = line.strip("[]").partition(" ")
    kind = Intent(intent)
    return (
        kind,
        Field(qualifier) if kind is Intent.FILM_INFO else None,
        Role(qualifier) if kind is Intent.PERSON_FILMS and qualifier else None,
        Topic(qualifier) if kind is Intent.UNSUPPORTED else None,
    )


def compile_table(text: str = PHRASINGS) -> tuple[list[Phrasing], frozenset[str]]:
    """All phrasings in table order, and every literal word they use (for typo correction)."""
    phrasings: list[Phrasing] = []
    words: set[str] = set()
    header = None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and not line.startswith("[$"):
            try:
                header = _header(line)
            except ValueError as error:
                raise ValueError(f"phrasings line {number}: {error}") from None
            continue
        if header is None:
            raise ValueError(f"phrasings line {number}: a phrasing before any [intent] header")
        compiler = _Compiler(line)
        pattern = compiler.alternatives(0)
        if compiler.i != len(compiler.lexemes):
            raise ValueError(f"phrasings line {number}: unbalanced brackets in {line!r}")
        words |= compiler.words
        phrasings.append(
            Phrasing(
                *header,
                source=line,
                pattern=pattern,
                required=frozenset(compiler.required),
                needs_filter=frozenset(compiler.needs_filter),
            )
        )
    return phrasings, frozenset(words)
