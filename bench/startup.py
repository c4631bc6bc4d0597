"""Start-up cost: ``briefgen make one.txt`` as a whole process vs a minimal python-pptx/docx process.

Baseline: a fresh Python process that imports python-pptx and python-docx and saves one deck and
one document from the same reference files (``Presentation(ref).save``, ``Document(ref).save``).
Also lists the top offenders of ``python -X importtime -c "import briefgen.cli"``. By default a single
article's Word briefing is rendered in a second process while the deck renders (on Linux with two
or more cores); ``--jobs 1`` (one process) and the CPU time of both processes are shown beside it.
Target: briefgen <= 1.5x the baseline (median of several runs). Run: ``python bench/startup.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

TARGET = 1.5
BASELINE = """
import sys
from pptx import Presentation
from docx import Document
Presentation(sys.argv[1]).save(sys.argv[3])
Document(sys.argv[2]).save(sys.argv[4])
"""


def import_offenders(top: int) -> tuple[list[tuple[float, float, str]], list[tuple[float, float, str]], float]:
    """Return the import-time offenders of ``import briefgen.cli``: packages and briefgen modules.

    Each is (cumulative ms, self ms, name): the top ``top`` top-level packages other than briefgen
    (cumulative time of their outermost import, nested imports included, so they overlap), the top
    briefgen modules, and the total.
    """
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import briefgen.cli"], cwd=c.REPO,
                          capture_output=True, text=True, check=False)
    parsed = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S.*)$", line)
        if m:
            parsed.append((int(m.group(2)) / 1000, int(m.group(1)) / 1000, len(m.group(3)), m.group(4).strip()))
    # Keep only briefgen.cli's own subtree (children are printed before their parent, indented);
    # what the interpreter's start-up (site, .pth files) imports is not briefgen's doing.
    end = next((i for i, r in enumerate(parsed) if r[3] == "briefgen.cli"), len(parsed) - 1)
    begin = end
    while begin > 0 and parsed[begin - 1][2] > parsed[end][2]:
        begin -= 1
    rows = [(cum, own, name) for cum, own, _, name in parsed[begin:end + 1]]
    total = next((cum for cum, _, name in rows if name == "briefgen.cli"), float("nan"))
    packages: dict[str, tuple[float, float, str]] = {}
    for cum, own, name in rows:
        root = name.split(".")[0]
        if root == "briefgen":
            continue
        own_total = sum(o for _, o, n in rows if n.split(".")[0] == root)
        if root not in packages or cum > packages[root][0]:
            packages[root] = (cum, own_total, root)
    ours = sorted(((cum, own, name) for cum, own, name in rows if name.startswith("briefgen.")
                   and name != "briefgen.cli"), reverse=True)
    return sorted(packages.values(), reverse=True)[:top], ours[:top], total


def main() -> int:
    p = c.parser(__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=7, help="runs of each, median kept (default 7)")
    p.add_argument("--top", type=int, default=12, help="import-time offenders to list (default 12)")
    args = p.parse_args()
    if args.quick:
        args.repeat = min(args.repeat, 3)

    work = c.temp_dir("startup")
    try:
        article = c.stage_articles(1, work / "in")[0]
        ref_pptx, ref_docx = c.BUILTIN_PACK / "reference.pptx", c.BUILTIN_PACK / "reference.docx"
        bg_cmd = [*c.briefgen_command(), "make", str(article), "--out", str(work / "out"), "--quiet",
                  "--templates", str(c.BUILTIN_PACK)]
        base_cmd = [sys.executable, "-c", BASELINE, str(ref_pptx), str(ref_docx),
                    str(work / "base.pptx"), str(work / "base.docx")]
        one_process = [*bg_cmd, "--jobs", "1"]
        nothing = [sys.executable, "-c", "pass"]
        runs = {"briefgen": [], "briefgen --jobs 1": [], "baseline": [], "python -c pass": []}
        errors, crash = 0, ""
        c.run_timed(bg_cmd), c.run_timed(base_cmd)  # warm the page cache (and the storyboard cache)
        for _ in range(args.repeat):
            for label, cmd in (("briefgen", bg_cmd), ("briefgen --jobs 1", one_process), ("baseline", base_cmd),
                               ("python -c pass", nothing)):
                wall, cpu, proc = c.run_timed(cmd)
                runs[label].append((wall, cpu))
                if label.startswith("briefgen") and proc.returncode != 0:
                    errors += 1
                    crash = c.crash_note(proc) or c.first_error(proc)
        med = {k: (c.median(w for w, _ in v), c.median(u for _, u in v)) for k, v in runs.items()}
        rep = c.Report(f"startup: one article as a whole process (median of {args.repeat})")
        rep.row(f"briefgen make one.txt --out X", c.secs(med["briefgen"][0]), c.secs(med["briefgen"][1]),
                f"{med['briefgen'][0] / med['baseline'][0]:.2f}x")
        rep.row("briefgen make one.txt --out X --jobs 1 (one process)", c.secs(med["briefgen --jobs 1"][0]),
                c.secs(med["briefgen --jobs 1"][1]), f"{med['briefgen --jobs 1'][0] / med['baseline'][0]:.2f}x")
        rep.row("python: import pptx, docx; save deck and document", c.secs(med["baseline"][0]),
                c.secs(med["baseline"][1]), "1.00x")
        rep.row("python -c pass (interpreter alone)", c.secs(med["python -c pass"][0]),
                c.secs(med["python -c pass"][1]), f"{med['python -c pass'][0] / med['baseline'][0]:.2f}x")
        if errors:
            rep.note(f"briefgen exited non-zero in {errors} run(s): {crash}")
        packages, ours, total = import_offenders(args.top)
        rep.note(f"python -X importtime -c 'import briefgen.cli': {total:.0f} ms in all (one run).")
        rep.note("top packages (cumulative ms of the outermost import, nested imports overlap / self ms of all "
                 "its modules):")
        for cum, own, name in packages:
            rep.note(f"  {cum:7.1f} {own:7.1f}  {name}")
        rep.note("briefgen modules (cumulative ms / self ms):")
        for cum, own, name in ours[:6]:
            rep.note(f"  {cum:7.1f} {own:7.1f}  {name}")
        ratio = med["briefgen"][0] / med["baseline"][0]
        rep.result("briefgen one article / baseline process", ratio, f"<= {TARGET}x", ratio <= TARGET)
        rep.result("same, CPU time (both processes)", med["briefgen"][1] / med["baseline"][1], "(info)", None)
        rep.result("briefgen --jobs 1 / baseline process", med["briefgen --jobs 1"][0] / med["baseline"][0],
                   "(info)", None)
        rep.print(("process", "wall (median)", "CPU (median)", "vs baseline"), args.json)
    finally:
        c.cleanup(work, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
