"""Fail when bot/ loads YAML unsafely or builds SQL from formatted strings.

Run by `make lint` (and so by CI). Patterns are deliberately simple: a hit is either a real problem
or a line that should be rewritten so that a reader can see at a glance it is safe.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CHECKS = [
    (
        re.compile(r"yaml\.(load|load_all|unsafe_load|full_load|full_load_all)\("),
        "YAML loaded without the safe loader: use bot.formats.yamlfile",
    ),
    (
        re.compile(r"""(execute|executemany|executescript|execute_fetchall)\(\s*f["']"""),
        "SQL built with an f-string: use ? or :name parameters",
    ),
    (
        re.compile(r"""(execute|executemany|executescript|execute_fetchall)\(\s*["'][^"']*["']\s*%"""),
        "SQL built with % formatting: use ? or :name parameters",
    ),
    (
        re.compile(r"""(execute|executemany|executescript|execute_fetchall)\([^)]*\.format\("""),
        "SQL built with str.format: use ? or :name parameters",
    ),
]


def scan(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for pattern, message in CHECKS:
                if pattern.search(line):
                    problems.append(f"{path}:{number}: {message}")
    return problems


def main(argv: list[str]) -> int:
    roots = [Path(arg) for arg in argv] or [Path("bot")]
    problems = [problem for root in roots for problem in scan(root)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
