"""`python -m bench.ask`: how well and how fast /ask's parser reads questions.

Accuracy is measured on bench/ask_questions_heldout.txt, written before the parser and never used
to tune it; the baseline is the obvious cheap alternative, labelling a question with the intent of
the closest example question (rapidfuzz WRatio), measured in the same run. Latency is the parse of
every held-out and example question plus pasted junk, timed one by one.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from bot.core.questions import Intent, Query, parse
from bot.core.questions.examples import EXAMPLES
from bot.core.questions.parser import correct
from bot.core.questions.spec import from_spec, to_spec

HELDOUT = Path(__file__).with_name("ask_questions_heldout.txt")
HOSTILE = [
    "who directed " + "memento " * 800,
    "<@123456789012345678> " * 250,
    "**" * 3000,
    "@everyone " * 600,
    "horror " * 40,
    "films like " + "the " * 70,
    "\u202e\u200b" * 3000,
]


@dataclass(frozen=True)
class Case:
    question: str
    expected: Query


def load(path: Path = HELDOUT) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        question, sep, spec = line.rpartition(" | ")
        if not sep:
            raise ValueError(f"{path.name}:{number}: expected 'question | spec'")
        cases.append(Case(question, from_spec(spec)))
    return cases


def same(got: Query, expected: Query) -> bool:
    """Equal meaning: names compared case-insensitively, example questions ignored."""
    if expected.intent is Intent.UNKNOWN:
        return got.intent is Intent.UNKNOWN

    def fold(name: str | None) -> str | None:
        return " ".join(name.casefold().split()) if name else name

    def key(q: Query) -> Query:
        return replace(q, film=fold(q.film), person=fold(q.person), name=fold(q.name), examples=())

    return key(got) == key(expected)


def baseline_intent(question: str, labels: dict[str, Intent]) -> Intent:
    found = process.extractOne(question, EXAMPLES, scorer=fuzz.WRatio, score_cutoff=50)
    return labels[found[0]] if found else Intent.UNKNOWN


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def timings(questions: list[str], rounds: int, cold: bool) -> tuple[list[float], list[float]]:
    """Microseconds per parse, wall clock and this thread's CPU time; `cold` empties the
    typo-correction cache before every round. On a shared machine the wall clock includes waits
    for a core (a scheduler slice is milliseconds); the CPU time is the parser's own work."""
    wall, cpu = [], []
    for _ in range(rounds):
        if cold:
            correct.cache_clear()
        for question in questions:
            start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
            parse(question)
            cpu.append((time.thread_time_ns() - start_cpu) / 1000)
            wall.append((time.perf_counter_ns() - start) / 1000)
    return wall, cpu


def summary(values: list[float]) -> dict[str, float]:
    return {f"p{q}": percentile(values, q) for q in (50, 90, 99)} | {"max": max(values)}


def run(rounds: int) -> dict[str, Any]:
    cases = load()
    labels = {example: parse(example).intent for example in EXAMPLES}
    misses: list[dict[str, str]] = []
    by_intent: dict[str, list[int]] = {}
    exact = intent_right = baseline_right = 0
    for case in cases:
        got = parse(case.question)
        ok = same(got, case.expected)
        exact += ok
        intent_right += got.intent is case.expected.intent
        baseline_right += baseline_intent(case.question, labels) is case.expected.intent
        tally = by_intent.setdefault(case.expected.intent.value, [0, 0])
        tally[0] += ok
        tally[1] += 1
        if not ok:
            misses.append(
                {"question": case.question, "expected": to_spec(case.expected), "got": to_spec(got)}
            )
    questions = [c.question for c in cases] + list(EXAMPLES)
    result: dict[str, Any] = {
        "heldout_questions": len(cases),
        "exact": exact / len(cases),
        "intent": intent_right / len(cases),
        "baseline_intent": baseline_right / len(cases),
        "by_intent": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_intent.items())},
        "misses": misses,
        "latency_questions": len(questions),
    }
    result["load_average"] = os.getloadavg()[0]
    for label, cold in (("cold", True), ("warm", False)):
        wall, cpu = timings(questions, rounds, cold)
        result[f"{label}_wall_us"], result[f"{label}_cpu_us"] = summary(wall), summary(cpu)
    hostile_wall, hostile_cpu = timings(HOSTILE, rounds, cold=True)
    result["hostile_max_us"] = {"wall": max(hostile_wall), "cpu": max(hostile_cpu)}
    base = []
    for question in questions * rounds:
        start = time.perf_counter_ns()
        baseline_intent(question, labels)
        base.append((time.perf_counter_ns() - start) / 1000)
    result["baseline_us"] = {"p50": percentile(base, 50), "p99": percentile(base, 99)}
    return result


def report(r: dict[str, Any]) -> str:
    lines = [
        f"held-out questions: {r['heldout_questions']}",
        f"parser: exact query {r['exact']:.1%}, intent {r['intent']:.1%}",
        f"baseline (intent of the closest example question): intent {r['baseline_intent']:.1%}",
        "exact by intent: " + ", ".join(f"{k} {v}" for k, v in r["by_intent"].items()),
        f"parse latency over {r['latency_questions']} questions (µs; load average {r['load_average']:.1f}):",
    ]
    for label in ("cold_cpu", "warm_cpu", "cold_wall", "warm_wall"):
        t = r[f"{label}_us"]
        lines.append(
            f"  {label:9}: p50 {t['p50']:6.0f}  p90 {t['p90']:6.0f}  p99 {t['p99']:6.0f}  max {t['max']:6.0f}"
        )
    b, h = r["baseline_us"], r["hostile_max_us"]
    lines.append(f"  baseline (wall): p50 {b['p50']:.0f}  p99 {b['p99']:.0f}")
    lines.append(
        f"  pasted junk (6,000 characters and the like): max {h['cpu']:.0f} cpu, {h['wall']:.0f} wall"
    )
    lines.append(f"misses ({len(r['misses'])}):")
    lines += [
        f"  {m['question']!r}\n      expected {m['expected']}\n      got      {m['got']}" for m in r["misses"]
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = run(args.rounds)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
