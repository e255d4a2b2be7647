"""The interactive terminal: line editing, history across sessions and Tab completion.

The standard library's readline edits the line, so input() runs on the main thread, where Ctrl-C
arrives: it clears the line being typed (twice in a row quits), stops a command still running,
and Ctrl-D quits. The bot itself (database, index, commands) runs on an event loop in a worker
thread; each typed line is handed to it and its answer printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from bot.console.complete import complete_line
from bot.console.progress import StartLine
from bot.console.session import HINT, ConsoleSession, is_quit
from bot.core.models import Caller
from bot.settings import Settings
from bot.wiring import FirstStart, Services, open_services

try:
    import readline
except ImportError:  # Windows without pyreadline: plain input(), no history or completion
    readline = None  # type: ignore[assignment]

T = TypeVar("T")
HISTORY_LINES = 1000  # enough to find last week's commands, small enough to load at once
COMPLETION_WAIT_S = 2.0  # a Tab that cannot be answered by then offers nothing rather than hang
PROMPT = "filmbot> "
NUDGE_EVERY_S = 0.02  # short enough that a late Ctrl-C feels immediate; each nudge is a no-op
NUDGE_FOR_S = 1.0  # two Ctrl-C that Python handled as one stop being nudged after this


def history_path(settings: Settings) -> Path:
    """The history file lives next to the database: one per deployment, like its data."""
    return settings.db_path.with_name(".filmbot_history")


class Terminal:
    def __init__(self, settings: Settings, caller: Caller) -> None:
        self.settings, self.caller = settings, caller
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, name="filmbot-loop", daemon=True)
        self.services: Services | None = None
        self.session: ConsoleSession | None = None
        self.matches: list[str] = []
        self.ctrl_c_handled = 0  # how many Ctrl-C the main thread has acted on (see _kick_on_signal)

    def _serve(self) -> None:
        # Ctrl-C and SIGTERM must reach the main thread, which is waiting in readline: a signal
        # the kernel handed to this thread would wake nothing until the next key was pressed.
        # Threads started from here (asyncio.to_thread) inherit the mask.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        self.loop.run_forever()

    def _submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def _wait(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run on the bot's loop and wait; Ctrl-C stops it there and is raised here."""
        future = self._submit(coroutine)
        try:
            return future.result()
        except KeyboardInterrupt:
            future.cancel()
            raise

    def _complete(self, text: str, state: int) -> str | None:
        if state == 0:
            self.matches = []
            if self.session is not None and readline is not None:
                line = readline.get_line_buffer()[: readline.get_endidx()]
                future = self._submit(complete_line(self.session.commands, self.session.caller, line))
                with contextlib.suppress(Exception):
                    self.matches = future.result(timeout=COMPLETION_WAIT_S)
        return self.matches[state] if state < len(self.matches) else None

    def _setup_readline(self) -> None:
        if readline is None:
            return
        readline.set_completer_delims("")  # the completer sees the whole line up to the cursor
        readline.set_completer(self._complete)
        if "libedit" in (readline.__doc__ or ""):
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")
        readline.set_history_length(HISTORY_LINES)
        with contextlib.suppress(OSError):
            readline.read_history_file(history_path(self.settings))

    def _save_history(self) -> None:
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.write_history_file(history_path(self.settings))

    def _kick_on_signal(self) -> None:
        """Make sure Ctrl-C always reaches readline. readline waits for a key in select(); a SIGINT
        that lands just before select() starts is noted by Python but wakes nothing until the next
        key. Python writes every signal's number to the wakeup fd; the loop thread watches it and,
        until the main thread has run its Ctrl-C handler, keeps nudging it with a no-op SIGUSR1
        every NUDGE_EVERY_S: the first nudge that finds it inside select() interrupts the wait, and
        readline then runs the pending handler. Nudges stop once the handler has run (or after
        NUDGE_FOR_S, should two Ctrl-C have been handled as one)."""
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        os.set_blocking(write_end, False)
        signal.signal(signal.SIGUSR1, lambda signum, frame: None)
        signal.signal(signal.SIGINT, self._on_ctrl_c)
        signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
        main = threading.main_thread().ident or 0
        seen = 0

        def nudge(deadline: float) -> None:
            if self.ctrl_c_handled < seen and self.loop.time() < deadline:
                signal.pthread_kill(main, signal.SIGUSR1)
                self.loop.call_later(NUDGE_EVERY_S, nudge, deadline)

        def read_signals() -> None:
            nonlocal seen
            with contextlib.suppress(BlockingIOError):
                arrived = os.read(read_end, 512).count(signal.SIGINT)
                if arrived:
                    seen += arrived
                    nudge(self.loop.time() + NUDGE_FOR_S)

        self.loop.call_soon_threadsafe(self.loop.add_reader, read_end, read_signals)

    def _on_ctrl_c(self, signum: int, frame: FrameType | None) -> None:
        self.ctrl_c_handled += 1
        raise KeyboardInterrupt

    def run(self) -> int:
        self.thread.start()
        self._kick_on_signal()
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            shown = StartLine()
            self.services = self._wait(open_services(self.settings, FirstStart(shown)))
            shown.done()
            self.session = ConsoleSession(self.services.commands, self.caller)
            self._setup_readline()
            print(HINT)
            return self._converse(self.session)
        except KeyboardInterrupt:  # Ctrl-C while starting up, or while quitting
            print()
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            self._save_history()
            if self.services is not None:
                with contextlib.suppress(Exception):
                    self._submit(self.services.close()).result(timeout=10)
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=5)

    def _converse(self, session: ConsoleSession) -> int:
        interrupted = False
        while True:
            try:
                line = input(PROMPT)
            except KeyboardInterrupt:
                if interrupted:
                    print()
                    return 0
                interrupted = True
                print("^C  (the line is cleared: Ctrl-C again or Ctrl-D quits)")
                continue
            except EOFError:
                print()
                return 0
            interrupted = False
            if is_quit(line):
                return 0
            try:
                text, _ = self._wait(session.run_line(line))
            except KeyboardInterrupt:
                print("\nStopped.")
                continue
            if text:
                print(text)


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)  # SIGTERM: leave like Ctrl-D, closing the database on the way out


def run_terminal(settings: Settings, caller: Caller) -> int:
    return Terminal(settings, caller).run()
