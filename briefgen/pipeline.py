"""The whole path for one article: read -> analyse -> plan -> render -> write (atomically).

One article's formats can also be rendered side by side (``make_briefing(parallel=True)``): the
Word briefing in a forked process while this one renders the deck. ``briefgen make one.txt`` on a
machine with two cores then waits for the slower of the two, not for both (see ``can_fork``).
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis import analyse
from .model import Brief
from .output import write_atomic
from .readers import DEFAULT_MAX_BYTES, read_article

if TYPE_CHECKING:
    from .plan.pack import TemplatePack


class OutputFormat(str, Enum):
    """The briefing formats briefgen writes."""

    PPTX = "pptx"
    DOCX = "docx"


@dataclass(frozen=True)
class BriefingResult:
    """What one article produced: the files written and the warnings met on the way."""

    source: Path
    title: str
    files: tuple[Path, ...]
    warnings: tuple[str, ...]


def brief_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Brief:
    """Return the ``Brief`` of one article file. Raises ``InputError``."""
    return analyse(read_article(path, max_bytes=max_bytes))


def stages(fmt: OutputFormat) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """Return the plan and render functions of ``fmt`` (``plan_deck``, ``render_pptx``), loading them on first use.

    Planning needs jinja2 and YAML, each renderer python-pptx or python-docx: reading an article
    (``brief_file``, ``briefgen parse``) loads none of them, writing one format only its own.
    """
    if fmt is OutputFormat.PPTX:
        from .plan import plan_deck  # noqa: PLC0415
        from .render.pptx import render_pptx  # noqa: PLC0415

        return plan_deck, render_pptx
    from .plan import plan_document  # noqa: PLC0415
    from .render.docx import render_docx  # noqa: PLC0415

    return plan_document, render_docx


def make_briefing(path: Path, pack: TemplatePack, out_dir: Path, stem: str,
                  formats: tuple[OutputFormat, ...], *, max_bytes: int = DEFAULT_MAX_BYTES,
                  parallel: bool = False) -> BriefingResult:
    """Write the briefing files of one article into ``out_dir`` and return what was written.

    Every file is rendered in memory first and then written atomically, so a failure leaves
    no half-written file (and no file of another format either). ``parallel``: render the formats
    after the first in forked processes, side by side with the first (when ``can_fork()``); the
    files are the same. Raises ``BriefgenError`` subclasses.
    """
    brief = brief_file(path, max_bytes=max_bytes)
    wanted = [fmt for fmt in OutputFormat if fmt in formats]  # the deck first, then the document
    elsewhere = wanted[1:] if parallel and can_fork() else []
    forked = [(fmt, fork_call(partial(render_format, fmt, brief, pack))) for fmt in elsewhere]
    outcomes: dict[OutputFormat, tuple[bytes, tuple[str, ...]]] = {}
    try:
        for fmt in wanted:
            if fmt not in elsewhere:
                outcomes[fmt] = render_format(fmt, brief, pack)
    finally:
        finished = [(fmt, collect()) for fmt, collect in forked]  # always reap the children
    for fmt, outcome in finished:
        outcomes[fmt] = outcome.value()
    rendered = [(out_dir / f"{stem}.{fmt.value}", outcomes[fmt][0]) for fmt in wanted]
    warnings = [w for fmt in wanted for w in outcomes[fmt][1]]
    for target, data in rendered:
        write_atomic(target, data)
    return BriefingResult(path, brief.title, tuple(t for t, _ in rendered), tuple(dict.fromkeys(warnings)))


def render_format(fmt: OutputFormat, brief: Brief, pack: TemplatePack) -> tuple[bytes, tuple[str, ...]]:
    """Return one format's file contents for ``brief`` and the warnings of planning and rendering it."""
    plan_for, render = stages(fmt)
    plan, plan_warnings = plan_for(brief, pack)
    data, render_warnings = render(plan, pack)
    return data, (*plan_warnings, *render_warnings)


# --------------------------------------------------------------------------------------------
# One call in a forked process
# --------------------------------------------------------------------------------------------


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
    """What a forked call came back with: its value, or the exception it raised."""

    ok: bool
    payload: Any

    def value(self) -> Any:
        """Return the call's value, or raise its exception."""
        if self.ok:
            return self.payload
        raise self.payload


def fork_call(work: Callable[[], Any]) -> Callable[[], _Outcome]:
    """Start ``work()`` in a forked child process; return the function that waits for its outcome.

    The child starts as a copy of this process (modules, the article's analysis, the template
    pack), sends back the pickled value or exception through a pipe and exits at once, without
    this process's exit handlers or buffered output. Call the returned function exactly once.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        status = 1
        try:
            os.close(read_fd)
            try:
                outcome = _Outcome(True, work())
            except Exception as exc:  # noqa: BLE001 - sent to the parent, which raises it
                outcome = _Outcome(False, exc)
            try:
                data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that cannot be pickled: send its text
                failure = outcome.payload if not outcome.ok else TypeError("result cannot be pickled")
                data = pickle.dumps(_Outcome(False, RuntimeError(f"{type(failure).__name__}: {failure}")))
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)  # noqa: SLF001 - a forked child must not run the parent's clean-up
    os.close(write_fd)

    def collect() -> _Outcome:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not data:
            return _Outcome(False, RuntimeError(f"a forked render process ended without a result "
                                                f"(wait status {status})"))
        return pickle.loads(data)  # noqa: S301 - our own child's bytes

    return collect
