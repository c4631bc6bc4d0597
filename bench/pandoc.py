"""Whole runs: ``briefgen make DIR`` vs pandoc converting the same articles to pptx and docx.

briefgen: one ``briefgen make DIR --out X --templates <built-in pack>`` process (default jobs,
and also ``--jobs 1``), writing a deck and a Word briefing per article.

pandoc (from pypandoc-binary): the same articles written as Markdown ("# title" + paragraphs) in
a temporary folder, one pandoc process per file per format with ``--reference-doc`` set to the same
reference files (briefgen/packs/default/reference.pptx/.docx), as a user would script it; run one
after another, and again through ``xargs -P <cores>`` (a parallel shell) for fairness.

Target: briefgen >= 2x faster than pandoc (compared with both the sequential and the parallel run).
Run: ``python bench/pandoc.py`` (``--articles N``, ``--quick``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

TARGET = 2.0


def to_markdown(path: Path) -> str:
    """Return an article as Markdown: "# title" and its paragraphs (plain-text articles only)."""
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    if path.suffix in {".md", ".markdown"}:
        return text
    blocks = [" ".join(b.split()) for b in text.split("\n\n")]
    blocks = [b for b in blocks if b]
    if blocks and blocks[0].startswith("date "):
        blocks = blocks[1:]
    title, paragraphs = (blocks[0], blocks[1:]) if blocks else ("Untitled", [])
    return "\n\n".join([f"# {title}", *paragraphs]) + "\n"


def pandoc_path() -> str | None:
    """Return the pandoc executable shipped by pypandoc-binary (None when not installed)."""
    try:
        import pypandoc
    except ImportError:
        return None
    try:
        return pypandoc.get_pandoc_path()
    except OSError:
        return None


def pandoc_jobs(markdown: list[Path], out: Path, refs: dict[str, Path]) -> list[list[str]]:
    """Return the argument lists of one pandoc call per file per format."""
    jobs = []
    for md in markdown:
        for fmt, ref in refs.items():
            jobs.append([str(md), "-o", str(out / f"{md.stem}.{fmt}"), f"--reference-doc={ref}"])
    return jobs


def main() -> int:
    p = c.parser(__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100, help="how many articles (default 100)")
    p.add_argument("--parallel", type=int, default=os.cpu_count() or 2, help="xargs -P for pandoc (default: cores)")
    args = p.parse_args()
    if args.quick:
        args.articles = min(args.articles, 20)

    pandoc = pandoc_path()
    work = c.temp_dir("pandoc")
    try:
        articles = c.stage_articles(args.articles, work / "in")
        md_dir = work / "md"
        md_dir.mkdir()
        markdown = []
        for path in articles:
            target = md_dir / f"{path.stem}.md"
            target.write_text(to_markdown(path), encoding="utf-8")
            markdown.append(target)
        refs = {"pptx": c.BUILTIN_PACK / "reference.pptx", "docx": c.BUILTIN_PACK / "reference.docx"}

        rep = c.Report(f"pandoc: {args.articles} articles to deck + Word briefing, whole runs")
        cmd = c.briefgen_command()
        t_bg, cpu_bg, proc = c.run_timed([*cmd, "make", str(work / "in"), "--out", str(work / "bg"),
                                  "--templates", str(c.BUILTIN_PACK)])
        errors = c.count_errors(proc)
        written = len(list((work / "bg").glob("*.*x")))
        rep.row("briefgen make DIR (default jobs)", c.secs(t_bg), c.secs(cpu_bg), f"{written} files, {errors} failed")
        t_bg1, cpu_bg1, proc1 = c.run_timed([*cmd, "make", str(work / "in"), "--out", str(work / "bg1"), "--jobs", "1",
                                    "--templates", str(c.BUILTIN_PACK)])
        rep.row("briefgen make DIR --jobs 1", c.secs(t_bg1), c.secs(cpu_bg1), f"{c.count_errors(proc1)} failed")
        for run in (proc, proc1):
            if note := c.crash_note(run):
                rep.note(note)
        if errors:
            rep.note(f"briefgen failed on {errors} article(s) (renderers in progress); first: {c.first_error(proc)}")

        if pandoc is None:
            rep.note("pypandoc-binary is not installed (pip install pypandoc-binary): no pandoc baseline")
            rep.print(("run", "wall time", "CPU time", "notes"), args.json)
            return 0

        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        out_seq = work / "pandoc-seq"
        out_seq.mkdir()
        jobs = pandoc_jobs(markdown, out_seq, refs)
        failures = 0
        cpu0, start = c.children_cpu(), time.perf_counter()
        for job in jobs:
            failures += subprocess.run([pandoc, *job], capture_output=True).returncode != 0
        t_seq, cpu_seq = time.perf_counter() - start, c.children_cpu() - cpu0
        rep.row(f"pandoc, one process per file per format ({len(jobs)} runs)", c.secs(t_seq), c.secs(cpu_seq),
                f"{failures} failed")

        out_par = work / "pandoc-par"
        out_par.mkdir()
        arg_file = work / "args0"
        arg_file.write_bytes(b"".join(a.encode() + b"\0" for job in pandoc_jobs(markdown, out_par, refs) for a in job))
        t_par, cpu_par, proc = c.run_timed(["sh", "-c", f'xargs -0 -n 4 -P {args.parallel} "$0" < "$1"', pandoc,
                                            str(arg_file)])
        rep.row(f"pandoc via xargs -P {args.parallel}", c.secs(t_par), c.secs(cpu_par), f"exit {proc.returncode}")

        rep.note(f"{version}; reference docs: {refs['pptx'].parent}")
        rep.note("pandoc's decks are plain (title + paragraphs as text, no summary, figures, notes or fitting)")
        rep.result("pandoc sequential / briefgen default", t_seq / t_bg, f">= {TARGET}x", t_seq / t_bg >= TARGET)
        rep.result(f"pandoc xargs -P {args.parallel} / briefgen default", t_par / t_bg, f">= {TARGET}x",
                   t_par / t_bg >= TARGET)
        rep.result("pandoc sequential / briefgen --jobs 1", t_seq / t_bg1, "(info)", None)
        rep.result("pandoc CPU time / briefgen CPU time", cpu_seq / cpu_bg, "(info: steadier when busy)", None)
        rep.print(("run", "wall time", "CPU time", "notes"), args.json)
    finally:
        c.cleanup(work, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
