"""The layers only depend downwards: core imports neither discord nor SQLite; store never discord;
file formats only the core."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORBIDDEN = {
    "core": ("discord", "aiosqlite", "sqlite3", "bot.store", "bot.app", "bot.console"),
    "store": ("discord", "bot.app", "bot.console"),
    # File formats are shared by every backend: they know only the core.
    "formats": ("discord", "aiosqlite", "sqlite3", "bot.store", "bot.app", "bot.console", "bot.wiring"),
}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    files = sorted((ROOT / "bot" / layer).rglob("*.py"))
    assert files
    offending = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in sorted(imported(path))
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    ]
    assert offending == []


# Storage is reached through the ports in bot.core.ports: only the store itself and the wiring
# name the SQLite classes, so a second backend plugs in without touching handlers or adapters.
STORE_USERS = {"bot/store", "bot/wiring.py"}


def test_only_the_store_and_the_wiring_import_the_store() -> None:
    offending = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if not any(str(path.relative_to(ROOT)).startswith(user) for user in STORE_USERS)
        for name in sorted(imported(path))
        if name == "bot.store" or name.startswith("bot.store.")
    ]
    assert offending == []
