"""The command line end to end: exit codes, messages, and the briefings it writes (reopened)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pptx
import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from conftest import INPUTS, REPO

HUAWEI = INPUTS / "huawei-ev.txt"
HEADINGS = ["Partnership with Dongfeng Motor Group", "Investment in Intelligent Automotive Solution Unit",
            "Challenges Ahead in the EV Market"]


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, cwd: Path = REPO):
    """Invoke the CLI from ``cwd`` and return the result (stdout and stderr kept apart)."""
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


def slide_texts(slide) -> list[str]:
    return [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text]


def deck_text(prs) -> str:
    return "\n".join(t for s in prs.slides for t in slide_texts(s))


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("briefings")
    result = run(CliRunner(), "make", "inputs/", "--out", out)
    return result, out


def test_make_writes_a_deck_and_a_document_per_sample_article(sample_run):
    result, out = sample_run
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    stems = sorted(p.stem for p in INPUTS.iterdir() if p.is_file())
    assert names == sorted([f"{s}.docx" for s in stems] + [f"{s}.pptx" for s in stems])
    assert f"{len(stems)} article(s): {len(stems)} briefed, 0 failed; {2 * len(stems)} file(s)" in result.stdout


def test_huawei_deck_from_the_corporate_pack(sample_run):
    _, out = sample_run
    prs = pptx.Presentation(out / "huawei-ev.pptx")
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Cover"
    assert layouts[1] == "Content"
    assert "Headline Only" in layouts
    first = slide_texts(prs.slides[0])
    assert any("30 January 2024" in t for t in first)
    title = prs.slides[0].shapes.title.text
    assert "Huawei" in title and len(title.split()) <= 12
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    for heading in HEADINGS:
        assert heading in titles
    figures = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == "Key figures")
    tiles = "\n".join(slide_texts(figures))
    for value in ("1 billion", "7,000", "250 billion yuan"):
        assert value in tiles
    assert "researchers" in tiles.lower()
    assert "5G" not in tiles
    for year in ("2021", "2022"):
        assert not any(t.strip() == year for t in slide_texts(figures))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert any("employing over 7,000 researchers" in n for n in notes)
    assert prs.slide_width > prs.slide_height * 1.7  # 16:9


def test_huawei_document_from_the_corporate_pack(sample_run):
    _, out = sample_run
    document = docx.Document(out / "huawei-ev.docx")
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[0][0] == "Briefing Title" and "Huawei" in paragraphs[0][1]
    assert "30 January 2024" in paragraphs[1][1]
    headings = [t for s, t in paragraphs if s == "Heading 1"]
    for heading in ["Executive summary", "Key figures", *HEADINGS, "Sources"]:
        assert heading in headings
    table = document.tables[0]
    cells = [c.text for row in table.rows for c in row.cells]
    for value in ("1 billion", "7,000", "250 billion yuan"):
        assert value in cells
    assert "5G" not in cells and "2021" not in cells
    assert any(s == "Briefing Bullet" for s, _ in paragraphs)


def test_builtin_pack_is_used_outside_the_repo(runner, tmp_path):
    out = tmp_path / "out"
    result = run(runner, "make", HUAWEI, "--pptx", "--out", out, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["huawei-ev.pptx"]
    prs = pptx.Presentation(out / "huawei-ev.pptx")
    assert prs.slides[0].slide_layout.name == "Title Slide"


def test_one_bad_article_never_stops_the_batch(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(HUAWEI.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(range(256)))
    out = tmp_path / "out"
    result = run(runner, "make", folder, "--docx", "--out", out)
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert "3 article(s): 1 briefed, 2 failed" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["good.docx"]


def test_usage_errors_exit_2(runner, tmp_path):
    assert run(runner, "make", tmp_path / "missing.txt").exit_code == 2
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    result = run(runner, "make", empty)
    assert result.exit_code == 2
    assert "no articles found" in result.stderr
    result = run(runner, "make", HUAWEI, "--templates", tmp_path / "nope")
    assert result.exit_code == 2
    assert "template pack" in result.stderr


def test_quiet_prints_nothing_on_success(runner, tmp_path):
    result = run(runner, "make", HUAWEI, "--pptx", "--quiet", "--out", tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_parse_json_has_the_public_schema(runner):
    result = run(runner, "parse", "inputs/huawei-ev.txt", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["source"] == "inputs/huawei-ev.txt"
    assert data["date"] == "2024-01-30"
    assert [s["heading"] for s in data["sections"]] == [None, *HEADINGS]
    assert 3 <= len(data["summary"]) <= 5
    text = HUAWEI.read_text(encoding="utf-8")
    for item in data["summary"]:
        assert " ".join(text[item["start"]:item["end"]].split()) == " ".join(item["text"].split())
        # shown as in the briefing: the sentence, or its end without a leading "Yet," (capitalised)
        assert len(item["shown"].split()) >= 5 and item["text"].lower().endswith(item["shown"].lower())
    assert any(item["shown"] != item["text"] for item in data["summary"])  # "Yet, Huawei's venture ..."
    by_text = {f["text"]: f for f in data["figures"]}
    assert by_text["250 billion yuan"]["value"] == 250e9 and by_text["250 billion yuan"]["unit"] == "CNY"
    assert next(f for f in data["figures"] if "7,000" in f["text"])["unit"] == "researchers"
    years = [f for f in data["figures"] if f["kind"] == "year"]
    assert sorted(f["value"] for f in years) == [2021, 2022]
    assert all(f["kind"] in ("year", "date") for f in data["figures"] if "2021" in f["text"] or "2022" in f["text"])
    assert not any("5G" in f["text"] for f in data["figures"])
    keys = {f["text"] for f in data["figures"] if f["key"]}
    assert {"1 billion", "250 billion yuan"} <= keys


def test_parse_several_files_prints_a_list(runner):
    result = run(runner, "parse", "inputs/", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == len([p for p in INPUTS.iterdir() if p.is_file()])
    markdown = next(d for d in data if d["source"].endswith(".md"))
    assert markdown["title"] == "Northwind Logistics lifts profit as warehouse automation pays off"
    assert markdown["date"] == "2025-03-14"


def test_every_command_has_help(runner):
    for args in (["--help"], ["make", "--help"], ["parse", "--help"], ["templates", "--help"],
                 ["templates", "init", "--help"]):
        result = run(runner, *args)
        assert result.exit_code == 0
        assert "Usage" in result.stdout


def test_templates_init_copies_the_builtin_pack(runner, tmp_path):
    target = tmp_path / "mypack"
    result = run(runner, "templates", "init", target)
    assert result.exit_code == 0
    assert {"pack.toml", "reference.pptx", "reference.docx", "deck.yaml.j2", "document.yaml.j2"} <= {
        p.name for p in target.iterdir()}
    assert run(runner, "templates", "init", target).exit_code == 2


def test_font_substitution_is_said_once_per_run(runner, tmp_path):
    result = run(runner, "make", "inputs/", "--pptx", "--jobs", "2", "--out", tmp_path)
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if "metric-compatible" in line]
    assert len(lines) == len(set(line.split(": ", 1)[1] for line in lines))
    if shutil.which("fc-match") and "Cambria" not in subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True).stdout:
        assert any("'Cambria' not installed; measured with the metric-compatible 'Caladea'" in line for line in lines)


def test_progress_bar_only_on_a_terminal_and_reports_after_it(runner, tmp_path, monkeypatch):
    from briefgen import cli

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr(cli.sys, "stderr", Terminal())
    assert cli._showing_progress(3, quiet=False)
    assert not cli._showing_progress(1, quiet=False)
    assert not cli._showing_progress(3, quiet=True)
    items = [(Path("a.txt"), "x"), (Path("b.txt"), "y")]
    monkeypatch.undo()
    assert list(cli._with_progress(iter(items), 2)) == items
