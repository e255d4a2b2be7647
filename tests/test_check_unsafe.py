"""The CI check that keeps unsafe YAML loading and formatted SQL out of bot/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

CHECK = ROOT / "tools" / "check_unsafe.py"


def run(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK), str(folder)], capture_output=True, text=True)


def test_the_shipped_code_passes() -> None:
    assert run(ROOT / "bot").returncode == 0


def test_it_catches_each_pattern(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import yaml\n"
        "yaml.load(text)\n"
        "db.execute(f\"SELECT * FROM films WHERE title = '{title}'\")\n"
        'db.execute("SELECT * FROM films WHERE id = %s" % film_id)\n'
        'db.execute("SELECT {}".format(column))\n'
    )
    result = run(tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[1] for line in result.stdout.splitlines()] == ["2", "3", "4", "5"]
