"""Peak memory of `filmbot import` on IMDb-shaped files: title.basics, title.ratings,
title.principals and name.basics, gzipped TSV with IMDb's names, columns and proportions (most
titles are episodes and series, as on IMDb), imported by the real command in a child process.
The child's peak resident memory is read from the kernel (getrusage of the child), and its
resident memory is sampled from /proc every 0.2 s and attributed to the file being read (from
the progress lines it prints), so the figure says where the memory goes.

    nice .venv/bin/python -m bench.imdb_synthetic --titles 1000000 --folder /tmp/imdb-bench
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

FILM_SHARE = 0.12  # IMDb: about 12 % of titles are movies or TV movies; the rest series, episodes, shorts
PRINCIPALS_PER_TITLE = 9  # IMDb: about 90 M principal rows for 10 M titles
PEOPLE_PER_TITLE = 1.4  # IMDb: about 14 M names for 10 M titles
RATED_SHARE = 0.15  # IMDb: about 1.5 M rated titles
PACKING = 1  # gzip level: the format IMDb publishes; the fastest level keeps the writing short
# The principal rows of a title, in IMDb's order: category, job and characters after the nconst.
ROLES = (
    'actor\t\\N\t["Someone"]',
    'actress\t\\N\t["Someone Else"]',
    "director\t\\N\t\\N",
    "writer\tscreenplay\t\\N",
    "producer\tproducer\t\\N",
    "composer\t\\N\t\\N",
    'self\t\\N\t["Himself"]',
    "cinematographer\t\\N\t\\N",
    "editor\t\\N\t\\N",
)


def write(folder: Path, titles: int, seed: int = 13) -> None:
    """The four files, gzipped as IMDb publishes them (title.basics.tsv.gz, …)."""
    rng = random.Random(seed)
    rnd = rng.random
    folder.mkdir(parents=True, exist_ok=True)
    people = max(int(titles * PEOPLE_PER_TITLE), 1)

    def packed(name: str) -> gzip.GzipFile:
        return gzip.GzipFile(folder / f"{name}.tsv.gz", "wb", compresslevel=PACKING)

    with packed("title.basics") as basics, packed("title.ratings") as ratings:
        basics.write(
            b"tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
        )
        ratings.write(b"tconst\taverageRating\tnumVotes\n")
        kinds = ("tvEpisode", "tvEpisode", "tvSeries", "short")
        words = ("Night", "River", "Echo", "Stone", "Glass")
        for n in range(1, titles + 1):
            kind = "movie" if rnd() < FILM_SHARE else kinds[int(rnd() * 4)]
            title = f"Title {n} {words[int(rnd() * 5)]}"
            year, runtime = 1900 + int(rnd() * 126), 60 + int(rnd() * 120)
            basics.write(
                f"tt{n:08d}\t{kind}\t{title}\t{title}\t0\t{year}\t\\N\t{runtime}\tDrama,Crime\n".encode()
            )
            if rnd() < RATED_SHARE:
                ratings.write(f"tt{n:08d}\t{1 + int(rnd() * 90) / 10}\t{5 + int(rnd() * 2e6)}\n".encode())
    with packed("title.principals") as principals:
        principals.write(b"tconst\tordering\tnconst\tcategory\tjob\tcharacters\n")
        for n in range(1, titles + 1):
            rows = "".join(
                f"tt{n:08d}\t{order}\tnm{1 + int(rnd() * people):08d}\t{role}\n"
                for order, role in enumerate(ROLES, start=1)
            )
            principals.write(rows.encode())
    with packed("name.basics") as names:
        names.write(b"nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n")
        for n in range(1, people + 1):
            names.write(f"nm{n:08d}\tPerson {n}\t\\N\t\\N\tactor\t\\N\n".encode())
    (folder / "written.txt").write_text(f"{titles}\n")


class Sampler:
    """The child's resident memory every 0.2 s from /proc, by the file it says it is reading."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process, self.phase, self.peaks = process, "start", {"start": 0}
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for chunk in iter(lambda: os.read(self.process.stderr.fileno(), 4096), b""):  # type: ignore[union-attr]
            for found in re.findall(rb"reading (\S+)|(\] +\d+%)", chunk):
                phase = found[0].decode() if found[0] else "writing films"
                self.peaks.setdefault(phase, 0)
                self.phase = phase

    def sample(self) -> None:
        status = Path(f"/proc/{self.process.pid}/status")
        while self.process.poll() is None:
            try:
                rss = next(line for line in status.read_text().splitlines() if line.startswith("VmRSS"))
            except (OSError, StopIteration):
                break
            kib = int(rss.split()[1])
            self.peaks[self.phase] = max(self.peaks.get(self.phase, 0), kib)
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.imdb_synthetic", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--titles", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/imdb-bench"))
    options = parser.parse_args(argv)
    marker = options.folder / "written.txt"
    started = time.monotonic()
    if not marker.is_file() or marker.read_text().strip() != str(options.titles):
        write(options.folder, options.titles)
        print(f"wrote {options.titles:,} titles in {time.monotonic() - started:.0f} s", flush=True)
    sizes = {p.name: p.stat().st_size for p in sorted(options.folder.glob("*.tsv.gz"))}
    print(", ".join(f"{name} {size / 2**20:,.0f} MiB" for name, size in sizes.items()))
    db = options.folder / "bench.sqlite3"
    for leftover in options.folder.glob("bench.sqlite3*"):
        leftover.unlink()
    # The import alone: no starter catalogue loaded into the fresh database first.
    env = {**os.environ, "FILMBOT_DB": str(db), "FILMBOT_STARTER": "off"}
    started, cpu = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "bot", "import", str(options.folder / "title.basics.tsv.gz")]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = Sampler(process)
    sampler.sample()
    out = process.communicate()[0].decode()
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mib = usage.ru_maxrss / 1024  # KiB on Linux
    print(out.strip().splitlines()[0] if out.strip() else f"exit {process.returncode}")
    print(
        f"import: {seconds:.0f} s wall, {usage.ru_utime + usage.ru_stime - cpu.ru_utime - cpu.ru_stime:.0f} s CPU, "
        f"peak RSS {peak_mib:,.0f} MiB (limit 1,024 MiB); load average {os.getloadavg()[0]:.1f}"
    )
    print(
        "peak RSS sampled while: " + ", ".join(f"{p} {k / 1024:,.0f} MiB" for p, k in sampler.peaks.items())
    )
    return 0 if process.returncode in (0, 1) and peak_mib < 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
