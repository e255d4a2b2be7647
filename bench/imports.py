"""`python -m bench.imports`: bulk import speed, and the bot's start-up over the imported catalogue.

Writes N synthetic films as IMDb title.basics.tsv + title.ratings.tsv, imports them with
`filmbot import`'s code path into a fresh database, then opens the bot's services on it (migrate,
seed, stream every name into the matcher's index) and reports the time and resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.catalogue import build


def write_imdb(folder: Path, size: int) -> Path:
    basics, ratings = folder / "title.basics.tsv", folder / "title.ratings.tsv"
    with basics.open("w", encoding="utf-8") as b, ratings.open("w", encoding="utf-8") as r:
        b.write(
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
        )
        r.write("tconst\taverageRating\tnumVotes\n")
        for film in build(size):
            tconst = f"tt{film.id:08d}"
            year = film.year or "\\N"
            b.write(f"{tconst}\tmovie\t{film.title}\t{film.title}\t0\t{year}\t\\N\t100\tDrama\n")
            r.write(f"{tconst}\t7.0\t{film.votes}\n")
    return basics


async def measure(size: int) -> None:
    from bot.settings import Settings
    from bot.store.bulk import bulk_import
    from bot.store.database import connect
    from bot.wiring import open_services

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        basics = write_imdb(folder, size)
        print(f"wrote {size:,} rows in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        db = await connect(folder / "bench.sqlite3")
        started = time.perf_counter()
        report = await bulk_import(db, basics, 0)
        imported = time.perf_counter() - started
        await db.close()
        data = Path(__file__).resolve().parents[1] / "data"
        started = time.perf_counter()
        services = await open_services(Settings(db_path=folder / "bench.sqlite3", data_dir=data))
        startup = time.perf_counter() - started
        names = len(services.index)
        await services.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{'rows':>10}  {'added':>10}  {'import s':>8}  {'rows/s':>8}  {'start-up s':>10}  {'names':>10}  {'peak rss MB':>11}"
    )
    print(
        f"{size:>10,}  {report.added:>10,}  {imported:>8.1f}  {size / imported:>8,.0f}  {startup:>10.1f}"
        f"  {names:>10,}  {rss:>11.0f}"
    )
    print(
        f"({report.enriched:,} rows enriched a film already there, {sum(report.skipped.values()):,} skipped)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    options = parser.parse_args(argv)
    import bot.app.client  # noqa: F401  - measure memory with the whole bot loaded

    asyncio.run(measure(options.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
