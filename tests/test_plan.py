"""The plan stage: storyboards rendered from a hand-built Brief into DeckPlan / DocPlan values."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from briefgen.errors import TemplateError
from briefgen.model import BlockKind
from briefgen.plan import auto_scale, chart_groups, repeats_summary, plan_deck, plan_document, where
from briefgen.plan.pack import BUILTIN_PACK, load_pack
from samples import huawei_like_brief


@pytest.fixture
def pack():
    return load_pack(BUILTIN_PACK)


def test_deck_plan_has_the_storyboard_slides_in_order(pack):
    brief = huawei_like_brief(title=None, source="Tech Daily")
    plan, warnings = plan_deck(brief, pack)
    assert warnings == ()
    roles = [s.role for s in plan.slides]
    # the opening section's only point is already a takeaway: no slide that repeats the summary
    assert roles == ["title", "summary", "figures", "section", "section", "sources"]
    title = plan.slides[0]
    assert title.title == "Huawei moves into electric vehicles"
    assert title.subtitle == "30 January 2024 · Tech Daily"
    summary = plan.slides[1]
    assert [b.text for b in summary.bullets] == [t.text for t in brief.takeaways]
    tiles = plan.slides[2].tiles
    assert [(t.value, t.label) for t in tiles] == [
        ("1 billion", "Invested in the sector since 2021"),
        ("7,000", "Researchers in the unit"),
        ("250 billion yuan", "Potential value of the new business"),
    ]
    # ...but its full text stays in the deck: in the summary slide's speaker notes
    assert plan.slides[1].notes.endswith("\n\n" + brief.sections[0].text)
    assert [s.title for s in plan.slides[3:5]] == [
        "Partnership with Dongfeng Motor Group", "Investment in Intelligent Automotive Solution Unit"]
    assert plan.slides[3].notes == brief.sections[1].text


def test_comparable_key_figures_get_a_chart_slide(pack):
    brief = huawei_like_brief()
    money = [f for f in brief.figures if f.kind.value == "money"]
    same_unit = [dataclasses.replace(f, unit="CNY") for f in money]
    brief = dataclasses.replace(brief, figures=tuple(same_unit))
    plan, _ = plan_deck(brief, pack)
    charts = [s for s in plan.slides if s.chart]
    assert len(charts) == 1
    chart = charts[0].chart
    assert charts[0].role == "figures"
    assert charts[0].title == "Key figures compared"
    assert chart.categories == ("Invested in the sector since 2021", "Potential value of the new business")
    assert chart.values == (1.0, 250.0)
    assert chart.unit == chart.title == "CNY bn"
    assert chart.number_format == "#,##0"


@pytest.mark.parametrize("values, unit, expected", [
    ((1.85e10, 9.5e10, 6.1e10), "USD", ((18.5, 95.0, 61.0), "USD bn", "#,##0.0")),
    ((4.2e9, 6.1e8), "EUR", ((4.2, 0.61), "EUR bn", "#,##0.00")),  # never 0.6 for 0.61
    ((1.13e9, 2.4e8), "USD", ((1.13, 0.24), "USD bn", "#,##0.00")),
    ((1.2345e9, 1e9), "USD", ((1.2345, 1.0), "USD bn", "#,##0.00")),  # beyond two decimals: rounded
    ((23.25, 4.5), "%", ((23.25, 4.5), "%", '0.00"%"')),
    ((610e6, 350e6), "EUR", ((610.0, 350.0), "EUR m", "#,##0")),
    ((7000, 1200), "researchers", ((7000, 1200), "researchers", "#,##0")),
    ((12000, 4500), "jobs", ((12.0, 4.5), "jobs (thousands)", "#,##0.0")),
    ((2.5e6, 1e6), "", ((2.5, 1.0), "millions", "#,##0.0")),
    ((300, 45), "jobs", ((300, 45), "jobs", "#,##0")),
    ((23, 4.5), "%", ((23, 4.5), "%", '0.0"%"')),
])
def test_chart_values_are_scaled_for_reading(values, unit, expected):
    got = auto_scale(values, unit)
    assert got[1:] == expected[1:]
    assert got[0] == pytest.approx(expected[0])


def test_sources_slide_says_where_each_figure_and_takeaway_came_from(pack):
    plan, _ = plan_deck(huawei_like_brief(), pack)
    sources = [b.text for b in plan.slides[-1].bullets]
    assert sources[0] == "Article: sample.txt, 30 January 2024"
    assert "250 billion yuan: \u201cInvestment in Intelligent Automotive Solution Unit\u201d, paragraph 2" in sources
    assert "Takeaway 1: opening, paragraph 1" in sources


def test_a_section_that_only_repeats_the_summary_gets_no_slide_but_one_with_news_does(pack):
    brief = huawei_like_brief()
    opening = brief.sections[0]
    assert repeats_summary(brief, opening)
    widened = dataclasses.replace(opening, points=opening.points + brief.sections[1].points[1:])
    brief = dataclasses.replace(brief, sections=(widened, *brief.sections[1:]))
    assert not repeats_summary(brief, widened)
    plan, _ = plan_deck(brief, pack)
    overview = next(s for s in plan.slides if s.title == "Overview")
    assert [b.text for b in overview.bullets] == [p.text for p in widened.points]


def test_where_names_section_and_paragraph():
    brief = huawei_like_brief()
    assert where(brief, brief.figures[0]) == "\u201cPartnership with Dongfeng Motor Group\u201d, paragraph 1"
    assert where(brief, brief.takeaways[0]) == "opening, paragraph 1"


def test_chart_groups_need_two_figures_of_the_same_kind_and_unit():
    brief = huawei_like_brief()
    # 1 billion (money, no unit) and 250 billion yuan (money, CNY) are not comparable
    assert chart_groups(brief.key_figures) == []
    same = [brief.figures[3], brief.figures[3]]
    assert chart_groups(same) == [same]


def test_document_plan_blocks(pack):
    brief = huawei_like_brief(title="Huawei bets on cars")
    plan, _ = plan_document(brief, pack)
    kinds = [b.kind for b in plan.blocks]
    assert kinds[:4] == [BlockKind.TITLE, BlockKind.SUBTITLE, BlockKind.HEADING, BlockKind.BULLETS]
    assert plan.blocks[0].text == "Huawei bets on cars"
    table = next(b for b in plan.blocks if b.kind is BlockKind.TABLE)
    assert table.rows[0] == ("Figure", "What it is", "Where it comes from")
    assert table.rows[3][0] == "250 billion yuan"
    headings = [b.text for b in plan.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Executive summary", "Key figures", "Partnership with Dongfeng Motor Group",
                        "Investment in Intelligent Automotive Solution Unit", "Sources"]


@pytest.mark.parametrize("hostile", [
    "{{ 7*7 }} and {% include 'x' %}",
    'He said: "yes" - [a, b] {key: value} # not a comment',
    "<script>alert(1)</script>",
    "- a list item\n  - nested: yes",
    "control \x7f and C1 \x85\x9f and non-characters \ufffe\uffff and \u2028 separators",
])
def test_article_text_is_data_never_template_or_yaml(pack, hostile):
    brief = huawei_like_brief(title=hostile)
    deck, _ = plan_deck(brief, pack)
    doc, _ = plan_document(brief, pack)
    assert deck.slides[0].title == hostile
    assert doc.blocks[0].text == hostile


def _user_pack(tmp_path: Path, deck_template: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "deck.yaml.j2").write_text(deck_template, encoding="utf-8")
    return folder


def test_user_template_overrides_one_block_and_inherits_the_rest(tmp_path):
    folder = _user_pack(tmp_path, '{% extends "default/deck.yaml.j2" %}\n'
                                   '{% block sources_slide %}{% endblock %}\n')
    pack = load_pack(folder)
    plan, _ = plan_deck(huawei_like_brief(), pack)
    assert [s.role for s in plan.slides][-1] == "section"
    # what the user's pack lacks comes from the built-in pack, with a warning
    assert any("no reference.pptx" in w for w in pack.warnings)
    doc, _ = plan_document(huawei_like_brief(), pack)
    assert doc.blocks[-1].kind is BlockKind.BULLETS


def test_undefined_name_is_an_error_naming_file_and_line(tmp_path):
    folder = _user_pack(tmp_path, "- role: title\n  title: {{ brief.titel }}\n")
    with pytest.raises(TemplateError) as info:
        plan_deck(huawei_like_brief(), load_pack(folder))
    assert "deck.yaml.j2" in str(info.value)
    assert "line 2" in str(info.value)
    assert "titel" in str(info.value)


def test_syntax_error_names_file_and_line(tmp_path):
    folder = _user_pack(tmp_path, "- role: title\n\n  title: {{ brief.title }\n")
    with pytest.raises(TemplateError, match=r"deck\.yaml\.j2: line 3"):
        plan_deck(huawei_like_brief(), load_pack(folder))


@pytest.mark.parametrize("attack", [
    "{{ brief.__class__.__mro__ }}",
    "{{ ''.__class__.__subclasses__() }}",
    "{{ brief.article.__init__.__globals__ }}",
])
def test_sandbox_refuses_internals(tmp_path, attack):
    folder = _user_pack(tmp_path, f"- role: title\n  title: {attack}\n")
    with pytest.raises(TemplateError):
        plan_deck(huawei_like_brief(), load_pack(folder))


def test_templates_cannot_read_files_outside_the_pack(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    folder = _user_pack(tmp_path, "- role: title\n  title: {% include '../secret.txt' %}\n")
    with pytest.raises(TemplateError, match="not found"):
        plan_deck(huawei_like_brief(), load_pack(folder))


def test_unknown_role_and_keys_are_errors(tmp_path):
    folder = _user_pack(tmp_path, "- role: agenda\n  title: x\n")
    with pytest.raises(TemplateError, match="unknown role 'agenda'"):
        plan_deck(huawei_like_brief(), load_pack(folder))
    (folder / "deck.yaml.j2").write_text("- role: title\n  titel: x\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="unknown key"):
        plan_deck(huawei_like_brief(), load_pack(folder))


def test_unknown_manifest_keys_are_errors(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(BUILTIN_PACK, folder)
    (folder / "pack.toml").write_text('[pptx.layouts]\ntitel = "Title Slide"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="pptx.layouts.titel"):
        load_pack(folder)


def test_manifest_role_missing_falls_back_with_a_warning(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(BUILTIN_PACK / "reference.pptx", folder / "reference.pptx")
    (folder / "pack.toml").write_text('[pptx.layouts]\ntitle = "Title Slide"\n', encoding="utf-8")
    pack = load_pack(folder)
    assert pack.layouts["summary"] == "Title and Content"
    assert any("pptx.layouts.summary" in w and "'Title and Content'" in w for w in pack.warnings)


@pytest.mark.parametrize("value", [1e16, -2e20, 1e-7, 0.5, float("inf")])
def test_storyboard_floats_come_back_as_numbers(value):
    """Every float a storyboard writes is read back as that float (JSON's "1e+16" is text to YAML 1.1)."""
    from briefgen.plan.storyboard import _yaml_value

    assert yaml.safe_load(f"v: {_yaml_value(value)}")["v"] == value
    assert yaml.safe_load(f"v: {_yaml_value([value, 2])}")["v"] == [value, 2]


# --------------------------------------------------------------------------------------------
# Compiled storyboards kept between runs (jinja2's bytecode cache)
# --------------------------------------------------------------------------------------------


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh storyboard cache folder; environments built before the test are forgotten."""
    from briefgen.plan.storyboard import make_environment  # noqa: PLC0415

    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(folder))
    make_environment.cache_clear()
    yield folder
    make_environment.cache_clear()


def _new_process(monkeypatch=None, *, no_compiling=False):
    """Forget the environments, as a new process would; optionally make compiling an error."""
    import jinja2  # noqa: PLC0415

    from briefgen.plan.storyboard import make_environment  # noqa: PLC0415

    make_environment.cache_clear()
    if no_compiling:
        def refuse(*args, **kwargs):
            raise AssertionError("a storyboard was compiled although its compiled code was cached")
        monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_compiled_storyboards_are_kept_and_reused(cache, pack, monkeypatch):
    brief = huawei_like_brief()
    deck, _ = plan_deck(brief, pack)
    doc, _ = plan_document(brief, pack)
    assert len(list(cache.glob("storyboard-*.cache"))) == 2
    _new_process(monkeypatch, no_compiling=True)
    assert plan_deck(brief, pack)[0] == deck
    assert plan_document(brief, pack)[0] == doc


def test_an_edited_storyboard_is_compiled_again(cache, tmp_path):
    folder = _user_pack(tmp_path, '- role: title\n  title: {{ "First " ~ brief.title }}\n')
    assert plan_deck(huawei_like_brief(), load_pack(folder))[0].slides[0].title.startswith("First ")
    (folder / "deck.yaml.j2").write_text('- role: title\n  title: {{ "Second " ~ brief.title }}\n')
    _new_process()
    assert plan_deck(huawei_like_brief(), load_pack(folder))[0].slides[0].title.startswith("Second ")


def test_errors_name_file_and_line_when_the_storyboard_comes_from_the_cache(cache, tmp_path, monkeypatch):
    folder = _user_pack(tmp_path, "- role: title\n  title: {{ brief.titel }}\n")
    for run in range(2):
        with pytest.raises(TemplateError) as info:
            plan_deck(huawei_like_brief(), load_pack(folder))
        assert "deck.yaml.j2" in str(info.value) and "line 2" in str(info.value), run
        _new_process(monkeypatch, no_compiling=True)


@pytest.mark.parametrize("damage", ["empty", "foreign", "bad checksum", "truncated code"])
def test_a_damaged_cache_file_means_compiling_again(cache, pack, damage):
    from jinja2.bccache import bc_magic  # noqa: PLC0415

    brief = huawei_like_brief()
    deck, _ = plan_deck(brief, pack)
    files = list(cache.glob("storyboard-*.cache"))
    assert files
    for file in files:
        data = file.read_bytes()
        file.write_bytes({"empty": b"", "foreign": b"not a cache file",
                          "bad checksum": bc_magic + b"\x80\x03garbage",  # jinja2 unpickles it
                          "truncated code": data[:len(data) // 2]}[damage])
    _new_process()
    assert plan_deck(brief, pack)[0] == deck


def test_a_cache_folder_that_cannot_be_made_or_switched_off_keeps_nothing(tmp_path, monkeypatch, pack):
    from briefgen.plan.storyboard import cache_dir, make_environment  # noqa: PLC0415

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    brief = huawei_like_brief()
    for setting, expected in ((str(blocker / "cache"), blocker / "cache"), ("", None)):
        monkeypatch.setenv("BRIEFGEN_CACHE_DIR", setting)
        make_environment.cache_clear()
        assert cache_dir() == expected
        assert plan_deck(brief, pack)[0].slides
    make_environment.cache_clear()
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_the_cache_folder_defaults_to_the_user_cache(monkeypatch, tmp_path):
    from briefgen.plan.storyboard import cache_dir  # noqa: PLC0415

    monkeypatch.delenv("BRIEFGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "briefgen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "briefgen"


def test_yaml_escaping_covers_exactly_the_characters_yaml_cannot_print():
    """The short escape class is the complement of YAML's printable set, less NEL, LS and PS."""
    import re  # noqa: PLC0415

    from briefgen.plan.storyboard import _NOT_YAML_PRINTABLE  # noqa: PLC0415

    printable = re.compile("[\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    text = "".join(map(chr, range(0x110000)))
    escaped = {m.start() for m in _NOT_YAML_PRINTABLE.finditer(text)}
    kept = {m.start() for m in printable.finditer(text)}
    assert escaped.isdisjoint(kept) and len(escaped) + len(kept) == 0x110000
