"""Profile briefgen's full path per stage with pyinstrument: where the time goes.

Stages, each profiled on its own over ~20 corpus articles (after a warm-up article):
read (``read_article``), analyse (``analyse``), plan (``plan_deck`` + ``plan_document``),
render pptx (``render_pptx``), render docx (``render_docx``), zip normalise (the pipeline's own zip
step when it has one; the renderers now normalise their zips themselves, which is reported inside
the render stages).
Prints, per stage, its time and the top functions by cumulative time (share of the stage) and
the top functions by self time over the whole path.
Run: ``python bench/profile.py`` (``--articles N``, ``--html DIR`` to save pyinstrument's pages).
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

STAGES = ("read", "analyse", "plan", "render pptx", "render docx", "zip normalise")
#: briefgen functions that re-zip packages for reproducibility (reported wherever they run).
ZIP_FUNCTIONS = {"normalise_zip", "repack", "save_reproducibly"}


def frame_key(frame) -> str:
    """Return a readable, unique name for a profiled function."""
    where = frame.file_path_short or frame.file_path or "?"
    return f"{frame.function} ({where}:{frame.line_no})"


def aggregate(root) -> tuple[dict[str, float], dict[str, float]]:
    """Return (cumulative, self) seconds per function over a pyinstrument frame tree.

    Cumulative time counts a function once per call path (recursion is not double counted).
    """
    cumulative: dict[str, float] = defaultdict(float)
    own: dict[str, float] = defaultdict(float)
    stack = [(root, frozenset())]
    while stack:
        frame, above = stack.pop()
        if frame.is_synthetic:
            continue
        key = frame_key(frame)
        if key not in above:
            cumulative[key] += frame.time
        own[key] += frame.total_self_time
        for child in frame.children:
            stack.append((child, above | {key}))
    return cumulative, own


def is_harness(key: str) -> bool:
    """True for frames of this script or the profiler (not briefgen's work)."""
    return "bench/" in key or "pyinstrument" in key or key.startswith("<module>") or key.startswith("main (")


def main() -> int:
    p = c.parser(__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=20, help="how many corpus articles (default 20)")
    p.add_argument("--top", type=int, default=10, help="functions listed per stage (default 10)")
    p.add_argument("--interval", type=float, default=0.0005, help="sampling interval in seconds")
    p.add_argument("--long", type=int, metavar="N",
                   help="profile instead one long article built from N corpus articles (see growth.py)")
    p.add_argument("--html", type=Path, help="also save one pyinstrument HTML page per stage into this folder")
    args = p.parse_args()
    if args.quick:
        args.articles = min(args.articles, 5)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed (pip install pyinstrument); nothing profiled")
        return 0

    from briefgen.analysis import analyse
    normalise_zip = c.pipeline_zip_step()
    from briefgen.plan import plan_deck, plan_document
    from briefgen.plan.pack import load_pack
    from briefgen.readers import read_article
    from briefgen.render.docx import render_docx
    from briefgen.render.pptx import render_pptx

    pack = load_pack(c.BUILTIN_PACK)
    articles = c.pick_articles(args.articles + 1)
    warm, articles = articles[0], articles[1:]
    work = None
    if args.long:
        import growth  # noqa: PLC0415
        work = c.temp_dir("profile")
        sources = [s for s in c.corpus_articles() if s.suffix == ".txt"][:args.long]
        size = growth.build_long(sources, work / "long.txt")
        print(f"profiling one article built from {len(sources)} articles ({size / 1024:.0f} KiB)")
        articles = [work / "long.txt"]
    profilers = {s: Profiler(interval=args.interval) for s in STAGES}
    spent = dict.fromkeys(STAGES, 0.0)
    failed = []

    def staged(stage, fn, *a, profile=True):
        prof = profilers[stage]
        if profile:
            prof.start()
        t = time.perf_counter()
        try:
            return fn(*a)
        finally:
            if profile:
                spent[stage] += time.perf_counter() - t
                prof.stop()

    for i, path in enumerate([warm, *articles]):
        on = i > 0
        try:
            article = staged("read", read_article, path, profile=on)
            brief = staged("analyse", analyse, article, profile=on)
            deck, doc = staged("plan", lambda b: (plan_deck(b, pack)[0], plan_document(b, pack)[0]), brief, profile=on)
            if args.long:  # python-pptx refuses keywords over 255 characters (see growth.py)
                import growth  # noqa: PLC0415
                deck = dataclasses.replace(deck, keywords=growth.cap_keywords(deck.keywords))
                doc = dataclasses.replace(doc, keywords=growth.cap_keywords(doc.keywords))
            pptx = staged("render pptx", render_pptx, deck, pack, profile=on)[0]
            docx = staged("render docx", render_docx, doc, pack, profile=on)[0]
            staged("zip normalise", lambda a, b: (normalise_zip(a), normalise_zip(b)), pptx, docx, profile=on)
        except Exception as exc:  # noqa: BLE001 - the renderers are in flux; count and go on
            failed.append(f"{path.name}: {type(exc).__name__}: {exc}")

    if work is not None:
        c.cleanup(work, args.keep)
    total = sum(spent.values())
    n = len(articles)
    print(f"profile: {n} articles ({len(failed)} failed), {total:.2f} s profiled, {1000 * total / max(n, 1):.0f} ms "
          f"per article; pyinstrument interval {args.interval * 1000:g} ms")
    if failed:
        print(f"note: first failure: {failed[0]}")
    if busy := c.load_note():
        print(f"note: {busy}")
    print()
    c.print_table(("stage", "per article", "share"),
                  [(s, c.ms(spent[s] / max(n, 1)), f"{100 * spent[s] / total:.0f}%") for s in STAGES])
    all_self: dict[str, float] = defaultdict(float)
    for stage in STAGES:
        session = profilers[stage].last_session
        if session is None:
            continue
        root = session.root_frame()
        if root is None:
            continue
        cumulative, own = aggregate(root)
        for key, value in own.items():
            all_self[key] += value
        stage_time = root.time or 1e-9
        rows = sorted(((v, k) for k, v in cumulative.items() if not is_harness(k) and v < 0.995 * stage_time),
                      reverse=True)[:args.top]
        print()
        print(f"### {stage}: {c.ms(spent[stage] / max(n, 1))} per article ({100 * spent[stage] / total:.0f}% of the path)")
        zipping = [(k, v) for k, v in cumulative.items() if k.split(" (")[0] in ZIP_FUNCTIONS and "briefgen" in k]
        for key, value in zipping:
            print(f"(zip normalising inside this stage: {key} {100 * value / stage_time:.1f}% of the stage)")
        c.print_table(("function (cumulative)", "% of stage", "self %"),
                      [(k, f"{100 * v / stage_time:.1f}", f"{100 * own[k] / stage_time:.1f}") for v, k in rows])
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            (args.html / f"{stage.replace(' ', '-')}.html").write_text(profilers[stage].output_html())
    print()
    print("### whole path: top functions by self time")
    grand = sum(all_self.values()) or 1e-9
    c.print_table(("function (self)", "% of path"),
                  [(k, f"{100 * v / grand:.1f}") for v, k in sorted(((v, k) for k, v in all_self.items()
                                                                      if not is_harness(k)), reverse=True)[:15]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
