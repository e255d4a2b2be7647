"""Real storage faults for tests: a tiny or read-only tmpfs (root), else a read-only folder."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(folder: Path, options: str) -> bool:
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, check=False
    )
    return result.returncode == 0


@contextmanager
def small_disk(folder: Path, size_kib: int) -> Iterator[Path]:
    """A real file system of size_kib that fills up; skips where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount(folder, f"size={size_kib}k,mode=0777"):
        pytest.skip("a small tmpfs needs root with mount rights; the RLIMIT_FSIZE test covers the rest")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """A folder nobody may write into: a read-only mount for root (who ignores modes), else chmod."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        if not _mount(folder, "ro,size=64k"):
            pytest.skip("root ignores file modes, and mounting a read-only tmpfs is not allowed here")
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=False)
        return
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield folder
    finally:
        folder.chmod(stat.S_IRWXU)
