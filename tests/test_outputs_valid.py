"""Every briefing made from inputs/ and from 50 BBC corpus articles is valid OOXML, converts
with LibreOffice, and has no text outside its box (layout_check). Slow: renders through LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from briefgen.output import output_stems
from briefgen.pipeline import OutputFormat, make_briefing
from briefgen.plan.pack import BUILTIN_PACK, load_pack
from conftest import INPUTS, REPO, layout_check, need_corpus, need_soffice, need_tools, validate_ooxml

pytestmark = pytest.mark.slow
CORPUS_SAMPLE = 50


def _bbc_sample() -> list[Path]:
    """Return 50 BBC articles spread evenly over business and tech (deterministic)."""
    folder = need_corpus("bbc", "articles")
    articles = sorted(folder.glob("*/*.txt"))
    step = max(1, len(articles) // CORPUS_SAMPLE)
    return articles[::step][:CORPUS_SAMPLE]


def _make_all(inputs: list[Path], pack_dir: Path, out: Path) -> list[Path]:
    pack = load_pack(pack_dir)
    stems = output_stems(inputs)
    files: list[Path] = []
    for path in inputs:
        result = make_briefing(path, pack, out, stems[path], tuple(OutputFormat))
        files += result.files
    return files


def _convert_to_pdf(files: list[Path], out: Path) -> None:
    soffice = need_soffice()
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=900)


@pytest.fixture(scope="module", params=["corporate", "builtin"])
def sample_outputs(request, tmp_path_factory):
    need_tools()
    out = tmp_path_factory.mktemp(f"inputs-{request.param}")
    pack_dir = REPO / "templates" if request.param == "corporate" else BUILTIN_PACK
    inputs = sorted(p for p in INPUTS.iterdir() if p.is_file())
    return _make_all(inputs, pack_dir, out)


@pytest.fixture(scope="module")
def corpus_outputs(tmp_path_factory):
    need_tools()
    out = tmp_path_factory.mktemp("bbc")
    return _make_all(_bbc_sample(), REPO / "templates", out)


def _split_for_pdf(files: list[Path], tmp: Path) -> list[str]:
    # decks and documents with the same stem would overwrite each other's PDF: convert apart
    decks = [f for f in files if f.suffix == ".pptx"]
    docs = [f for f in files if f.suffix == ".docx"]
    problems = validate_ooxml(*files)
    _convert_to_pdf(decks, tmp)
    _convert_to_pdf(docs, tmp / "docx")
    for f in files:
        pdf = (tmp if f.suffix == ".pptx" else tmp / "docx") / (f.stem + ".pdf")
        if not pdf.is_file() or pdf.stat().st_size < 1000:
            problems.append(f"{f.name}: LibreOffice did not convert it to PDF")
    for deck in decks:
        problems += [f"{deck.name}: {p}" for p in layout_check(deck)]
    return problems


def test_sample_briefings_are_valid_convert_and_fit(sample_outputs, tmp_path):
    assert len(sample_outputs) == 2 * len([p for p in INPUTS.iterdir() if p.is_file()])
    assert _split_for_pdf(sample_outputs, tmp_path) == []


def test_corpus_briefings_are_valid_convert_and_fit(corpus_outputs, tmp_path):
    assert len(corpus_outputs) == 2 * CORPUS_SAMPLE
    assert _split_for_pdf(corpus_outputs, tmp_path) == []
