"""How high the key-figure precision proxy can go on the BBC dev corpus, and where briefgen stands.

The proxy (briefeval ``figures --corpus bbc``) is the share of ``key: true`` figures whose value occurs in
the article's reference summary. The BBC references are extractive: about 40% of each article's sentences,
chosen by a method the corpus does not document. Requiring 3-6 key figures per article (when it has 3 or
more distinct key-eligible quantities) caps the proxy whatever the method; this script measures the caps
with briefeval's own number finder and value matching::

    python bench/key_ceiling.py            # every article of BBC business + tech (under a minute)

It prints, for briefgen's own figures:

- ``briefgen``: the proxy as briefeval computes it (same as ``bench/quality.py``);
- ``perfect figures``: the best micro precision any choice of 3-6 distinct eligible quantities per
  article can reach, knowing which values are in the reference (the absolute ceiling);
- ``perfect sentences``: briefgen's own chooser, told which sentences the reference took (how far
  better sentence ranking alone could lift it);
- ``sentence agreement``: the share of the reference's sentences among briefgen's top-ranked ones, with
  as many taken as the reference has (how close briefgen's sentence salience is to the reference's choice).

Needs ``../shared/tools/briefeval.py`` and ``../shared/corpus``; exits 2 with a message without them.
Benchmarks measure, they do not fail.
"""

from __future__ import annotations

import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLS = (REPO / ".." / "shared" / "tools").resolve()
CORPUS = (REPO / ".." / "shared" / "corpus" / "bbc").resolve()
CATEGORIES = ["business", "tech"]
ELIGIBLE = frozenset({"money", "percent", "count", "quantity", "ratio"})
"""Figure kinds that may be key (bench/quality.py's ELIGIBLE_KINDS)."""
MIN_KEYS, MAX_KEYS = 3, 6


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def measure(item: dict) -> dict[str, int]:
    """Return one article's counts: keys and hits for briefgen, the two oracles and sentence agreement."""
    import briefeval as be

    from briefgen.analysis import figures as F
    from briefgen.jsonout import figure_to_data
    from briefgen.pipeline import brief_file

    brief = brief_file(Path(item["path"]))
    reference = _spaces(" ".join(item["ref_sents"]))
    mentions = be.find_numbers(reference)
    hits = [any(be.values_equal(m["value"], v) for m in mentions for v in be.figure_values(figure_to_data(f)))
            for f in brief.figures]
    taken = [_spaces(s.text) in reference for s in brief.sentences]
    out = {"keys": sum(f.key for f in brief.figures), "hits": sum(h for f, h in zip(brief.figures, hits) if f.key)}

    # Perfect figures: distinct eligible quantities, every one known to be in the reference or not.
    distinct: dict[tuple[object, ...], bool] = {}
    for fig, hit in zip(brief.figures, hits):
        if fig.kind.value in ELIGIBLE:
            quantity = (repr(fig.value), fig.kind, fig.unit)
            distinct[quantity] = distinct.get(quantity, False) or hit
    right = min(sum(distinct.values()), MAX_KEYS)
    out["oracle_keys"] = min(len(distinct), max(MIN_KEYS, right))
    out["oracle_hits"] = right

    # Perfect sentences: briefgen's chooser with every sentence scored by whether the reference took it
    # (its title, repetition and kind bonuses still apply).
    index = {s.start: i for i, s in enumerate(brief.sentences)}
    salience = F.sentence_salience(brief.sentences)
    told = [10.0 if taken[index[f.sentence.start]] else 0.0 for f in brief.figures]
    keys = F.choose_key(brief.figures, told, brief.title)
    out["told_keys"] = sum(keys)
    out["told_hits"] = sum(h for k, h in zip(keys, hits) if k)

    # Sentence agreement: briefgen's top-k salience sentences against the reference's k.
    k = sum(taken)
    top = sorted(range(len(salience)), key=lambda i: (-salience[i], i))[:k]
    out["ref_sentences"] = k
    out["agreed"] = sum(taken[i] for i in top)
    return out


def ceilings() -> tuple[int, dict[str, float]] | None:
    """Return (articles, {measure: value}) for briefgen and the two ceilings, or None without the corpus."""
    if not (TOOLS / "briefeval.py").is_file() or not CORPUS.is_dir():
        return None
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    import briefeval as be

    items = be.load_bbc(CATEGORIES, dedup=True)
    with ProcessPoolExecutor(initializer=sys.path.insert, initargs=(0, str(TOOLS))) as pool:
        rows = list(pool.map(measure, items, chunksize=20))
    total = {key: sum(r[key] for r in rows) for key in rows[0]}
    ratio = lambda a, b: total[a] / total[b] if total[b] else float("nan")  # noqa: E731
    return len(items), {
        "briefgen": ratio("hits", "keys"),
        "perfect figures": ratio("oracle_hits", "oracle_keys"),
        "perfect sentences": ratio("told_hits", "told_keys"),
        "sentence agreement": ratio("agreed", "ref_sentences"),
    }


MEANING = {
    "briefgen": "the proxy as briefeval computes it",
    "perfect figures": "ceiling of any choice of 3-6 key figures, knowing the reference",
    "perfect sentences": "briefgen's chooser, told which sentences the reference took",
    "sentence agreement": "reference sentences among briefgen's top-ranked ones, as many as the reference has",
}
"""What each measure of ``ceilings`` means, for printed and Markdown reports."""


def main() -> int:
    result = ceilings()
    if result is None:
        print("key_ceiling: needs ../shared/tools/briefeval.py and ../shared/corpus next to the repository",
              file=sys.stderr)
        return 2
    articles, values = result
    print(f"key-figure precision proxy on BBC {' + '.join(CATEGORIES)} ({articles} articles, 3-6 keys)")
    for name, value in values.items():
        print(f"  {name:<19} {value:.3f}  ({MEANING[name]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
