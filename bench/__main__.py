"""`python -m bench`: filmbot's matcher against the naive rapidfuzz WRatio scan, in one run.

Each (matcher, catalogue size) pair runs in a fresh process, so build time and resident memory
are its own, and both matchers see the same seeded catalogue and queries.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.run import job


def measure(matcher: str, size: int, args: dict[str, Any]) -> dict[str, Any]:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(job, matcher, size, args).result()


def fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def table(results: list[dict[str, Any]]) -> str:
    header = [
        "matcher",
        "titles",
        "queries",
        "top1",
        "top5",
        "p50 ms",
        "p99 ms",
        "ac p50",
        "ac p99",
        "build s",
        "rss MB",
    ]
    rows = [header]
    for r in results:
        rows.append([
            r["matcher"], f"{r['catalogue_size']:,}", str(r["queries"]), f"{r['top1']:.1%}", f"{r['top5']:.1%}",
            fmt(r["p50_ms"]), fmt(r["p99_ms"]), fmt(r["autocomplete_p50_ms"]), fmt(r["autocomplete_p99_ms"]),
            fmt(r["build_s"]), fmt(r["rss_mb"], 0),
        ])  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    for r in results:
        if r.get("hostile_max_ms") is not None:
            lines.append(
                f"{r['matcher']} at {r['catalogue_size']:,}: slowest lookup {r['max_ms']:.1f} ms; "
                f"slowest pasted input (6,000 characters and the like) {r['hostile_max_ms']:.1f} ms"
            )
    for r in results:
        if r["note"]:
            lines.append(f"note: {r['matcher']} at {r['catalogue_size']:,}: {r['note']}")
    return "\n".join(lines)


def ratios(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for size in sorted({r["catalogue_size"] for r in results}):
        ours = next((r for r in results if r["matcher"] == "filmbot" and r["catalogue_size"] == size), None)
        base = next((r for r in results if r["matcher"] != "filmbot" and r["catalogue_size"] == size), None)
        if ours and base and ours["p99_ms"]:
            lines.append(
                f"{size:>9,} titles: p99 {base['p99_ms'] / ours['p99_ms']:.0f}x faster, "
                f"p50 {base['p50_ms'] / max(ours['p50_ms'], 1e-6):.0f}x faster, "
                f"top-1 {ours['top1']:.1%} vs {base['top1']:.1%}, top-5 {ours['top5']:.1%} vs {base['top5']:.1%}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated catalogue sizes")
    parser.add_argument("--count", type=int, default=2000, help="queries generated per catalogue")
    parser.add_argument("--baseline-queries", type=int, default=0, help="queries for the WRatio baseline")
    parser.add_argument("--no-baseline", action="store_true", help="measure filmbot only")
    parser.add_argument("--catalogue", help="your own catalogue: CSV with the header id,title,year,votes")
    parser.add_argument("--queries", help="your own queries: CSV with the header query,expected_id")
    parser.add_argument("--json", help="also write the results to this JSON file")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    args = vars(options)
    sizes = [0] if options.catalogue else [int(s.replace("_", "")) for s in options.sizes.split(",")]
    results = []
    for size in sizes:
        for matcher in ("filmbot",) if options.no_baseline else ("filmbot", "wratio-baseline"):
            print(f"measuring {matcher} at {size or options.catalogue}…", file=sys.stderr, flush=True)
            results.append(measure(matcher, size, args))
    print(table(results))
    print()
    print("\n".join(ratios(results)))
    if options.json:
        keys = (
            "matcher",
            "catalogue_size",
            "queries",
            "top1",
            "top5",
            "p50_ms",
            "p99_ms",
            "build_s",
            "rss_mb",
        )
        extra = ("autocomplete_p50_ms", "autocomplete_p99_ms", "max_ms", "hostile_max_ms", "note")
        Path(options.json).write_text(
            json.dumps([{k: r[k] for k in keys + extra} for r in results], indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
