"""Summary baselines at briefgen's own length per article: sumy TextRank and lead-k with k = briefgen's takeaways.

briefgen picks 3-5 takeaways per article; a flat-k baseline (k=4 everywhere) is not the same
length, so ROUGE would compare summaries of different sizes. This wrapper runs
``python -m briefgen parse FILES --json`` once for its batch, takes ``len(summary)`` per file as
that file's k, and prints the baseline's top-k sentences per file in briefeval's JSON format,
using the shared baseline helpers of ``../shared/tools/baselines`` (same sentence splitter,
tokenizer, stemmer and stop words as ``sumy_rank.py``)::

    python bench/textrank_same_k.py --algo textrank FILE...    # sumy TextRank, k = briefgen's count
    python bench/textrank_same_k.py --algo lead FILE...        # first k sentences

Needs ``sumy`` (the ``bench`` extra) for ``--algo textrank``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASELINES = (REPO / ".." / "shared" / "tools" / "baselines").resolve()
sys.path.insert(0, str(BASELINES))

from _common import analyse, base_doc, emit, read_text, summary_items


def briefgen_counts(paths: list[str]) -> dict[str, int]:
    """Return briefgen's takeaway count per path (one ``briefgen parse`` call); a file it failed on is absent."""
    proc = subprocess.run([sys.executable, "-m", "briefgen", "parse", *paths, "--json"], capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONPATH": str(REPO)})
    sys.stderr.write(proc.stderr)
    if not proc.stdout.strip():
        raise SystemExit(proc.returncode or 1)
    docs = json.loads(proc.stdout)
    if isinstance(docs, dict):
        docs = [docs]
    return {doc.get("source"): len(doc.get("summary") or []) for doc in docs}


def textrank_picker():
    """Return a function (sentences, k) -> chosen sentences, by sumy TextRank as in ``sumy_rank.py``."""
    # imported here: sumy is only needed for this algorithm
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words
    from sumy_rank import RegexTokenizer

    summarizer = TextRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = RegexTokenizer()

    def pick(sents: list[tuple], k: int) -> list[tuple]:
        if k >= len(sents):
            return list(sents)
        if k <= 0:
            return []
        paras: dict[int, list] = {}
        for s in sents:
            paras.setdefault(s[3], []).append(Sentence(s[2], tokenizer))
        model = ObjectDocumentModel([Paragraph(ps) for _, ps in sorted(paras.items())])
        picked = [str(x) for x in summarizer(model, k)]   # document order
        chosen, j = [], 0
        for s in sents:
            if j < len(picked) and s[2].strip() == picked[j]:
                chosen.append(s)
                j += 1
        return chosen

    return pick


def lead_picker(sents: list[tuple], k: int) -> list[tuple]:
    """Return the first ``k`` sentences."""
    return list(sents[:max(0, k)])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="+")
    p.add_argument("--algo", choices=["textrank", "lead"], required=True)
    p.add_argument("--json", action="store_true", help="accepted for CLI compatibility (output is always JSON)")
    argv = sys.argv[1:]
    if argv and argv[0] == "parse":
        argv = argv[1:]
    args = p.parse_args(argv)
    counts = briefgen_counts(args.files)
    pick = textrank_picker() if args.algo == "textrank" else lead_picker
    docs = []
    for path in args.files:
        text = read_text(path)
        a = analyse(text)
        doc = base_doc(path, text, a)
        if path not in counts:
            continue                      # briefgen failed on it: no comparison, as for briefgen itself
        doc["summary"] = summary_items(pick(a["sentences"], counts[path]))
        docs.append(doc)
    emit(docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
