"""parse(question) -> Query: match the phrasing table, read filters, cut names out as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.normalise import split_year
from bot.core.questions import examples, topics
from bot.core.questions.filters import is_filter_word, scan
from bot.core.questions.grammar import MARK, Phrasing, compile_table
from bot.core.questions.model import NO_FILTERS, Intent, Query, Topic
from bot.core.questions.phrasings import COURTESY_PREFIXES, COURTESY_SUFFIXES
from bot.core.questions.text import MAX_QUESTION_CHARS, MAX_WORDS, Token, clean, tokenize
from bot.core.questions.vocabulary import FILLERS, FILTER_WORDS

PHRASINGS, _LITERALS = compile_table()
VOCABULARY = tuple(sorted(_LITERALS | FILTER_WORDS))
_VOCABULARY_SET = frozenset(VOCABULARY)
_BY_INITIAL = {c: tuple(w for w in VOCABULARY if w[0] == c) for c in {w[0] for w in VOCABULARY}}
_PREFIXES = sorted((tuple(p.split()) for p in COURTESY_PREFIXES.split("|")), key=len, reverse=True)
_SUFFIXES = sorted((tuple(p.split()) for p in COURTESY_SUFFIXES.split("|")), key=len, reverse=True)
_FILM_LEADS = (("the", "film"), ("the", "movie"), ("film",), ("movie",))
_PERSON_LEADS = (("the", "director"), ("the", "actor"), ("the", "actress"), ("director",), ("actor",))
_NAME_SLOTS = ("film", "person", "name", "any")
# No one's name starts with these, though titles do ("What Lies Beneath", "Do the Right Thing").
_QUESTION_WORDS = frozenset(
    {"how", "what", "who", "why", "where", "when", "which", "whose", "do", "does", "did", "can"}
    | {"could", "should", "would", "is", "are", "was", "were", "am", "i", "you", "we", "my", "your"}
    | {"show", "list", "give", "find", "tell", "recommend", "suggest", "top"}
)
_LEFTOVER_MARKUP = re.compile(r"^[\s\"'“”«»,.:;!?(\[]+|[\s\"'“”«»,.:;!?\]]+$")


@lru_cache(maxsize=4096)
def correct(word: str) -> str:
    """A misspelt fixed word, corrected ('dirrected' -> 'directed'); anything else unchanged.

    Edits allowed as in Elasticsearch's AUTO fuzziness (none under 3 letters, 1 up to 5, 2 from 6,
    a transposition counting as one); the correction must be the single closest vocabulary word
    with the same first letter, so a tie corrects nothing.
    """
    if word in _VOCABULARY_SET or len(word) < 3 or not word.isalpha():
        return word
    allowed = 1 if len(word) <= 5 else 2
    # Typos rarely change the first letter; requiring it keeps names ("runner") from turning
    # into fixed words ("funnier") and being read as part of the question.
    same_start = _BY_INITIAL.get(word[0], ())
    found = process.extract(word, same_start, scorer=OSA.distance, score_cutoff=allowed, limit=None)
    if not found:
        return word
    closest = [w for w, distance, _ in found if distance == found[0][1]]
    # A tie is settled for a letter left out ("directd": "directed", not "direct"), the commonest
    # slip; any other tie corrects nothing.
    longer = [w for w in closest if len(w) == len(word) + 1]
    if len(closest) == 1:
        return closest[0]
    return longer[0] if len(longer) == 1 else word


@dataclass(frozen=True, slots=True)
class _Candidate:
    score: int  # words explained by the phrasing (all but the names)
    query: Query


def parse(question: str) -> Query:
    """The structured meaning of a plain-language question about films."""
    if len(question) > MAX_QUESTION_CHARS:
        problem = f"That is {len(question):,} characters; ask in at most {MAX_QUESTION_CHARS}."
        near = examples.closest(clean(question[:MAX_QUESTION_CHARS]))
        return Query(Intent.UNKNOWN, examples=near, problem=problem)
    text = clean(question)
    tokens = _trim(tokenize(text))
    if len(tokens) > MAX_WORDS:
        problem = f"That is {len(tokens)} words; ask in at most {MAX_WORDS}."
        return Query(Intent.UNKNOWN, examples=examples.closest(text), problem=problem)
    raw = [t.norm for t in tokens]
    words = [correct(w) for w in raw]
    best = _best(text, tokens, words)
    if best is not None:
        topic = _named_topic(best.query, text)
        if topic is not None:
            return Query(Intent.UNSUPPORTED, topic=topic, film=best.query.film, person=best.query.person)
        return best.query
    topic = topics.find(raw, topics.WEAK) or topics.find(words, topics.WEAK)
    if topic is not None:
        return Query(Intent.UNSUPPORTED, topic=topic)
    return Query(Intent.UNKNOWN, examples=examples.closest(" ".join(words)))


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop greetings and politeness at either end ("hey filmbot, ... please")."""
    changed = True
    while changed and tokens:
        changed = False
        norms = tuple(t.norm for t in tokens)
        for affix in _PREFIXES:
            if norms[: len(affix)] == affix:
                tokens, changed = tokens[len(affix) :], True
                break
        else:
            for affix in _SUFFIXES:
                if len(norms) > len(affix) and norms[-len(affix) :] == affix:
                    tokens, changed = tokens[: -len(affix)], True
                    break
    return tokens


def _best(text: str, tokens: list[Token], words: list[str]) -> _Candidate | None:
    if not words:
        return None
    marked = " ".join(MARK + w if is_filter_word(w) else w for w in words) + " "
    starts: dict[int, int] = {}
    offset = 0
    for index, word in enumerate(words):
        starts[offset] = index
        offset += len(word) + 1 + (len(MARK) if is_filter_word(word) else 0)
    starts[offset] = len(words)
    present = set(words)
    best: _Candidate | None = None
    for phrasing in PHRASINGS:
        if not phrasing.required <= present:
            continue
        match = phrasing.regex.fullmatch(marked)
        if match is None:
            continue
        spans = {
            name: (starts[match.start(name)], starts[match.end(name)])
            for name, value in match.groupdict().items()
            if value is not None
        }
        candidate = _candidate(phrasing, spans, text, tokens, words)
        if candidate is not None and (best is None or candidate.score > best.score):
            best = candidate
    return best


def _candidate(
    phrasing: Phrasing, spans: dict[str, tuple[int, int]], text: str, tokens: list[Token], words: list[str]
) -> _Candidate | None:
    slots = {name: span for name, span in spans.items() if name in _NAME_SLOTS}
    regions = sorted((span, name) for name, span in spans.items() if name not in _NAME_SLOTS)
    kept: list[str] = []  # the words of every run that reads as filters
    for (start, end), name in regions:
        if start == end:
            if name in phrasing.needs_filter:
                return None
            continue
        title = slots.get("film")
        if title and title[1] == start and re.fullmatch(r"\d{4}", words[start]):
            slots["film"] = (title[0], start + 1)  # "heat 1995 from the 80s": the year is the film's
            start += 1
        found = scan(words[start:end]) if start < end else None
        if found is None:
            if start == end:
                continue
            if not _absorb(slots, start, end):
                return None
            if name in phrasing.needs_filter:
                return None
            continue
        if name in phrasing.needs_filter and found.real == 0:
            return None
        kept.extend(words[start:end])
    combined = scan(kept) if kept else None
    if kept and combined is None:
        return None
    filters = combined.filters if combined else NO_FILTERS
    values: dict[str, str] = {}
    for name, (start, end) in slots.items():
        start = _skip_leads(words, start, end, _FILM_LEADS if name == "film" else _PERSON_LEADS)
        if name in ("person", "name") and _is_not_a_name(words[start:end], name == "person"):
            return None
        values[name] = _cut(text, tokens, start, end)
        if not values[name]:
            return None
    film: str | None = None
    film_year: int | None = None
    if "film" in values:
        film, film_year = split_year(values["film"])
    intent = phrasing.intent
    keeps_filters = intent in (Intent.DISCOVER, Intent.PERSON_FILMS, Intent.SIMILAR, Intent.PICK)
    if intent is Intent.DISCOVER and not filters:
        return None
    query = Query(
        intent,
        field=phrasing.field,
        role=phrasing.role,
        film=film,
        film_year=film_year,
        person=values.get("person"),
        name=values.get("name"),
        filters=filters if keeps_filters else NO_FILTERS,
        topic=phrasing.topic,
    )
    unexplained = sum(end - start for name, (start, end) in slots.items())
    return _Candidate(len(words) - unexplained, query)


def _absorb(slots: dict[str, tuple[int, int]], start: int, end: int) -> bool:
    """Give a run of words that are not filters after all to the name beside it."""
    for name, (first, last) in slots.items():
        if last == start:
            slots[name] = (first, end)
            return True
        if first == end:
            slots[name] = (start, last)
            return True
    return False


def _skip_leads(words: list[str], start: int, end: int, leads: tuple[tuple[str, ...], ...]) -> int:
    for lead in leads:
        if tuple(words[start : start + len(lead)]) == lead and end - start > len(lead):
            return start + len(lead)
    return start


def _is_not_a_name(words: list[str], person: bool) -> bool:
    """A name that is really filters ("french films"), small words ("me") or a question."""
    if all(w in FILLERS for w in words) or (person and words[0] in _QUESTION_WORDS):
        return True
    found = scan(words)
    return found is not None and found.real > 0


def _cut(text: str, tokens: list[Token], start: int, end: int) -> str:
    """The name as typed: from its first word to its last, with a closing bracket if there is one."""
    if start >= end:
        return ""
    first, last = tokens[start].start, tokens[end - 1].end
    if text[last : last + 1] == ")":
        last += 1
    return _LEFTOVER_MARKUP.sub("", text[first:last]).strip()


def _named_topic(query: Query, text: str) -> Topic | None:
    """An unsupported topic named inside a name slot: "is memento on netflix" -> streaming."""
    if query.intent is Intent.UNSUPPORTED:
        return None
    for value in (query.film, query.person, query.name):
        if value:
            topic = topics.find([t.norm for t in tokenize(value)], topics.STRONG)
            if topic is not None:
                return topic
    return None
