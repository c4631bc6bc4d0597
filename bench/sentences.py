"""Sentence splitting alone: speed and agreement with the BBC reference sentences.

Run from the repo root: ``python bench/sentences.py`` (all BBC business + tech articles in
``../shared/corpus``). Every splitter runs in this one process over the same paragraphs (as
briefgen's text reader finds them), so the timings are comparable:

* ``briefgen``: ``briefgen.analysis.sentences.paragraph_spans`` as it is now;
* ``pysbd``: pySBD's processor on every paragraph, pieces located with ``str.find`` (what
  briefgen did before the fast path), the reference point for speed and quality;
* optional libraries when importable (``--libs``): ``blingfire``, ``syntok``, ``sentencex``,
  ``nupunkt`` (pieces located the same way).

Quality: a BBC summary is article sentences glued without spaces, so briefeval's segmentation
of it gives gold sentences (``segment_bbc_summary``). ``gold exact`` is the share of those that
are exactly one sentence of the splitter (after whitespace normalisation): a piece split too
little or too much misses. ``--diff NAME`` prints the gold sentences briefgen gets wrong
and NAME gets right (and vice versa), to read.

Benchmarks measure, they do not fail: exit 0 unless the corpus is missing (2).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from briefgen.analysis.sentences import locate_in_order

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
BRIEFEVAL = (REPO / ".." / "shared" / "tools" / "briefeval.py").resolve()
CATEGORIES = ("business", "tech")

Spans = list[tuple[int, int]]


def locate(text: str, pieces) -> Spans:
    """Return stripped spans of ``pieces`` found in order in ``text`` (a lost piece ends the search)."""
    return locate_in_order(text, pieces)[0]


def pysbd_splitter() -> Callable[[str], Spans]:
    """pySBD's processor on the whole paragraph, as briefgen did before its fast path."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: locate(text, segmenter.processor(text).process())


def optional_splitters() -> dict[str, Callable[[str], Spans]]:
    """Return the library splitters that can be imported here."""
    out: dict[str, Callable[[str], Spans]] = {}
    if importlib.util.find_spec("blingfire"):
        import blingfire

        out["blingfire"] = lambda text: [tuple(s) for s in blingfire.text_to_sentences_and_offsets(text)[1]]
    if importlib.util.find_spec("syntok"):
        from syntok import segmenter as syn

        def syntok_split(text: str) -> Spans:
            spans = []
            for para in syn.analyze(text):
                for sent in para:
                    spans.append((sent[0].offset, sent[-1].offset + len(sent[-1].value)))
            return spans

        out["syntok"] = syntok_split
    if importlib.util.find_spec("sentencex"):
        import sentencex

        out["sentencex"] = lambda text: locate(text, sentencex.segment("en", text))
    if importlib.util.find_spec("nupunkt"):
        import nupunkt

        out["nupunkt"] = lambda text: locate(text, nupunkt.sent_tokenize(text))
    return out


def load_items(limit: int | None) -> list[dict]:
    """Return BBC items (no duplicates): path, article, paragraphs, gold sentences."""
    from briefgen.readers import read_article

    spec = importlib.util.spec_from_file_location("briefeval", BRIEFEVAL)
    briefeval = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(briefeval)
    items = []
    with open(CORPUS / "bbc" / "manifest.tsv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t")
                if r["category"] in CATEGORIES and not r["duplicate_of"]]
    if limit:
        rows = rows[::max(1, len(rows) // limit)][:limit]
    for r in rows:
        path = CORPUS / "bbc" / "articles" / r["category"] / f"{r['id']}.txt"
        summary = (CORPUS / "bbc" / "summaries" / r["category"] / f"{r['id']}.txt").read_text(encoding="utf-8")
        article = read_article(path)
        body = "\n".join(article.text.split("\n")[1:])
        gold, _ = briefeval.segment_bbc_summary(summary, body)
        items.append({"path": path, "article": article,
                      "paragraphs": [p.text for p in article.paragraphs], "gold": gold})
    return items


def norm(text: str) -> str:
    """Return ``text`` with runs of whitespace as one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def run(name: str, split: Callable[[str], Spans], items: list[dict], repeat: int) -> dict:
    """Time ``split`` over every paragraph (best of ``repeat``) and score it against the gold."""
    best = float("inf")
    outputs: list[list[str]] = []
    for _ in range(repeat):
        outputs = []
        t0 = time.perf_counter()
        for item in items:
            sents = []
            for text in item["paragraphs"]:
                sents.extend(text[a:b] for a, b in split(text))
            outputs.append(sents)
        best = min(best, time.perf_counter() - t0)
    hits = total = 0
    misses: list[set[str]] = []
    for item, sents in zip(items, outputs):
        mine = {norm(s) for s in sents}
        missed = {g for g in item["gold"] if norm(g) not in mine}
        misses.append(missed)
        total += len(item["gold"])
        hits += len(item["gold"]) - len(missed)
    n_sents = sum(len(s) for s in outputs)
    return {"name": name, "ms_per_article": 1000 * best / len(items), "gold_exact": hits / total,
            "sentences": n_sents, "misses": misses, "outputs": outputs}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="N evenly spaced articles (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per splitter; best is kept")
    ap.add_argument("--libs", action="store_true", help="also run optional libraries when importable")
    ap.add_argument("--diff", metavar="NAME", help="print gold sentences that briefgen and NAME disagree on")
    args = ap.parse_args()
    if not (CORPUS / "bbc").is_dir():
        print(f"corpus not found at {CORPUS}: nothing measured")
        return 2
    sys.path.insert(0, str(REPO))
    from briefgen.analysis.sentences import paragraph_spans
    from briefgen.model import Paragraph

    def briefgen_split(text: str) -> Spans:
        return paragraph_spans(Paragraph(text=text, start=0, end=len(text)))

    splitters = {"briefgen": briefgen_split, "pysbd": pysbd_splitter()}
    if args.libs:
        splitters.update(optional_splitters())
    items = load_items(args.limit)
    n_par = sum(len(i["paragraphs"]) for i in items)
    n_gold = sum(len(i["gold"]) for i in items)
    print(f"{len(items)} BBC articles, {n_par} paragraphs, {n_gold} gold sentences; best of {args.repeat}")
    results = {}
    for name, split in splitters.items():
        split("Warm up. Once.")
        results[name] = run(name, split, items, args.repeat)
    print(f"{'splitter':<10} {'ms/article':>10} {'gold exact':>10} {'sentences':>9}")
    for r in results.values():
        print(f"{r['name']:<10} {r['ms_per_article']:>10.3f} {r['gold_exact']:>10.4f} {r['sentences']:>9}")
    if args.diff and args.diff in results:
        ours, other = results["briefgen"], results[args.diff]
        for label, a, b in ((f"briefgen misses, {args.diff} gets", ours, other),
                            (f"{args.diff} misses, briefgen gets", other, ours)):
            print(f"\n== {label}")
            for item, ma, mb, outs in zip(items, a["misses"], b["misses"], a["outputs"]):
                for g in sorted(ma - mb):
                    near = [s for s in outs if norm(s)[:25] in norm(g) or norm(g)[:25] in norm(s)]
                    print(f"- {item['path'].parent.name}/{item['path'].name}: GOLD {g!r}\n    GOT  {near[:3]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
