"""Write data/starter/films-v1.jsonl.gz from the CC0 Wikidata films in `bokeh-sampledata`.

The bot never depends on that package (it pulls in pandas and shapely); run this in a scratch venv:

    python3 -m venv /tmp/bsd-venv
    /tmp/bsd-venv/bin/pip install --no-deps 'bokeh-sampledata>=2026.1'
    python3 tools/extract_wikidata.py --db "$(/tmp/bsd-venv/bin/python -c \\
        'from bokeh_sampledata.movies_data import movie_path; print(movie_path)')"

Only version 2026.1 or later carries the Wikidata (CC0) set; earlier versions ship a
non-commercial OMDb dataset under the same file name, so the script checks the file's SHA-256
against the one the package records for the CC0 set and refuses anything else. The output is
byte-for-byte reproducible (sorted rows, gzip without a timestamp). Values are copied as published;
cleaning happens when the bot reads the file (bot/formats/wikidata.py).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.formats import wikidata  # noqa: E402  (the path above makes the repo importable)

# The CC0 Wikidata snapshot of bokeh-sampledata 2026.1 (retrieved 2026-10-18), as recorded in
# the package's licenses/datasets.json; the earlier CC-BY-NC file is f3233f21...
CC0_SHA256 = "1d9c6a02e488d0354b2309e16130c58820a91ac2ce417e814c5964f9579a65ac"
DEFAULT_OUT = ROOT / "data" / "starter" / "films-v1.jsonl.gz"
SOURCE = {
    "source": "bokeh-sampledata 2026.1, movies.db (Wikidata snapshot retrieved 2026-10-18)",
    "source_sha256": CC0_SHA256,
    "licence": "CC0-1.0",
    "attribution": "Wikidata contributors",
}
QUERY = """
    SELECT o.ID, o.imdbID, o.Title, o.Year, o.Rating, o.Runtime, o.Genre, o.Released,
           o.Director, o.Writer, o."Cast", o.Metacritic, o.Language, o.Country, o.Awards,
           o.Oscars, t.Meter, t.Reviews
    FROM omdb AS o LEFT JOIN tomatoes AS t ON t.ID = o.ID
    ORDER BY o.ID
"""


def extract(db: Path, out: Path) -> int:
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    if digest != CC0_SHA256:
        raise SystemExit(
            f"{db}: SHA-256 {digest} is not the CC0 Wikidata set of bokeh-sampledata 2026.1; "
            "install 'bokeh-sampledata>=2026.1' (earlier versions carry a non-commercial dataset)"
        )
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(QUERY).fetchall()
    lines = [json.dumps(wikidata.header(len(rows), SOURCE), ensure_ascii=False)]
    lines += [json.dumps(list(row), ensure_ascii=False, separators=(",", ":")) for row in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    films = list(wikidata.read_extract(lines))  # the bot's own reader must accept what we wrote
    return len(films)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True, help="bokeh_sampledata/_data/movies.db")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    count = extract(args.db, args.out)
    print(f"{args.out}: {count} films, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
