"""`briefgen templates init/inspect/check` against company templates built in the test."""

from __future__ import annotations

from pathlib import Path

import pptx
import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from conftest import INPUTS, REPO
from corporate_templates import build_globex, build_initech


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def globex(tmp_path_factory) -> Path:
    return build_globex(tmp_path_factory.mktemp("globex"))


def test_inspect_lists_layouts_placeholders_fonts_and_colours(runner, globex):
    result = invoke(runner, "templates", "inspect", globex / "reference.pptx")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "10.00 x 7.50 in" in out
    assert "theme fonts: headings Times New Roman, body Times New Roman" in out
    for layout in ("Titelfolie", "Titel und Inhalt", "Nur Titel"):
        assert f"\n  {layout}\n" in out
    assert "idx 0   title" in out or "idx 0   center_title" in out
    assert "accent1 #" in out
    assert "Disclaimer [" in out


def test_inspect_lists_document_styles(runner, globex):
    result = invoke(runner, "templates", "inspect", globex / "reference.docx")
    assert result.exit_code == 0
    assert "paragraph styles:" in result.stdout and "Heading 1" in result.stdout
    assert "table styles:" in result.stdout


def test_init_from_company_files_maps_layouts_by_placeholders(runner, globex, tmp_path):
    pack = tmp_path / "mypack"
    result = invoke(runner, "templates", "init", pack, "--from", globex / "reference.pptx",
                    "--docx", globex / "reference.docx")
    assert result.exit_code == 0, result.output
    manifest = (pack / "pack.toml").read_text(encoding="utf-8")
    for line in ('title = "Titelfolie"', 'summary = "Titel und Inhalt"', 'figures = "Nur Titel"',
                 'heading = "Heading 1"', "# This deck's slides: Q3 sales review; Disclaimer"):
        assert line in manifest
    check = invoke(runner, "templates", "check", pack)
    assert check.exit_code == 0, check.output
    assert "pack is ready" in check.stdout
    assert "OK       layout   figures          'Nur Titel' (title)" in check.stdout
    out = tmp_path / "out"
    made = invoke(runner, "make", INPUTS / "huawei-ev.txt", "--pptx", "--templates", pack, "--out", out)
    assert made.exit_code == 0, made.output
    deck = pptx.Presentation(out / "huawei-ev.pptx")
    layouts = [s.slide_layout.name for s in deck.slides]
    assert layouts[0] == "Titelfolie" and "Nur Titel" in layouts
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert "Q3 sales review" not in titles and "Disclaimer" not in titles  # not kept unless named


def test_check_reports_fallbacks_and_missing_styles(runner, tmp_path):
    pack = build_initech(tmp_path / "initech")
    result = invoke(runner, "templates", "check", pack)
    out = result.stdout
    assert result.exit_code == 0, out  # everything missing has a stand-in: usable, with fallbacks
    assert "pack is ready" in out
    assert "FALLBACK layout   figures          'Title Only' not found; 'Initech Text' would be used " \
           "(closest placeholders: body, title)" in out
    assert "FALLBACK style    bullet           'List Bullet' not found; 'List Paragraph' would be used" in out
    assert "FALLBACK style    table            'Light Grid Accent 1' not found; 'Table Grid' would be used" in out
    # what the check predicts is what rendering does
    assert "used 'List Paragraph'" in result.stderr and "used 'Initech Text'" in result.stderr


def test_check_of_the_repo_pack_is_clean(runner):
    result = invoke(runner, "templates", "check", REPO / "templates")
    assert result.exit_code == 0, result.output
    assert "MISSING" not in result.stdout and "ERROR" not in result.stdout
    assert "OK       style    bullet           'Briefing Bullet'" in result.stdout


def test_check_refuses_a_bad_manifest_with_a_usage_error(runner, tmp_path):
    (tmp_path / "pack.toml").write_text("[pptx]\nfiel = 'x.pptx'\n", encoding="utf-8")
    result = invoke(runner, "templates", "check", tmp_path)
    assert result.exit_code == 2
    assert "unknown manifest key(s) pptx.fiel" in result.stderr


def test_check_reports_a_broken_storyboard_with_file_and_line(runner, tmp_path):
    (tmp_path / "deck.yaml.j2").write_text("- role: title\n  title: {{ brief.titel }}\n", encoding="utf-8")
    result = invoke(runner, "templates", "check", tmp_path)
    assert result.exit_code == 1
    assert "ERROR    template deck.yaml.j2" in result.stdout
    assert "line 2" in result.stdout and "titel" in result.stdout


def test_check_renders_your_own_articles(runner):
    result = invoke(runner, "templates", "check", REPO / "templates", "--article", INPUTS)
    assert result.exit_code == 0, result.output
    for name in sorted(p.name for p in INPUTS.iterdir() if p.is_file()):
        assert f"OK       render   deck.yaml.j2     {name} rendered: " in result.stdout
        assert f"OK       render   document.yaml.j2 {name} rendered: " in result.stdout
    assert "the sample brief" not in result.stdout


def test_check_names_an_article_that_cannot_be_read(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = invoke(runner, "templates", "check", REPO / "templates", "-a", INPUTS / "huawei-ev.txt", "-a", empty)
    assert result.exit_code == 1
    assert "ERROR    article  empty.txt" in result.stdout
    assert "huawei-ev.txt rendered" in result.stdout


def test_check_of_a_folder_without_articles_is_a_usage_error(runner, tmp_path):
    result = invoke(runner, "templates", "check", REPO / "templates", "--article", tmp_path)
    assert result.exit_code == 2
    assert "no articles" in result.stderr and str(tmp_path) in result.stderr
