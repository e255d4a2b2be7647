"""`python -m bench.startup`: how soon a fresh process answers, with and without the saved index.

Imports N synthetic films (bench.imports) into a database once (kept with --folder, so repeated
runs skip the import), then times, from process start to exit, one-shot `filmbot ask` commands:

- cold: no index file, so the process reads every name, builds the index and saves it;
- warm: the index file is there and current, so the process maps it;
- two processes mapping the same file at once, each reporting its resident memory (RSS, which
  counts shared pages in full) and its proportional share (PSS, shared pages divided among the
  processes mapping them), read from /proc/self/smaps_rollup while both are alive.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PROBE = """
import asyncio, sys, time, pathlib
from bot.settings import Settings
from bot.wiring import open_services
from bot.core.resolution import resolve

async def main():
    services = await open_services(Settings(db_path=pathlib.Path(sys.argv[1]), data_dir=pathlib.Path(sys.argv[2])))
    resolve(services.index, "shawshank redemption", 0)
    ready = pathlib.Path(sys.argv[3])
    ready.with_suffix(f".{sys.argv[4]}").touch()
    while len(list(ready.parent.glob(ready.name + ".*"))) < 2:  # both processes loaded
        time.sleep(0.05)
    fields = dict(line.split(":", 1) for line in open("/proc/self/smaps_rollup") if ":" in line)
    print(int(fields["Rss"].split()[0]) // 1024, int(fields["Pss"].split()[0]) // 1024)
    await services.close()

asyncio.run(main())
"""


def environment(db: Path) -> dict[str, str]:
    # No seed files: the imported catalogue already holds the sample's films.
    return {
        **os.environ,
        "FILMBOT_DB": str(db),
        "FILMBOT_DATA": str(db.parent / "no-seed"),
        "FILMBOT_STARTER": "off",
    }


def timed_ask(db: Path, line: str) -> tuple[float, str]:
    """Wall seconds from process start to exit, and the first line said; the CPU time (user +
    system) of the process is added to CPU_SECONDS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", line],
        env=environment(db),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_SECONDS.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, (result.stdout + result.stderr).strip().splitlines()[0][:70]


CPU_SECONDS: list[float] = []


def two_processes(db: Path) -> list[tuple[int, int]]:
    ready = db.with_name("ready")
    for old in db.parent.glob("ready.*"):
        old.unlink()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", PROBE, str(db), str(db.parent / "no-seed"), str(ready), str(n)],
            env=environment(db),
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    out = [p.communicate()[0].split() for p in procs]
    return [(int(o[0]), int(o[1])) for o in out]


async def prepare(folder: Path, size: int) -> Path:
    from bench.imports import write_imdb
    from bot.store.bulk import bulk_import
    from bot.store.database import connect

    db = folder / "bench.sqlite3"
    (folder / "no-seed").mkdir(exist_ok=True)
    if not db.exists():
        basics = write_imdb(folder, size)
        connection = await connect(db)
        await bulk_import(connection, basics, 0)
        await connection.close()
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, required=True, help="where the database is kept between runs")
    parser.add_argument("--runs", type=int, default=3, help="warm starts timed")
    options = parser.parse_args(argv)
    options.folder.mkdir(parents=True, exist_ok=True)
    db = asyncio.run(prepare(options.folder, options.rows))
    index = db.with_name(db.name + ".index")
    index.unlink(missing_ok=True)
    line = "/review shawshank redemption"
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    cold, said = timed_ask(db, line)
    print(f"cold start (build + save the index): {cold:.1f} s wall, {CPU_SECONDS[-1]:.1f} s CPU   [{said}]")
    print(f"index file: {index.stat().st_size / 2**20:.0f} MB")
    CPU_SECONDS.clear()
    warm = [timed_ask(db, line)[0] for _ in range(options.runs)]
    help_times = [timed_ask(db, "/help")[0] for _ in range(options.runs)]
    cpu = CPU_SECONDS
    print(
        f"warm start, /review: {', '.join(f'{w:.2f}' for w in warm)} s wall,"
        f" {', '.join(f'{c:.2f}' for c in cpu[: options.runs])} s CPU;"
        f"  /help: {', '.join(f'{w:.2f}' for w in help_times)} s wall,"
        f" {', '.join(f'{c:.2f}' for c in cpu[options.runs :])} s CPU"
    )
    print(f"load average {os.getloadavg()[0]:.1f}")
    for n, (rss, pss) in enumerate(two_processes(db), start=1):
        print(f"process {n} of 2 mapping the index: RSS {rss} MB, PSS {pss} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
