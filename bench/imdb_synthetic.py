"""Peak memory of `filmbot import` on IMDb-shaped files: title.basics, title.ratings,
title.principals and name.basics written with IMDb's columns and proportions (most titles are
episodes and series, as on IMDb), then imported by the real command in a child process whose
peak resident memory is read from the kernel (getrusage of the child).

    .venv/bin/python -m bench.imdb_synthetic --titles 1000000 --folder /tmp/imdb-bench
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

FILM_SHARE = 0.12  # IMDb: about 12 % of titles are movies or TV movies; the rest series, episodes, shorts
PRINCIPALS_PER_TITLE = 9  # IMDb: about 90 M principal rows for 10 M titles
PEOPLE_PER_TITLE = 0.5
CATEGORIES = (
    "actor",
    "actress",
    "director",
    "writer",
    "producer",
    "composer",
    "self",
    "cinematographer",
    "editor",
)


def write(folder: Path, titles: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    people = max(int(titles * PEOPLE_PER_TITLE), 1)
    with (
        (folder / "title.basics.tsv").open("w") as basics,
        (folder / "title.ratings.tsv").open("w") as ratings,
    ):
        basics.write(
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
        )
        ratings.write("tconst\taverageRating\tnumVotes\n")
        for n in range(1, titles + 1):
            kind = (
                "movie"
                if rng.random() < FILM_SHARE
                else rng.choice(("tvEpisode", "tvEpisode", "tvSeries", "short"))
            )
            year = rng.randint(1900, 2025)
            title = f"Title {n} {rng.choice(('Night', 'River', 'Echo', 'Stone', 'Glass'))}"
            basics.write(
                f"tt{n:08d}\t{kind}\t{title}\t{title}\t0\t{year}\t\\N\t{rng.randint(60, 180)}\tDrama,Crime\n"
            )
            if rng.random() < 0.15:
                ratings.write(f"tt{n:08d}\t{rng.randint(10, 99) / 10}\t{rng.randint(5, 2_000_000)}\n")
    with (folder / "title.principals.tsv").open("w") as principals:
        principals.write("tconst\tordering\tnconst\tcategory\tjob\tcharacters\n")
        for n in range(1, titles + 1):
            for order in range(1, PRINCIPALS_PER_TITLE + 1):
                category = CATEGORIES[order - 1]
                character = '["Someone"]' if category in ("actor", "actress", "self") else "\\N"
                principals.write(
                    f"tt{n:08d}\t{order}\tnm{rng.randint(1, people):08d}\t{category}\t\\N\t{character}\n"
                )
    with (folder / "name.basics.tsv").open("w") as names:
        names.write("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n")
        for n in range(1, people + 1):
            names.write(f"nm{n:08d}\tPerson {n}\t\\N\t\\N\tactor\t\\N\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.imdb_synthetic", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--titles", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/imdb-bench"))
    options = parser.parse_args(argv)
    started = time.monotonic()
    write(options.folder, options.titles)
    principal_rows = options.titles * PRINCIPALS_PER_TITLE
    print(
        f"wrote {options.titles:,} titles and {principal_rows:,} principals in {time.monotonic() - started:.0f} s"
    )
    db = options.folder / "bench.sqlite3"
    for leftover in options.folder.glob("bench.sqlite3*"):
        leftover.unlink()
    env = {**os.environ, "FILMBOT_DB": str(db)}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "import", str(options.folder / "title.basics.tsv")],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.monotonic() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    print(result.stdout.strip().splitlines()[0] if result.stdout.strip() else result.stderr[-2000:])
    print(f"import: {seconds:.0f} s, peak RSS {peak_mib:,.0f} MiB (limit 1,024 MiB)")
    return 0 if result.returncode in (0, 1) and peak_mib < 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
