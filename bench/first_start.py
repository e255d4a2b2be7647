"""`python -m bench.first_start`: the first start with the starter catalogue, in fresh processes.

Each run is a child process that opens the bot's services (`open_services`: migrate, seed, load
the 17,472 starter films, build and save both indexes) on a new database, as the first `make run`
does. Wall time, the child's CPU time (user + system, every thread: aiosqlite writes in its own)
and the load average are reported per run. Given several source trees (`--tree`, e.g. a
`git archive` of an older commit), runs alternate between them, so old and new meet the same
machine load.

Usage: python -m bench.first_start [--tree DIR ...] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import asyncio, sys
from pathlib import Path
from bot.settings import Settings
from bot.wiring import open_services

async def main() -> None:
    tree, db = Path(sys.argv[1]), Path(sys.argv[2])
    services = await open_services(
        Settings(db_path=db, data_dir=tree / "data", starter=tree / "data" / "starter" / "films-v1.jsonl.gz")
    )
    await services.close()

asyncio.run(main())
"""


def one_start(tree: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one first start from `tree`'s code."""
    with tempfile.TemporaryDirectory() as folder:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", CHILD, str(tree), str(Path(folder) / "filmbot.sqlite3")],
            cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}, check=True,
        )  # fmt: skip
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", type=Path, help="a source tree (default: this one)")
    parser.add_argument("--runs", type=int, default=2, help="first starts per tree")
    args = parser.parse_args()
    trees = [t.resolve() for t in args.tree or [ROOT]]
    results: dict[Path, list[tuple[float, float, float]]] = {t: [] for t in trees}
    for run in range(args.runs):
        for tree in trees:
            load = os.getloadavg()[0]
            wall, cpu = one_start(tree)
            results[tree].append((wall, cpu, load))
            print(f"run {run + 1} {tree}: {wall:.1f} s wall, {cpu:.1f} s CPU (load average {load:.2f})")
    for tree, runs in results.items():
        walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
        print(f"{tree}: median {statistics.median(walls):.1f} s wall, {statistics.median(cpus):.1f} s CPU")


if __name__ == "__main__":
    main()
