"""`python -m bench.imports`: bulk import speed, and the bot's start-up over the imported catalogue.

Writes N synthetic films as IMDb title.basics.tsv + title.ratings.tsv, imports them with
`filmbot import`'s code path into a fresh database, then opens the bot's services on it (migrate,
seed, stream every name into the matcher's index) and reports the time and resident memory.

Then, in the same run: an operator `export` opened as `filmbot export` opens it (the database
only), against the same export behind the bot's full start-up (the index built first, as before
issue 9); and a second import of N/10 new films through another connection while the services
run, timed until the running bot's index holds every one of them (its watcher polls each second).
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


def write_imdb(folder: Path, size: int, first_id: int = 0, sequel: str = "") -> Path:
    """The films of bench.catalogue as IMDb files; `sequel` is added to every title (a later batch)."""
    folder.mkdir(parents=True, exist_ok=True)
    basics, ratings = folder / "title.basics.tsv", folder / "title.ratings.tsv"
    with basics.open("w", encoding="utf-8") as b, ratings.open("w", encoding="utf-8") as r:
        b.write(
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
        )
        r.write("tconst\taverageRating\tnumVotes\n")
        for film in build(size):
            tconst = f"tt{film.id + first_id:08d}"
            year = film.year or "\\N"
            title = film.title + sequel
            b.write(f"{tconst}\tmovie\t{title}\t{title}\t0\t{year}\t\\N\t100\tDrama\n")
            r.write(f"{tconst}\t7.0\t{film.votes}\n")
    return basics


async def measure(size: int) -> None:
    from bot.settings import Settings
    from bot.store.bulk import bulk_import
    from bot.store.database import connect
    from bot.wiring import open_services, open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        basics = write_imdb(folder, size)
        later = write_imdb(folder / "later", size // 10, first_id=size * 2, sequel=" Returns")
        print(f"wrote {size:,} rows in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        db = await connect(folder / "bench.sqlite3")
        started = time.perf_counter()
        report = await bulk_import(db, basics, 0)
        imported = time.perf_counter() - started
        await db.close()
        settings = Settings(
            db_path=folder / "bench.sqlite3", data_dir=Path(__file__).resolve().parents[1] / "data"
        )

        started = time.perf_counter()
        store = await open_store(settings)  # what `filmbot export` opens
        await store.files.export_text(7)
        await store.close()
        export_db_only = time.perf_counter() - started

        started = time.perf_counter()
        services = await open_services(settings)
        startup = time.perf_counter() - started
        await services.store.files.export_text(7)
        export_with_index = time.perf_counter() - started
        names = len(services.index)

        other = await connect(settings.db_path)  # another writer, as `filmbot import` is
        started = time.perf_counter()
        second = await bulk_import(other, later, 0)
        second_import = time.perf_counter() - started
        newest = await other.fetchone("SELECT max(id) FROM films")
        await other.close()
        assert newest is not None
        started = time.perf_counter()
        while services.index.film(int(newest[0])) is None:  # the last film written is indexed last
            await asyncio.sleep(0.02)
        seen = time.perf_counter() - started
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
    print(
        f"operator export: {export_db_only:.1f} s opening the database only, {export_with_index:.1f} s behind the"
        f" bot's start-up with the index ({export_with_index / export_db_only:.0f}x)"
    )
    print(
        f"a second import of {second.added:,} films by another connection: {second_import:.1f} s, then in the"
        f" running bot's index {seen:.1f} s later"
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
