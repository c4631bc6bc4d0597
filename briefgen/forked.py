"""Work handed to a forked copy of this process, its results streamed back through a pipe.

``briefgen make one.txt`` uses it to read the article and write the Word briefing in a second
process while this one loads python-pptx and renders the deck (see ``pipeline.make_briefing``).
A fork starts as a copy of this process (its modules, the template pack), so nothing has to be
sent to it; what it produces comes back pickled, one message per value, as soon as it is ready.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO

_HEADER = 8  # bytes of each message's length


def can_fork() -> bool:
    """True when work may be handed to a forked copy of this process.

    Only on Linux (where ``fork`` is the long-standing default of ``multiprocessing``; macOS system
    libraries are not safe to use after a fork) and only while this process has a single thread:
    a fork copies just the calling thread, and a lock another thread held would never be released.
    """
    threading = sys.modules.get("threading")
    single = threading is None or threading.active_count() == 1
    return sys.platform.startswith("linux") and hasattr(os, "fork") and single


@dataclass(frozen=True)
class _Outcome:
    """One message: a value the child produced, or the exception that ended it."""

    ok: bool
    payload: Any


def _send(pipe: BinaryIO, outcome: _Outcome) -> None:
    """Write one message (length, then pickle) and flush it, so the parent can use it at once."""
    try:
        data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - a value or exception that cannot be pickled: send its text
        failure = outcome.payload if not outcome.ok else TypeError("the result cannot be pickled")
        data = pickle.dumps(_Outcome(False, RuntimeError(f"{type(failure).__name__}: {failure}")))
    pipe.write(len(data).to_bytes(_HEADER, "little"))
    pipe.write(data)
    pipe.flush()


class Forked:
    """A forked process producing values; ``receive()`` them in order, then ``close()``."""

    def __init__(self, produce: Callable[[], Iterable[Any]]) -> None:
        """Fork; the child sends every value ``produce()`` yields, or the exception it raises, and exits.

        The child leaves with ``os._exit``: without this process's exit handlers, buffered output
        or clean-up, which belong to this process alone.
        """
        read_fd, write_fd = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            raise
        if pid == 0:  # the child
            status = 1
            try:
                os.close(read_fd)
                with os.fdopen(write_fd, "wb") as pipe:
                    try:
                        for value in produce():
                            _send(pipe, _Outcome(True, value))
                    except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
                        _send(pipe, _Outcome(False, exc))
                status = 0
            finally:
                os._exit(status)
        os.close(write_fd)
        self._pid: int | None = pid
        self._pipe = os.fdopen(read_fd, "rb")
        self._status: int | None = None

    def receive(self) -> Any:
        """Return the child's next value; raise the exception it raised, or RuntimeError when it
        ended without sending one."""
        header = self._pipe.read(_HEADER)
        data = self._pipe.read(int.from_bytes(header, "little")) if len(header) == _HEADER else b""
        if not data:
            self._wait()
            raise RuntimeError(f"a forked process ended without a result (exit code {self._exit_code()})")
        outcome: _Outcome = pickle.loads(data)  # noqa: S301 - our own child's bytes
        if not outcome.ok:
            raise outcome.payload
        return outcome.payload

    def close(self) -> None:
        """Stop the child if it is still working (its results are not wanted) and wait for it."""
        self._pipe.close()
        if self._pid is not None:
            pid, status = os.waitpid(self._pid, os.WNOHANG)
            if pid == 0:  # still running
                os.kill(self._pid, signal.SIGKILL)
                self._wait()
            else:
                self._pid, self._status = None, status

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _wait(self) -> None:
        if self._pid is not None:
            _, self._status = os.waitpid(self._pid, 0)
            self._pid = None

    def _exit_code(self) -> int | str:
        return "unknown" if self._status is None else os.waitstatus_to_exitcode(self._status)
