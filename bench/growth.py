"""Growth with article length: one article 50x longer than a typical one, and a 1 MiB article.

The long article is built at run time (in a temporary folder) from 50 distinct corpus articles:
their paragraphs one after another, with a heading line every few paragraphs (each source
article's own headline, then "<headline> part N"), under a headline of our own.
Typical = the median time of the same 50 articles briefed one by one.
Timed: ``brief_file`` + ``plan_deck`` + ``plan_document`` + ``render_pptx`` + ``render_docx``
(+ the pipeline's zip step, if any), in a fresh process per long article so one slow case cannot hang the run.

Targets: long / typical <= 60x; the 1 MiB article must finish (its time is reported).
Run: ``python bench/growth.py`` (``--quick``: 10x and 256 KiB).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

TARGET = 60.0
HEADING_EVERY = 4
KEYWORDS_MAX = 255
STAGES = ("read+analyse", "plan", "render pptx", "render docx", "normalise")


def time_article(path: Path, pack_root: Path) -> dict[str, float]:
    """Return the seconds of each stage of briefing ``path`` (deck and Word) in this process."""
    normalise_zip = c.pipeline_zip_step()
    from briefgen.pipeline import brief_file
    from briefgen.plan import plan_deck, plan_document
    from briefgen.plan.pack import load_pack
    from briefgen.render.docx import render_docx
    from briefgen.render.pptx import render_pptx

    pack = load_pack(pack_root)
    times = dict.fromkeys(STAGES, 0.0)
    t = time.perf_counter()
    brief = brief_file(path)
    times["read+analyse"] += time.perf_counter() - t
    t = time.perf_counter()
    deck, _ = plan_deck(brief, pack)
    doc, _ = plan_document(brief, pack)
    times["plan"] += time.perf_counter() - t
    # python-pptx refuses core properties over 255 characters, and briefgen puts every section
    # heading into the keywords; cap them here (as the renderer should) so the rest is measured.
    capped = len(", ".join(deck.keywords)) > KEYWORDS_MAX
    if capped:
        deck = dataclasses.replace(deck, keywords=cap_keywords(deck.keywords))
        doc = dataclasses.replace(doc, keywords=cap_keywords(doc.keywords))
    t = time.perf_counter()
    pptx, _ = render_pptx(deck, pack)
    times["render pptx"] += time.perf_counter() - t
    t = time.perf_counter()
    docx, _ = render_docx(doc, pack)
    times["render docx"] += time.perf_counter() - t
    t = time.perf_counter()
    normalise_zip(pptx), normalise_zip(docx)
    times["normalise"] += time.perf_counter() - t
    times["total"] = sum(times[s] for s in STAGES)
    times["slides"] = len(deck.slides)
    times["blocks"] = len(doc.blocks)
    times["capped_keywords"] = capped
    return times


def cap_keywords(keywords: tuple[str, ...]) -> tuple[str, ...]:
    """Return the leading keywords whose ", "-joined text fits python-pptx's 255-character limit."""
    kept: list[str] = []
    for word in keywords:
        if len(", ".join([*kept, word])) > KEYWORDS_MAX:
            break
        kept.append(word)
    return tuple(kept)


def blocks_of(path: Path) -> tuple[str, list[str]]:
    """Return (headline, paragraphs) of a plain-text corpus article."""
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    blocks = [" ".join(b.split()) for b in text.split("\n\n") if b.strip()]
    return blocks[0].rstrip(".!?:;,"), blocks[1:]


def build_long(sources: list[Path], target: Path, min_bytes: int = 0) -> int:
    """Write one long article from ``sources`` (cycled until ``min_bytes``); return its size in bytes."""
    parts = ["Business and technology roundup", ""]
    size, i = 0, 0
    while (size < min_bytes) if min_bytes else (i < len(sources)):
        headline, paragraphs = blocks_of(sources[i % len(sources)])
        for k in range(0, len(paragraphs), HEADING_EVERY):
            heading = headline if k == 0 else f"{headline} part {k // HEADING_EVERY + 1}"
            chunk = [heading, "", *(p + "\n" for p in paragraphs[k:k + HEADING_EVERY])]
            parts += chunk
            size += sum(len(x.encode()) + 1 for x in chunk)
        i += 1
    data = "\n".join(parts)
    target.write_text(data, encoding="utf-8")
    return len(data.encode())


def time_in_child(path: Path, timeout: float) -> dict | str:
    """Time ``path`` in a fresh Python process; return its stage times (and peak RSS) or why it failed."""
    cmd = [sys.executable, __file__, "--one", str(path)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=c.REPO, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode("utf-8", "replace")
    if code == -signal.SIGKILL:
        return f"did not finish in {timeout:.0f} s"
    if code != 0:
        return "failed: " + (stderr.strip().splitlines() or ["?"])[-1][:160]
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    return result


def main() -> int:
    p = c.parser(__doc__.splitlines()[0])
    p.add_argument("--factor", type=int, default=50, help="articles concatenated into the long one (default 50)")
    p.add_argument("--big", type=int, default=1024 * 1024, help="size of the big article in bytes (default 1 MiB)")
    p.add_argument("--repeat", type=int, default=3, help="timings of the long article, median kept (default 3)")
    p.add_argument("--timeout", type=float, default=900, help="seconds allowed per long article (default 900)")
    p.add_argument("--one", type=Path, help=argparse_hidden())
    args = p.parse_args()
    if args.one:
        # Child mode: warm up on a small article so imports and font lookups are not counted.
        time_article(c.pick_articles(1)[0], c.BUILTIN_PACK)
        print(json.dumps(time_article(args.one, c.BUILTIN_PACK)))
        return 0
    if args.quick:
        args.factor, args.big, args.repeat = min(args.factor, 10), min(args.big, 256 * 1024), 1

    sources = [s for s in c.corpus_articles() if s.suffix == ".txt"]
    if len(sources) < args.factor:
        print(f"note: only {len(sources)} plain-text articles; the long article repeats some")
    sources = (sources * (args.factor // max(len(sources), 1) + 1))[:args.factor] if sources else []
    if not sources:
        print("no plain-text articles to build from; nothing measured")
        return 0
    work = c.temp_dir("growth")
    try:
        typical = []
        failed = []
        time_article(sources[0], c.BUILTIN_PACK)  # warm-up
        for src in sources:
            try:
                typical.append(time_article(src, c.BUILTIN_PACK))
            except Exception as exc:  # noqa: BLE001 - the renderers are in flux; count and go on
                failed.append(f"{src.name}: {type(exc).__name__}: {exc}")
        if not typical:
            print("every typical article failed; first:", failed[0])
            return 0
        typical_total = c.median(t["total"] for t in typical)
        typical_size = c.median(s.stat().st_size for s in sources)

        long_path = work / "long.txt"
        long_size = build_long(sources, long_path)
        long_runs = [time_in_child(long_path, args.timeout) for _ in range(args.repeat)]
        long_ok = [r for r in long_runs if isinstance(r, dict)]
        big_path = work / "big.txt"
        big_size = build_long([s for s in c.corpus_articles() if s.suffix == ".txt"], big_path, args.big)
        big = time_in_child(big_path, args.timeout)

        rep = c.Report(f"growth: a {args.factor}x article and a {big_size / 2**20:.2f} MiB article vs a typical one")
        typ = {s: c.median(t[s] for t in typical) for s in STAGES}
        rep.row("typical (median of the sources)", f"{typical_size / 1024:.1f} KiB", c.secs(typical_total),
                *(c.ms(typ[s]) for s in STAGES), c.median(t["slides"] for t in typical), "1x")
        if long_ok:
            lg = {s: c.median(r[s] for r in long_ok) for s in (*STAGES, "total", "slides")}
            rep.row(f"{args.factor} articles in one", f"{long_size / 1024:.1f} KiB", c.secs(lg["total"]),
                    *(c.secs(lg[s]) for s in STAGES), int(lg["slides"]), f"{lg['total'] / typical_total:.1f}x")
            ratio = lg["total"] / typical_total
            rep.note(f"{args.factor}x article: peak RSS {max(r['peak_rss_mib'] for r in long_ok):.0f} MiB (its own process)")
            for s in STAGES:
                rep.note(f"stage growth {s}: {lg[s] / typ[s]:.1f}x" if typ[s] > 0 else f"stage {s}: n/a")
        else:
            ratio = float("nan")
            rep.row(f"{args.factor} articles in one", f"{long_size / 1024:.1f} KiB", long_runs[0], *[""] * 6)
        if isinstance(big, dict):
            rep.row("big article", f"{big_size / 1024:.1f} KiB", c.secs(big["total"]),
                    *(c.secs(big[s]) for s in STAGES), int(big["slides"]), f"{big['total'] / typical_total:.0f}x")
            rep.note(f"big article: peak RSS {big['peak_rss_mib']:.0f} MiB (its own process)")
        else:
            rep.row("big article", f"{big_size / 1024:.1f} KiB", big, *[""] * 6)
        capped = [name for name, r in (("long", long_ok[0] if long_ok else {}), ("big", big if isinstance(big, dict) else {}))
                  if r.get("capped_keywords")]
        if capped or any(t["capped_keywords"] for t in typical):
            rep.note("python-pptx refuses core properties over 255 chars and briefgen joins every heading into the "
                     f"keywords: render_pptx raises ValueError; the bench capped the keywords for: {', '.join(capped)}")
        if failed:
            rep.note(f"{len(failed)} of {len(sources)} typical articles failed and were left out; first: {failed[0]}")
        rep.note(f"size ratio long/typical: {long_size / typical_size:.0f}x; headings every {HEADING_EVERY} paragraphs")
        rep.result(f"{args.factor}x article / typical", ratio, f"<= {TARGET:g}x",
                   None if ratio != ratio else ratio <= TARGET)
        rep.result(f"{big_size / 2**20:.2f} MiB article time", big["total"] if isinstance(big, dict) else float("nan"),
                   "finishes", isinstance(big, dict), unit="s")
        rep.print(("article", "size", "total", *STAGES, "slides", "vs typical"), args.json)
    finally:
        c.cleanup(work, args.keep)
    return 0


def argparse_hidden() -> str:
    import argparse
    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
