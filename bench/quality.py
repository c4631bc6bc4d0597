"""Content quality against the issue's targets: briefeval on the dev corpus, briefgen beside baselines.

Run from the repo root: ``python bench/quality.py`` (every article; several minutes on 2 cores) or
``python bench/quality.py --limit 100`` (N evenly spaced items per corpus, quicker). It runs
``../shared/tools/briefeval.py`` for ``python -m briefgen parse {files} --json`` and for the
baselines: sumy TextRank and lead-k at briefgen's own takeaway count per article
(``bench/textrank_same_k.py``: the fair comparison, since briefgen picks 3-5 per article),
TextRank at flat k=3/4/5 for context, and from ``../shared/tools/baselines`` quantulum3, regex and
trafilatura xml; it prints one table of measurements with target and pass/fail,
and writes it as Markdown to ``docs/quality.md`` with the date and the command.

The baselines need ``sumy quantulum3 trafilatura rouge-score stemming`` (the ``bench`` extra).
Benchmarks measure, they do not fail: the exit code is 0 unless briefeval is missing (2).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import key_ceiling  # noqa: E402  (bench/key_ceiling.py: the proxy's ceilings, reported with the table)

TOOLS = (REPO / ".." / "shared" / "tools").resolve()
BRIEFEVAL = TOOLS / "briefeval.py"
BASELINES = TOOLS / "baselines"
REPORT = REPO / "docs" / "quality.md"
SAME_K = REPO / "bench" / "textrank_same_k.py"
FLAT_KS = (3, 4, 5)
"""Flat summary lengths at which TextRank is also scored, for context."""
CATEGORIES = ("business", "tech")
ELIGIBLE_KINDS = frozenset({"money", "percent", "count", "quantity", "ratio"})
"""Kinds that may be key figures: an article with 3+ distinct ones must get 3-6 key figures."""

RECALL_TARGET = 0.98
KEY_PRECISION_TARGET = 0.75
KEY_RANGE = (3, 6)
TITLE_TARGET = 0.95


@dataclass(frozen=True)
class Row:
    """One line of the report: what is measured, briefgen's number, the comparison and the verdict."""

    metric: str
    briefgen: float | None
    baseline: str
    target: str
    met: bool | None


def briefgen_cmd() -> str:
    """Return the command template that runs briefgen on a batch of files."""
    return f"{shlex.quote(sys.executable)} -m briefgen parse {{files}} --json"


def same_k_cmd(algo: str) -> str:
    """Return the command template of a baseline at briefgen's own takeaway count per article."""
    parts = [shlex.quote(sys.executable), shlex.quote(str(SAME_K)), "--algo", algo, "{files}"]
    return " ".join(parts)


def baseline_cmd(script: str, *options: str) -> str:
    """Return the command template that runs one baseline script of ../shared/tools/baselines."""
    parts = [shlex.quote(sys.executable), shlex.quote(str(BASELINES / script)), *options, "{files}"]
    return " ".join(parts)


def run_briefeval(sub: str, cmd: str, out_dir: Path, name: str, args: argparse.Namespace,
                  *extra: str, dump: bool = False) -> dict:
    """Run one briefeval subcommand and return its results JSON (``--out``); {} when it failed."""
    out = out_dir / f"{name}.json"
    argv = [sys.executable, str(BRIEFEVAL), sub, "--cmd", cmd, "--out", str(out), "--jobs", str(args.jobs),
            "--name", name, *extra]
    if args.limit:
        argv += ["--limit", str(args.limit)]
    if dump:
        argv += ["--dump", str(out_dir / f"{name}.jsonl")]
    started = time.perf_counter()
    print(f"  {name}: briefeval {sub} ...", end="", flush=True)
    proc = subprocess.run(argv, cwd=TOOLS, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    print(f" {time.perf_counter() - started:.0f}s", flush=True)
    if proc.returncode != 0 or not out.exists():
        print(f"    failed (exit {proc.returncode}): {proc.stderr.strip()[-600:]}", file=sys.stderr)
        return {}
    result = json.loads(out.read_text(encoding="utf-8"))
    for run in _runs(result):
        if run.get("n_missing"):
            print(f"    WARNING: {name} gave no output for {run['n_missing']} of {run.get('n_files')} files "
                  f"({run.get('n_failed_calls', 0)} failed or timed-out calls); its numbers are not comparable. "
                  "On a busy machine, rerun when it is quiet.", file=sys.stderr)
    return result


def _runs(node: object) -> list[dict]:
    """Return every ``run`` statistics dict in a briefeval result (one per corpus)."""
    if not isinstance(node, dict):
        return []
    found = [node["run"]] if isinstance(node.get("run"), dict) else []
    return found + [run for key, value in node.items() if key != "run" for run in _runs(value)]


def metric(result: dict, *path: str) -> float | None:
    """Return the number at ``path`` in a briefeval result, None when absent."""
    node: object = result
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return float(node) if isinstance(node, (int, float)) and not isinstance(node, bool) else None


def key_count_share(dump: Path) -> tuple[float | None, int]:
    """Return (share of articles with 3+ distinct key-able figures that got 3-6 key figures, their count)."""
    if not dump.exists():
        return None, 0
    eligible = ok = 0
    for line in dump.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line).get("output") or {}
        figures = [f for f in doc.get("figures") or [] if isinstance(f, dict)]
        distinct = {(json.dumps(f.get("value")), f.get("unit"), f.get("kind"))
                    for f in figures if f.get("kind") in ELIGIBLE_KINDS}
        if len(distinct) >= KEY_RANGE[0]:
            eligible += 1
            keys = sum(1 for f in figures if f.get("key") is True)
            ok += KEY_RANGE[0] <= keys <= KEY_RANGE[1]
    return (ok / eligible if eligible else None), eligible


def at_least(value: float | None, bound: float | None) -> bool | None:
    """True/False for value >= bound, None when either is unknown."""
    return None if value is None or bound is None else value >= bound


def fmt(value: float | None) -> str:
    """Return a number for the table (three decimals), or 'n/a'."""
    return "n/a" if value is None else f"{value:.3f}"


def figure_rows(ours: dict, quantulum: dict, regex: dict, share: float | None, eligible: int) -> list[Row]:
    """Return the key-figure rows: recall overall and by kind, key precision, key counts."""
    def base(path: tuple[str, ...]) -> str:
        return f"quantulum3 {fmt(metric(quantulum, *path))}, regex {fmt(metric(regex, *path))}"

    rows = []
    overall = ("metrics", "recall_value")
    rows.append(Row("figure recall (value), overall", metric(ours, *overall), base(overall),
                    f">= {RECALL_TARGET}", at_least(metric(ours, *overall), RECALL_TARGET)))
    for kind in ("money", "percent", "count"):
        path = ("recall_by_reference_kind", kind, "recall_value")
        rows.append(Row(f"figure recall (value), {kind}", metric(ours, *path), base(path),
                        f">= {RECALL_TARGET}", at_least(metric(ours, *path), RECALL_TARGET)))
    unit = ("metrics", "recall_value_unit")
    rows.append(Row("figure recall (value + unit class), overall", metric(ours, *unit), base(unit),
                    "(typing check)", None))
    prec = ("metrics", "key_precision_proxy")
    rows.append(Row("key-figure precision proxy", metric(ours, *prec), base(prec),
                    f">= {KEY_PRECISION_TARGET}", at_least(metric(ours, *prec), KEY_PRECISION_TARGET)))
    per = ("metrics", "mean_key_figures_per_article")
    rows.append(Row("key figures per article (mean)", metric(ours, *per), base(per), "(3-6 when eligible)", None))
    rows.append(Row(f"articles with 3-6 key figures, of {eligible} with 3+ key-able figures", share, "",
                    "= 1.000", None if share is None else share >= 1.0))
    return rows


def summary_rows(ours: dict, textrank_same: dict, lead_same: dict, flat: dict[int, dict]) -> list[Row]:
    """Return the summary rows: ROUGE-2 F1 against TextRank and lead at briefgen's length per article
    (the target), TextRank at flat lengths for context, and title match."""
    path = ("metrics", "rouge2_f1")
    r_ours, r_tr, r_lead = metric(ours, *path), metric(textrank_same, *path), metric(lead_same, *path)
    best = None if r_tr is None or r_lead is None else max(r_tr, r_lead)
    title = metric(ours, "metrics", "title_exact_match")
    flat_text = ", ".join(f"k={k} {fmt(metric(result, *path))}" for k, result in sorted(flat.items()))
    return [
        Row("summary ROUGE-2 F1 (BBC), same k per article", r_ours,
            f"TextRank {fmt(r_tr)}, lead {fmt(r_lead)} (each at briefgen's 3-5 per article)",
            ">= TextRank and lead", at_least(r_ours, best)),
        Row("summary ROUGE-2 F1 (BBC), TextRank at a flat k", r_ours, f"TextRank {flat_text}",
            "(context)", None),
        Row("title exact match (BBC)", title,
            f"lead/first line {fmt(metric(lead_same, 'metrics', 'title_exact_match'))}",
            f">= {TITLE_TARGET}", at_least(title, TITLE_TARGET)),
    ]


def html_rows(ours: dict, trafilatura: dict) -> list[Row]:
    """Return the HTML rows: Scrapinghub body F1, Readability heading recall and precision."""
    rows = []
    for label, path in (("HTML body F1 (Scrapinghub AEB)", ("scrapinghub", "metrics", "f1")),
                        ("heading recall (Readability)", ("readability", "metrics", "heading_recall")),
                        ("heading precision (Readability)", ("readability", "metrics", "heading_precision"))):
        mine, theirs = metric(ours, *path), metric(trafilatura, *path)
        rows.append(Row(label, mine, f"trafilatura xml {fmt(theirs)}", ">= trafilatura xml", at_least(mine, theirs)))
    return rows


def ceiling_markdown(result: tuple[int, dict[str, float]] | None) -> list[str]:
    """Return the report's lines on how far the key-figure proxy can go (``bench/key_ceiling.py``)."""
    if result is None:
        return []
    articles, values = result
    lines = [
        "## How far the key-figure precision proxy can go",
        "",
        f"`python bench/key_ceiling.py` on the same {articles} BBC articles, with briefeval's number matching:",
        "",
        "| measure | value | what it is |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {value:.3f} | {key_ceiling.MEANING[name]} |" for name, value in values.items()]
    lines += [
        "",
        "The references take about 40% of each article's sentences by a method the corpus does not document;",
        "a figure is in the reference almost exactly when its sentence is. With 3-6 key figures required per",
        "article, no choice at all passes the ceiling above, and even perfect knowledge of the reference's",
        "sentences leaves briefgen's chooser near it. What stands between briefgen and the target is how",
        "well sentence salience predicts an undocumented sentence choice.",
        "",
    ]
    return lines


def render_markdown(rows: list[Row], command: str, limit: int,
                    ceiling: tuple[int, dict[str, float]] | None = None) -> str:
    """Return the report as Markdown: date, command, scope and the table."""
    mark = {True: "pass", False: "FAIL", None: "-"}
    lines = [
        "# Content quality",
        "",
        (
            f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} with `{command}` "
            f"(briefeval on `../shared/corpus`: BBC {' + '.join(CATEGORIES)}"
            f"{f', {limit} evenly spaced items per corpus' if limit else ', every article'}; "
            "Scrapinghub AEB and Readability news pages for HTML)."
        ),
        "",
        "| metric | briefgen | baselines | target | verdict |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r.metric} | {fmt(r.briefgen)} | {r.baseline} | {r.target} | {mark[r.met]} |" for r in rows]
    lines += [
        "",
        "Key-figure precision proxy: share of key figures whose value occurs in the BBC reference summary,",
        "which agrees closely with TextRank's sentence choice; read it as agreement, not as ground truth.",
        "",
        "Summary: briefgen picks 3-5 takeaways per article, so the target compares it with TextRank and lead",
        "at the same count per article (`bench/textrank_same_k.py`); the flat-k TextRank row is for context.",
        "briefgen keeps readability rules (no dangling pronoun openers, no quotations without a speaker, no",
        "fragments, no repeats) that the baselines do not have; the BBC references often contain such sentences.",
        "",
    ]
    lines += ceiling_markdown(ceiling)
    return "\n".join(lines)


def print_table(rows: list[Row]) -> None:
    """Print the rows as an aligned plain-text table."""
    mark = {True: "pass", False: "FAIL", None: "-"}
    header = ("metric", "briefgen", "baselines", "target", "verdict")
    cells = [header] + [(r.metric, fmt(r.briefgen), r.baseline, r.target, mark[r.met]) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--limit", type=int, default=0, help="N evenly spaced items per corpus (default: all)")
    p.add_argument("--jobs", type=int, default=2, help="tool calls in parallel (default 2)")
    p.add_argument("--no-write", action="store_true", help=f"do not write {REPORT.relative_to(REPO)}")
    args = p.parse_args()
    if not BRIEFEVAL.exists():
        print(f"briefeval not found at {BRIEFEVAL}: this benchmark needs ../shared/tools "
              "(and ../shared/corpus) next to the repository", file=sys.stderr)
        return 2
    command = "python bench/quality.py" + (f" --limit {args.limit}" if args.limit else "")
    cats = ["--categories", *CATEGORIES]
    with tempfile.TemporaryDirectory(prefix="briefgen-quality-") as tmp:
        out = Path(tmp)
        print("figures (BBC):")
        ours_f = run_briefeval("figures", briefgen_cmd(), out, "briefgen-figures", args,
                               "--corpus", "bbc", *cats, dump=True)
        share, eligible = key_count_share(out / "briefgen-figures.jsonl")
        quantulum = run_briefeval("figures", baseline_cmd("quantulum_figs.py"), out, "quantulum", args,
                                  "--corpus", "bbc", *cats)
        regex = run_briefeval("figures", baseline_cmd("regex_figs.py"), out, "regex", args,
                              "--corpus", "bbc", *cats)
        print("summary (BBC):")
        ours_s = run_briefeval("summary", briefgen_cmd(), out, "briefgen-summary", args, "--corpus", "bbc", *cats)
        textrank = run_briefeval("summary", same_k_cmd("textrank"), out, "textrank-same-k", args,
                                 "--corpus", "bbc", *cats)
        lead = run_briefeval("summary", same_k_cmd("lead"), out, "lead-same-k", args, "--corpus", "bbc", *cats)
        flat = {k: run_briefeval("summary", baseline_cmd("sumy_rank.py", "--algo", "textrank", "--k", str(k)),
                                 out, f"textrank-k{k}", args, "--corpus", "bbc", *cats) for k in FLAT_KS}
        print("html (Scrapinghub AEB, Readability):")
        ours_h = run_briefeval("html", briefgen_cmd(), out, "briefgen-html", args)
        trafilatura = run_briefeval("html", baseline_cmd("trafilatura_html.py", "--mode", "xml"), out,
                                    "trafilatura", args)
    rows = (figure_rows(ours_f, quantulum, regex, share, eligible) + summary_rows(ours_s, textrank, lead, flat)
            + html_rows(ours_h, trafilatura))
    ceiling = None if args.limit else key_ceiling.ceilings()
    print()
    print_table(rows)
    for line in ceiling_markdown(ceiling):
        print(line)
    if not args.no_write:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(render_markdown(rows, command, args.limit, ceiling), encoding="utf-8")
        print(f"\nwrote {REPORT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
