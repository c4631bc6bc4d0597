"""Shared helpers for the benchmarks in ``bench/``: the corpus, timing, tables, machine facts.

The corpus (third-party text) is read at run time from ``../shared/corpus`` relative to the repo;
when it is absent the repo's own ``inputs/`` are used instead, with a printed note. Articles are
only ever copied into temporary folders, never into the project.

Benchmarks measure and print; they never fail on a missed target (exit code 0).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
BBC = CORPUS / "bbc" / "articles"
BUILTIN_PACK = REPO / "briefgen" / "packs" / "default"


# --------------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------------


def corpus_articles() -> list[Path]:
    """Return the benchmark articles: BBC business and tech interleaved, else the repo's inputs/."""
    groups = [sorted((BBC / cat).glob("*.txt")) for cat in ("business", "tech")]
    if any(groups):
        interleaved = [p for pair in _zip_longest(*groups) for p in pair if p is not None]
        return interleaved
    print(f"note: corpus not found at {BBC}; using the repo's inputs/ (numbers are less meaningful)")
    return sorted(p for p in (REPO / "inputs").iterdir() if p.suffix in {".txt", ".md", ".html"})


def _zip_longest(*lists):
    longest = max(len(x) for x in lists)
    for i in range(longest):
        yield tuple(x[i] if i < len(x) else None for x in lists)


def pick_articles(count: int) -> list[Path]:
    """Return ``count`` article paths (cycling through the corpus when it has fewer)."""
    articles = corpus_articles()
    return [articles[i % len(articles)] for i in range(count)]


def stage_articles(count: int, folder: Path) -> list[Path]:
    """Copy ``count`` articles into ``folder`` under distinct names (repeats allowed); return them."""
    folder.mkdir(parents=True, exist_ok=True)
    staged = []
    for i, src in enumerate(pick_articles(count)):
        target = folder / f"a{i:05d}-{src.parent.name}-{src.stem}{src.suffix}"
        shutil.copyfile(src, target)
        staged.append(target)
    return staged


def pipeline_zip_step():
    """Return the zip step ``make_briefing`` applies after rendering (identity when it has none).

    Earlier versions of the pipeline re-zipped the renderers' bytes with ``output.normalise_zip``;
    now the renderers normalise their own packages. Benchmarks follow whichever the code does.
    """
    import briefgen.pipeline as pipeline  # noqa: PLC0415

    step = getattr(pipeline, "normalise_zip", None)
    return step if callable(step) else (lambda data: data)


def temp_dir(prefix: str) -> Path:
    """Return a new temporary folder (the caller removes it)."""
    return Path(tempfile.mkdtemp(prefix=f"briefgen-bench-{prefix}-"))


# --------------------------------------------------------------------------------------------
# Running and timing
# --------------------------------------------------------------------------------------------


def briefgen_command() -> list[str]:
    """Return the command that runs the installed ``briefgen`` CLI (console script, else -m)."""
    script = Path(sys.executable).parent / "briefgen"
    if script.is_file():
        return [str(script)]
    found = shutil.which("briefgen")
    return [found] if found else [sys.executable, "-m", "briefgen"]


def children_cpu() -> float:
    """Return the CPU seconds (user + system) used so far by this process's waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(cmd: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run ``cmd`` to completion; return (wall seconds, CPU seconds of it and its children, process).

    CPU time counts every descendant that was waited for (xargs's pandoc runs, worker processes),
    and is much less disturbed than wall time when other work shares the machine.
    """
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    kwargs.setdefault("cwd", REPO)
    cpu0 = children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, check=False, **kwargs)
    return time.perf_counter() - start, children_cpu() - cpu0, proc


def load_average() -> float:
    """Return the 1-minute load average (nan where unknown)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def load_note() -> str | None:
    """Return a warning when other work loads the machine (wall-clock numbers are then unreliable)."""
    load, cores = load_average(), os.cpu_count() or 1
    if load > 0.5 * cores:
        return (f"machine busy: load average {load:.1f} on {cores} cores while measuring; wall times and "
                f"parallel speed-ups are pessimistic, CPU-time ratios are the steadier numbers")
    return None


def count_errors(proc: subprocess.CompletedProcess) -> int:
    """Return how many ``error:`` lines a briefgen run printed on stderr."""
    text = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else (proc.stderr or "")
    return sum(1 for line in text.splitlines() if line.startswith("error:"))


def first_error(proc: subprocess.CompletedProcess) -> str:
    """Return the first ``error:`` line of a run's stderr ("" when none)."""
    text = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else (proc.stderr or "")
    return next((line for line in text.splitlines() if line.startswith("error:")), "")


def crash_note(proc: subprocess.CompletedProcess, what: str = "briefgen") -> str | None:
    """Return a note when a run crashed or refused to run (exit code not 0/1), with its last stderr line."""
    text = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else (proc.stderr or "")
    if proc.returncode in (0, 1) and "Traceback (most recent call last)" not in text:
        return None
    last = (text.strip().splitlines() or ["(no output)"])[-1]
    return f"{what} exited with code {proc.returncode}: {last[:200]}"


def median(values) -> float:
    """Return the median of ``values`` (nan when empty)."""
    values = list(values)
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    """Return seconds shown in milliseconds."""
    return f"{seconds * 1000:,.1f} ms"


def secs(seconds: float) -> str:
    """Return seconds shown with 2 decimals."""
    return f"{seconds:,.2f} s"


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


@dataclass
class Report:
    """What a benchmark prints: a table of measurements and its verdict lines against targets."""

    name: str
    rows: list[tuple[str, ...]] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.load_at_start = load_average()

    def row(self, *cells: object) -> None:
        """Add one row to the measurement table."""
        self.rows.append(tuple(str(c) for c in cells))

    def result(self, metric: str, measured: float, target: str, met: bool | None, unit: str = "x") -> None:
        """Record one headline number and whether it meets its target (None: no target)."""
        self.results.append({"metric": metric, "measured": measured, "unit": unit, "target": target,
                             "met": met})

    def note(self, text: str) -> None:
        """Add a line printed under the table."""
        self.notes.append(text)

    def print(self, headers: tuple[str, ...], json_path: str | None = None) -> None:
        """Print the table and the headline results (and write them as JSON when asked)."""
        print()
        print(f"== {self.name} ==")
        print_table(headers, self.rows)
        busy = load_note()
        if busy is None and self.load_at_start > 0.5 * (os.cpu_count() or 1):
            busy = f"machine busy: load average {self.load_at_start:.1f} when the benchmark started"
        if busy:
            self.notes.append(busy)
        for line in self.notes:
            print(f"note: {line}")
        if self.results:
            print()
            print_table(("metric", "measured", "target", "meets target"), [
                (r["metric"], _fmt_measured(r), r["target"],
                 "-" if r["met"] is None else ("yes" if r["met"] else "NO")) for r in self.results])
        if json_path:
            Path(json_path).write_text(json.dumps({"name": self.name, "headers": list(headers),
                                                   "rows": [list(r) for r in self.rows], "results": self.results,
                                                   "notes": self.notes}, indent=2))


def _fmt_measured(result: dict) -> str:
    value = result["measured"]
    if value != value:  # nan
        return "n/a"
    unit = result["unit"]
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:g} {unit}"


def print_table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Print a plain-text table with aligned columns (a Markdown table, so it pastes into docs)."""
    rows = [tuple(r) + ("",) * (len(headers) - len(r)) for r in rows]
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    print("| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")


def parser(description: str) -> argparse.ArgumentParser:
    """Return an argument parser with the options every benchmark has (--quick, --json)."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--quick", action="store_true", help="a smaller, faster run (for smoke checks)")
    p.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    p.add_argument("--keep", action="store_true", help="keep the temporary folders (printed)")
    return p


def cleanup(folder: Path, keep: bool) -> None:
    """Remove a temporary folder unless asked to keep it."""
    if keep:
        print(f"kept {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)


def machine() -> dict[str, str]:
    """Return the facts of this machine that the numbers depend on."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform()}
