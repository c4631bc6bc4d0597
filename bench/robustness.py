"""Robustness over the whole corpus: every article through ``briefgen make``, then every output checked.

Runs every article of ``../shared/corpus`` (BBC .txt articles, the scrapinghub article-extraction
benchmark pages ``html/scrapinghub_aeb/html/*.html[.gz]`` and the Mozilla Readability test pages
``html/mozilla_readability/pages/*/source.html``) through ``briefgen make --jobs 2`` in a subprocess,
into a temporary folder, and reports:

- failures: articles ``briefgen make`` refused or crashed on (count and messages);
- invalid files: outputs ``validate_ooxml --tolerate-known`` rejects (the ``Validator`` class of
  ``../shared/tools``);
- LibreOffice failures: outputs ``soffice --headless --convert-to pdf`` (in batches, with a private
  profile) did not turn into a PDF;
- layout problems: ``layout_check.py`` per deck (every deck, or ``--layout-sample N`` of them).

Articles are copied under unique names into a temporary folder (gzipped pages decompressed there),
never into the project. ``--sample N`` takes N articles spread evenly over the corpus for a quick run.
Like every benchmark it measures and prints; the exit code is 0 unless it could not run.

Run: ``python bench/robustness.py --sample 60`` (minutes), ``python bench/robustness.py`` (the full
corpus; the LibreOffice and layout passes dominate: use ``--layout-sample``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"
TOOLS = SHARED / "tools"
PDF_BATCH = 40


def corpus_inputs() -> list[tuple[str, Path]]:
    """Return (unique name, source file) for every article of the corpus, in a stable order."""
    found: list[tuple[str, Path]] = []
    for path in sorted((CORPUS / "bbc" / "articles").glob("*/*.txt")):
        found.append((f"bbc-{path.parent.name}-{path.stem}.txt", path))
    aeb = CORPUS / "html" / "scrapinghub_aeb" / "html"
    for path in sorted([*aeb.glob("*.html"), *aeb.glob("*.html.gz")]):
        stem = path.name.removesuffix(".gz").removesuffix(".html")
        found.append((f"aeb-{stem[:16]}.html", path))
    for path in sorted((CORPUS / "html" / "mozilla_readability" / "pages").glob("*/source.html")):
        found.append((f"moz-{path.parent.name}.html", path))
    return found


def sample_groups(inputs: list[tuple[str, Path]], count: int | None) -> list[tuple[str, Path]]:
    """Return ``count`` inputs spread over each corpus group in proportion (at least one per group)."""
    if count is None or count >= len(inputs):
        return inputs
    groups: dict[str, list[tuple[str, Path]]] = {}
    for item in inputs:
        groups.setdefault(item[0].split("-")[0], []).append(item)
    return [item for group in groups.values()
            for item in spread(group, max(1, round(count * len(group) / len(inputs))))]


def spread(items: list, count: int | None) -> list:
    """Return ``count`` items spread evenly over ``items`` (all of them when ``count`` is None)."""
    if count is None or count >= len(items):
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def stage_inputs(inputs: list[tuple[str, Path]], folder: Path) -> None:
    """Copy (or decompress) each article into ``folder`` under its unique name."""
    folder.mkdir(parents=True)
    for name, source in inputs:
        target = folder / name
        if source.suffix == ".gz":
            with gzip.open(source, "rb") as fh:
                target.write_bytes(fh.read())
        else:
            shutil.copyfile(source, target)


def run_briefgen(in_dir: Path, out_dir: Path, jobs: int, timeout: float) -> tuple[int, list[str], float]:
    """Run ``briefgen make`` over ``in_dir``; return (exit code, stderr lines, seconds)."""
    cmd = [sys.executable, "-m", "briefgen", "make", str(in_dir), "--out", str(out_dir), "--jobs", str(jobs),
           "--templates", str(REPO / "briefgen" / "packs" / "default")]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(in_dir.parent), check=False)
    except subprocess.TimeoutExpired as exc:
        lines = (exc.stderr or b"").decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return -1, [f"briefgen make timed out after {timeout:.0f} s", *lines.splitlines()], time.perf_counter() - start
    return proc.returncode, [line for line in proc.stderr.splitlines() if line.strip()], time.perf_counter() - start


def validate_all(files: list[Path]) -> list[str]:
    """Return one line per file the validator rejects (tolerating known generator deviations)."""
    sys.path.insert(0, str(TOOLS))
    from validate_ooxml import Validator

    validator = Validator(tolerate_known=True)
    problems = []
    for path in files:
        report = validator.validate(str(path))
        if not report.ok:
            failed = [p.get("name", p) for p in report.as_dict()["parts"] if p.get("status") == "FAIL"]
            problems.append(f"{path.name}: {report.package_errors} {failed}")
    return problems


def convert_all(files: list[Path], work: Path, soffice: str, timeout: float) -> list[str]:
    """Convert ``files`` to PDF in batches (decks and documents apart); return the files that did not convert."""
    profile = work / "lo-profile"
    failures = []
    for suffix in (".pptx", ".docx"):
        group = [f for f in files if f.suffix == suffix]
        outdir = work / f"pdf{suffix}"
        outdir.mkdir(parents=True, exist_ok=True)
        for i in range(0, len(group), PDF_BATCH):
            batch = group[i:i + PDF_BATCH]
            cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(outdir), *map(str, batch)]
            try:
                subprocess.run(cmd, capture_output=True, timeout=timeout * len(batch) / 4 + 120, check=False)
            except subprocess.TimeoutExpired:
                pass  # the files without a PDF are reported below
            for f in batch:
                pdf = outdir / f"{f.stem}.pdf"
                if not pdf.is_file() or pdf.stat().st_size < 1000:
                    failures.append(f"{f.name}: no PDF from LibreOffice")
    return failures


def layout_problems(deck: Path, work: Path) -> tuple[list[str], str | None]:
    """Return (problem lines, error) from layout_check.py for one deck."""
    report_path = work / f"{deck.stem}.layout.json"
    try:
        proc = subprocess.run([sys.executable, str(TOOLS / "layout_check.py"), str(deck), "--json", str(report_path)],
                              capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        return [], "layout_check timed out"
    if not report_path.is_file():
        return [], f"layout_check exit {proc.returncode}: {proc.stderr.strip()[-300:]}"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("status") == "error":
        return [], str(report.get("error"))
    return [f"{deck.name}: {json.dumps(p, ensure_ascii=False)[:300]}" for p in report.get("problems", [])], None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=None, help="only N articles spread over the corpus")
    parser.add_argument("--layout-sample", type=int, default=None, help="layout-check only N decks (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversion")
    parser.add_argument("--no-layout", action="store_true", help="skip layout_check")
    parser.add_argument("--keep", type=Path, default=None, help="keep the outputs in this folder")
    parser.add_argument("--show", type=int, default=25, help="messages shown per category")
    args = parser.parse_args(argv)

    if not CORPUS.is_dir() or not (TOOLS / "validate_ooxml.py").is_file():
        print(f"corpus or tools not found under {SHARED}; nothing to do")
        return 2
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    inputs = sample_groups(corpus_inputs(), args.sample)
    kinds = Counter(name.split("-")[0] for name, _ in inputs)
    print(f"articles: {len(inputs)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")

    with tempfile.TemporaryDirectory(prefix="briefgen-robustness-") as tmp:
        work = Path(tmp)
        in_dir, out_dir = work / "in", work / "out"
        stage_inputs(inputs, in_dir)
        code, messages, seconds = run_briefgen(in_dir, out_dir, args.jobs, timeout=max(600, 10 * len(inputs)))
        warnings = [m for m in messages if m.lower().startswith("warning")]
        failures = [m for m in messages if m not in warnings and (str(in_dir) in m or "timed out" in m or "Traceback" in m)]
        outputs = sorted(out_dir.glob("*.pptx")) + sorted(out_dir.glob("*.docx")) if out_dir.is_dir() else []
        print(f"briefgen make: exit {code}, {seconds:.0f} s, {len(outputs)} files")
        report("failures", failures or ([] if code == 0 else messages), args.show)
        kinds_of_warning = Counter(m.split(": ", 2)[-1][:60] for m in warnings)
        report("warnings (by kind)", [f"{n:5d} x {k}" for k, n in kinds_of_warning.most_common()], args.show)

        invalid = validate_all(outputs)
        report("invalid files", invalid, args.show)

        if args.no_pdf or not soffice:
            print("LibreOffice conversion: skipped" + ("" if soffice else " (soffice not installed)"))
            pdf_failures = None
        else:
            pdf_failures = convert_all(outputs, work, soffice, timeout=60)
            report("LibreOffice conversion failures", pdf_failures, args.show)

        decks = spread([f for f in outputs if f.suffix == ".pptx"], args.layout_sample)
        layout: list[str] = []
        layout_errors: list[str] = []
        decks_with_problems = 0
        if args.no_layout or not soffice:
            print("layout_check: skipped")
        else:
            for deck in decks:
                problems, error = layout_problems(deck, work)
                layout += problems
                decks_with_problems += bool(problems)
                if error:
                    layout_errors.append(f"{deck.name}: {error}")
            report(f"layout problems ({len(decks)} decks checked, {decks_with_problems} with problems)", layout, args.show)
            report("layout_check errors", layout_errors, args.show)

        if args.keep:
            shutil.copytree(out_dir, args.keep, dirs_exist_ok=True)

        print("\nSUMMARY")
        print(f"  articles            {len(inputs)}")
        print(f"  failures            {len(failures) if failures or code == 0 else len(messages)}")
        print(f"  files written       {len(outputs)}")
        print(f"  invalid files       {len(invalid)}")
        print(f"  PDF failures        {'skipped' if pdf_failures is None else len(pdf_failures)}")
        if not (args.no_layout or not soffice):
            print(f"  layout problems     {len(layout)} in {decks_with_problems} of {len(decks)} decks"
                  f" ({len(layout_errors)} check errors)")
    return 0


def report(title: str, lines: list[str], show: int) -> None:
    """Print a count and the first ``show`` lines of one category."""
    print(f"\n{title}: {len(lines)}")
    for line in lines[:show]:
        print(f"  {line}")
    if len(lines) > show:
        print(f"  ... {len(lines) - show} more")


if __name__ == "__main__":
    sys.exit(main())
