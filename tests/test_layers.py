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
    # Commands are front-end free: Discord and the terminal are generated from them.
    "commands": ("discord", "aiosqlite", "sqlite3", "bot.app", "bot.console", "bot.wiring"),
}


def imported(path: Path) -> set[str]:
    names: set[str] = set()
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


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _loaded_at_import(path: Path, modules: set[str]) -> set[str]:
    """The bot modules a module imports, at load time or inside functions (a cycle hidden in a
    function is still a cycle), but not those imported only for type checking.
    `from package import module` depends on that module, not on the package's own code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    names = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bot"):
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & modules
            names.update(submodules or {node.module})
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("bot"))
    return names


def test_no_import_cycles() -> None:
    files = {_module(path): path for path in (ROOT / "bot").rglob("*.py")}
    graph = {
        name: _loaded_at_import(path, set(files)) & files.keys() - {name} for name, path in files.items()
    }
    state: dict[str, int] = {}  # 1: being visited, 2: done
    cycles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target] if target in trail else [name, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
