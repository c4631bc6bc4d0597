"""Peak memory: ``briefgen make --jobs 1`` on 2,000 articles vs 20 articles.

Articles are copies of corpus articles under distinct names. Peak RSS is read from the kernel for
that very child (``os.wait4`` rusage ``ru_maxrss``) and, when psutil is installed, also by polling
the process tree every 20 ms (the sum over the process and its children).
Target: peak(2,000) <= 1.2x peak(20). Run: ``python bench/memory.py`` (``--quick``: 200 vs 20).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

TARGET = 1.2


def poll_tree_rss(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Keep ``peak[0]`` at the largest RSS sum of ``pid`` and its children seen (psutil)."""
    try:
        import psutil
    except ImportError:
        return
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
            total = 0
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
        except psutil.Error:
            break
        stop.wait(0.02)


def measure(cmd: list[str], err) -> tuple[float, float, float | None, int]:
    """Run ``cmd`` (stderr to ``err``); return (wall seconds, kernel peak RSS MiB, polled peak MiB or None, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=c.REPO, stdout=subprocess.DEVNULL, stderr=err)
    stop, peak = threading.Event(), [0]
    poller = threading.Thread(target=poll_tree_rss, args=(proc.pid, stop, peak), daemon=True)
    poller.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    stop.set()
    poller.join()
    kernel_mib = usage.ru_maxrss / 1024  # Linux: KiB
    return wall, kernel_mib, (peak[0] / 2**20 if peak[0] else None), proc.returncode


def main() -> int:
    p = c.parser(__doc__.splitlines()[0])
    p.add_argument("--small", type=int, default=20, help="articles in the small run (default 20)")
    p.add_argument("--large", type=int, default=2000, help="articles in the large run (default 2000)")
    args = p.parse_args()
    if args.quick:
        args.large = min(args.large, 200)

    work = c.temp_dir("memory")
    try:
        rep = c.Report(f"memory: peak RSS of briefgen make --jobs 1, {args.large} vs {args.small} articles")
        peaks = {}
        for count in (args.small, args.large):
            c.stage_articles(count, work / f"in-{count}")
            cmd = [*c.briefgen_command(), "make", str(work / f"in-{count}"), "--out", str(work / f"out-{count}"),
                   "--jobs", "1", "--quiet", "--templates", str(c.BUILTIN_PACK)]
            with open(work / f"stderr-{count}", "w+b") as err:
                wall, kernel, polled, code = measure(cmd, err)
                err.seek(0)
                lines = err.read().decode("utf-8", "replace").splitlines()
                errors = [ln for ln in lines if ln.startswith("error:")]
            if code not in (0, 1) or any(ln.startswith("Traceback") for ln in lines):
                rep.note(f"{count} articles: briefgen exited with code {code}: {(lines or ['?'])[-1][:200]}")
            written = len(list((work / f"out-{count}").glob("*.*x")))
            peaks[count] = kernel
            rep.row(f"{count} articles", f"{kernel:.1f} MiB", "-" if polled is None else f"{polled:.1f} MiB",
                    c.secs(wall), f"{written} files, {len(errors)} failed")
            if errors:
                rep.note(f"{count} articles: {len(errors)} failed; first: {errors[0][:160]}")
        ratio = peaks[args.large] / peaks[args.small]
        rep.note("kernel peak: ru_maxrss from os.wait4 for that child; polled: psutil, sum over the process tree "
                 "(includes briefgen's short-lived fc-match children), every 20 ms")
        rep.result(f"peak RSS {args.large} / {args.small} articles", ratio, f"<= {TARGET}x", ratio <= TARGET)
        rep.result(f"peak RSS, {args.large} articles", peaks[args.large], "(info)", None, unit="MiB")
        rep.print(("run", "peak RSS (kernel)", "peak RSS (polled)", "wall time", "output"), args.json)
    finally:
        c.cleanup(work, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
