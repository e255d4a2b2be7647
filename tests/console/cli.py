"""Running the `filmbot` command line in-process, as a test would run it in a shell."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.console.cli import main
from tests.conftest import DATA


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update({"PATH": saved.get("PATH", "/usr/bin:/bin"), **values})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_cli(tmp_path: Path, *args: str, stdin: str = "", env: Mapping[str, str] | None = None) -> Result:
    """`filmbot ARGS` in `tmp_path`, with its own database and the shipped seed unless `env` says."""
    values = {
        "FILMBOT_DB": str(tmp_path / "db.sqlite3"),
        "FILMBOT_DATA": str(DATA),
        "FILMBOT_STARTER": "off",
        **(env or {}),
    }
    out, err = io.StringIO(), io.StringIO()
    previous_stdin, previous_dir = sys.stdin, Path.cwd()
    sys.stdin = io.StringIO(stdin)
    try:
        os.chdir(tmp_path)
        with _environment(values), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse refusing the arguments
                code = int(exit_.code or 0)
    finally:
        sys.stdin = previous_stdin
        os.chdir(previous_dir)
    return Result(code, out.getvalue(), err.getvalue())
