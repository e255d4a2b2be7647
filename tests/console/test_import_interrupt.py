"""Ctrl-C during `filmbot import`, sent as a real SIGINT to the process (issue 13): it says how
many rows were committed, and running it again resumes without duplicating any film."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import DATA, ROOT

ROWS = 120_000  # enough batches that the import is still running when interrupted


def imported(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT count(*) FROM films WHERE origin = 'import'").fetchone()[0])


def test_ctrl_c_reports_the_committed_rows_and_a_second_run_resumes(tmp_path: Path) -> None:
    big = tmp_path / "films.csv"
    big.write_text("title,year\n" + "".join(f"Film number {n},{1900 + n % 120}\n" for n in range(ROWS)))
    db = tmp_path / "db.sqlite3"
    env = {**os.environ, "FILMBOT_DB": str(db), "FILMBOT_DATA": str(DATA), "FILMBOT_STARTER": "off"}
    command = [sys.executable, "-m", "bot", "import", str(big)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + 120
    while not re.search(rb"\] +\d+%  [1-9][\d,]* films", seen) and time.monotonic() < deadline:
        seen += os.read(process.stderr.fileno(), 4096)  # the progress bar: some batches committed
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    message = (seen + err).decode()
    assert process.returncode == 130, message
    assert "Traceback" not in message
    found = re.search(r"Interrupted: ([\d,]+) rows of films.csv were committed", message)
    assert found and "Run the same command again to resume" in message, message
    committed = int(found.group(1).replace(",", ""))
    assert 0 < committed < ROWS and imported(db) == committed
    again = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert again.returncode == 0, again.stderr
    assert f"{ROWS - committed:,} added" in again.stdout
    assert f"{committed:,} skipped" in again.stdout and imported(db) == ROWS


def test_ctrl_c_while_the_imdb_files_are_read_stops_at_once_and_leaves_nothing(tmp_path: Path) -> None:
    """The big files are read in a thread: Ctrl-C is not kept waiting for title.principals (90 M
    rows on IMDb) and the scratch file is gone (TMPDIR points into tmp_path to check it)."""
    films = 10
    basics = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
    basics += "".join(
        f"tt{n:07d}\tmovie\tFilm {n}\tFilm {n}\t0\t2000\t\\N\t90\tDrama\n" for n in range(1, films + 1)
    )
    (tmp_path / "title.basics.tsv").write_text(basics)
    principals = ["tconst\tordering\tnconst\tcategory\tjob\tcharacters\n"]
    principals += [f"tt{n:07d}\t1\tnm0000001\tactor\t\\N\t\\N\n" for n in range(1, 2_000_000)]  # episodes'
    (tmp_path / "title.principals.tsv").write_text("".join(principals))
    (tmp_path / "name.basics.tsv").write_text("nconst\tprimaryName\nnm0000001\tAnn Actor\n")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "FILMBOT_DB": str(tmp_path / "db.sqlite3"), "FILMBOT_DATA": str(DATA),
           "FILMBOT_STARTER": "off", "TMPDIR": str(scratch)}  # fmt: skip
    command = [sys.executable, "-m", "bot", "import", str(tmp_path / "title.basics.tsv")]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + 120
    while b"reading title.principals.tsv" not in seen and time.monotonic() < deadline:
        seen += os.read(process.stderr.fileno(), 4096)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    message = (seen + err).decode()
    assert process.returncode == 130 and "Traceback" not in message, message
    assert "Interrupted: 0 rows of title.basics.tsv were committed" in message
    assert "reading name.basics.tsv" not in message  # stopped inside title.principals
    assert list(scratch.iterdir()) == []  # no scratch file left behind
    again = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert again.returncode == 0 and f"{films} added" in again.stdout, again.stderr
    assert list(scratch.iterdir()) == []
