"""Run every benchmark (``--quick`` unless ``--full``) and print one summary table of the targets.

Run from the repo root: ``python bench/run_all.py`` (quick, a few minutes) or
``python bench/run_all.py --full`` (the sizes the issue asks for; the 2,000-article memory run
and the 1 MiB article take a long while). Always exits 0: benchmarks measure, they do not fail.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

BENCHMARKS = ("floor", "pandoc", "parallel", "memory", "growth", "startup")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--full", action="store_true", help="full sizes instead of --quick")
    p.add_argument("--quick", action="store_true", help="the quick sizes (the default; for symmetry with the other scripts)")
    p.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these")
    p.add_argument("--profile", action="store_true", help="also run bench/profile.py")
    args = p.parse_args()
    facts = c.machine()
    print(f"machine: {facts['nproc']} cores, {facts['cpu']}, Python {facts['python']}, {facts['platform']}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}; load average {c.load_average():.1f}")
    summary = []
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-all-") as tmp:
        for name in args.only or BENCHMARKS:
            out = Path(tmp) / f"{name}.json"
            cmd = [sys.executable, str(c.REPO / "bench" / f"{name}.py"), "--json", str(out)]
            if not args.full:
                cmd.append("--quick")
            print(f"\n$ {' '.join(cmd[1:2])} {' '.join(cmd[2:])}", flush=True)
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=c.REPO, check=False)
            took = time.perf_counter() - start
            if out.is_file():
                for r in json.loads(out.read_text())["results"]:
                    summary.append((name, r["metric"], c._fmt_measured(r), r["target"],
                                    "-" if r["met"] is None else ("yes" if r["met"] else "NO")))
            else:
                summary.append((name, f"(no results: exit {proc.returncode})", "", "", ""))
            print(f"({name}: {took:.0f} s)")
        if args.profile:
            cmd = [sys.executable, str(c.REPO / "bench" / "profile.py")] + ([] if args.full else ["--quick"])
            print(f"\n$ {' '.join(cmd[1:])}", flush=True)
            subprocess.run(cmd, cwd=c.REPO, check=False)
    print("\n== summary ==")
    c.print_table(("benchmark", "metric", "measured", "target", "meets target"), summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
