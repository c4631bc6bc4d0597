"""Running many articles: in this process or across worker processes, results in input order.

One article's failure is a value (its message), never an exception that stops the batch.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefgenError
from .forked import can_fork
from .pipeline import BriefingResult, OutputFormat, make_briefing
from .plan.pack import TemplatePack, load_pack
from .readers import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class BatchSettings:
    """What every article of a batch is briefed with (picklable, sent to worker processes)."""

    pack_root: Path
    out_dir: Path
    formats: tuple[OutputFormat, ...]
    max_bytes: int = DEFAULT_MAX_BYTES
    debug: bool = False


Outcome = BriefingResult | str

_worker_pack: TemplatePack | None = None
_worker_settings: BatchSettings | None = None
_worker_articles = 0


def default_jobs() -> int:
    """Return the default number of worker processes: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(inputs: list[Path], stems: dict[Path, str], settings: BatchSettings, pack: TemplatePack,
              jobs: int = 1) -> Iterator[tuple[Path, Outcome]]:
    """Yield ``(input, BriefingResult or error message)`` for each input, in input order.

    One article, or ``jobs`` 1, runs in this process: no worker pool is started. One article with
    ``jobs`` 2 or more has its formats rendered side by side instead (see ``splits_formats``).
    """
    if jobs <= 1 or len(inputs) <= 1:
        parallel = splits_formats(len(inputs), jobs, settings.formats, settings.debug)
        for i, path in enumerate(inputs):
            if i:
                gc.collect()
            yield path, attempt(path, stems[path], settings, pack, parallel=parallel)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415  (multiprocessing: only for a pool)

    with ProcessPoolExecutor(max_workers=min(jobs, len(inputs)), initializer=_init_worker,
                             initargs=(settings,)) as pool:
        results = pool.map(_work, inputs, [stems[p] for p in inputs], chunksize=1)
        yield from zip(inputs, results)


def splits_formats(articles: int, jobs: int, formats: tuple[OutputFormat, ...], debug: bool) -> bool:
    """True when a batch makes one article's formats side by side (see ``pipeline``), in two processes.

    Only for a single article (a batch of several keeps every worker busy with whole articles),
    two or more formats and ``jobs`` above 1, where the system allows it (``can_fork``); not with
    ``--debug``, whose tracebacks a forked process cannot hand back.
    """
    return articles == 1 and jobs > 1 and len(formats) > 1 and not debug and can_fork()


def attempt(path: Path, stem: str, settings: BatchSettings, pack: TemplatePack, *,
            parallel: bool = False) -> Outcome:
    """Return the briefing of one article, or the message saying why it failed.

    python-pptx/python-docx object trees are reference cycles: whoever runs several articles in
    one process collects them between articles (``gc.collect()``), so that memory stays flat
    over a batch of any size; nothing is collected after the last one, the process is ending.
    """
    return capture(lambda: make_briefing(path, pack, settings.out_dir, stem, settings.formats,
                                         max_bytes=settings.max_bytes, parallel=parallel), path, settings.debug)


def capture(work: Callable[[], BriefingResult], path: Path, debug: bool):
    """Return ``work()``, or a one-line message naming ``path`` when it fails."""
    try:
        return work()
    except BriefgenError as exc:
        return str(exc) if exc.path else f"{path}: {exc}"
    except RecursionError:
        return f"{path}: too deeply nested to process"
    except MemoryError:
        return f"{path}: too large to process in memory"
    except Exception as exc:  # noqa: BLE001 - a bug met on one article must not stop the batch
        if debug:
            raise
        return f"{path}: internal error ({type(exc).__name__}: {exc}); rerun with --debug for details"


def _init_worker(settings: BatchSettings) -> None:
    global _worker_pack, _worker_settings
    _worker_settings = settings
    _worker_pack = load_pack(settings.pack_root)


def _work(path: Path, stem: str) -> Outcome:
    global _worker_articles
    assert _worker_pack is not None and _worker_settings is not None
    if _worker_articles:
        gc.collect()  # the previous article's object trees (see ``attempt``)
    _worker_articles += 1
    return attempt(path, stem, _worker_settings, _worker_pack)
