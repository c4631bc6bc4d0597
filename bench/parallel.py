"""Parallel scaling: ``briefgen make --jobs N`` on 200 articles, N=1 vs N=2 (and the default).

Also checks that the files written with --jobs 1 and --jobs 2 are byte-identical.
Target: >= 1.7x speed-up at 2 jobs on 2 cores. Run: ``python bench/parallel.py`` (``--quick``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

TARGET = 1.7


def compare_outputs(a: Path, b: Path) -> tuple[int, int, list[str]]:
    """Return (files compared, files differing, names missing or differing) between two folders."""
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differing = [n for n in names if not ((a / n).is_file() and (b / n).is_file()
                                          and (a / n).read_bytes() == (b / n).read_bytes())]
    return len(names), len(differing), differing


def main() -> int:
    p = c.parser(__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=200, help="how many articles (default 200)")
    p.add_argument("--repeat", type=int, default=1, help="runs per setting, best wall time kept (default 1)")
    args = p.parse_args()
    if args.quick:
        args.articles = min(args.articles, 30)

    work = c.temp_dir("parallel")
    try:
        c.stage_articles(args.articles, work / "in")
        cmd = [*c.briefgen_command(), "make", str(work / "in"), "--quiet", "--templates", str(c.BUILTIN_PACK)]
        settings = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"], "default (no --jobs)": []}
        runs: dict[str, list[tuple[float, float, int]]] = {k: [] for k in settings}
        crashes: list[str] = []
        for rep_i in range(args.repeat):
            for label, extra in settings.items():
                out = work / f"out-{label.split()[-1].strip('()')}"
                wall, cpu, proc = c.run_timed([*cmd, "--out", str(out), *extra])
                if note := c.crash_note(proc):
                    crashes.append(f"{label}: {note}")
                runs[label].append((wall, cpu, c.count_errors(proc)))
        files, differing, names = compare_outputs(work / "out-1", work / "out-2")

        rep = c.Report(f"parallel: briefgen make on {args.articles} articles, {os.cpu_count()} cores")
        best = {k: min(v) for k, v in runs.items()}
        base = best["--jobs 1"][0]
        for label, (wall, cpu, errors) in best.items():
            rep.row(label, c.secs(wall), c.secs(cpu), f"{base / wall:.2f}x", errors)
        for note in dict.fromkeys(crashes):
            rep.note(note)
        rep.note(f"--jobs 1 vs --jobs 2 outputs: {files} files compared, {differing} differ"
                 + (f" (first: {names[0]})" if names else " (byte-identical)"))
        speedup = base / best["--jobs 2"][0]
        rep.result("speed-up at --jobs 2", speedup, f">= {TARGET}x", speedup >= TARGET)
        cpu1, cpu2 = best["--jobs 1"][1], best["--jobs 2"][1]
        rep.result("speed-up bound from CPU time (2 x CPU@1 / CPU@2)", 2 * cpu1 / cpu2, "(info: if cores were free)",
                   None)
        rep.result("speed-up at default jobs", base / best["default (no --jobs)"][0], "(info)", None)
        rep.result("files differing between --jobs 1 and 2", differing, "0", differing == 0, unit="files")
        rep.print(("run", "wall time", "CPU time", "speed-up", "failed articles"), args.json)
    finally:
        c.cleanup(work, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
