"""Operator commands a deployment needs: `filmbot stats` and `filmbot --version` (issue 13)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from tests.conftest import ROOT
from tests.console.cli import run_cli

FIXTURES = ROOT / "tests" / "fixtures"


def test_stats_counts_films_by_source_people_reviews_and_size(tmp_path: Path) -> None:
    before = run_cli(tmp_path, "stats")
    assert before.returncode == 0 and "import imdb" not in before.stdout
    assert (
        run_cli(tmp_path, "import", str(FIXTURES / "imdb" / "title.basics.tsv")).returncode == 1
    )  # bad rows
    assert (
        run_cli(tmp_path, "import", str(FIXTURES / "movies.csv"), "--guild", "9").returncode == 1
    )  # The Matrix is shared
    after = run_cli(tmp_path, "stats").stdout
    assert "  import imdb: 4" in after  # five IMDb rows, Memento already in the seed (enriched)
    assert "  import movielens: 4" in after and "servers with films of their own: 1" in after
    assert "  seed: " in after and "reviews: " in after and "ratings: " in after
    people = int(after.split("people: ")[1].split("\n")[0].replace(",", ""))
    assert people > int(before.stdout.split("people: ")[1].split("\n")[0].replace(",", ""))
    assert "database size: " in after and " MiB" in after


def test_version(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--version")
    assert result.returncode == 0 and result.stdout.strip() == f"filmbot {metadata.version('filmbot')}"
