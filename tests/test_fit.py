"""Unit tests of text measuring, wrapping, shrinking and splitting (render/fit.py, render/fonts.py)."""

from __future__ import annotations

import shutil

import pytest
from lxml import etree
from PIL import ImageFont

from briefgen.model import Bullet
from briefgen.render import fit
from briefgen.render.fonts import FontBook

needs_fonts = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig (fc-match) not installed")

A = fit.A_NS
P = fit.P_NS


def char_measure(text: str) -> float:
    """Every character is 10 pt wide (makes wrapping arithmetic obvious)."""
    return 10.0 * len(text)


# --------------------------------------------------------------------------------------------
# wrap
# --------------------------------------------------------------------------------------------

WRAP_CASES = [
    ("short", 100, ["short"]),
    ("aaa bbb ccc", 70, ["aaa bbb", "ccc"]),
    ("aaa bbb ccc", 110, ["aaa bbb ccc"]),
    ("aaaa bbbb", 40, ["aaaa", "bbbb"]),
    ("", 100, [""]),
    ("  spaced   out  ", 100, ["spaced out"]),
    # no-break spaces join: "10 000" and "5 %" never end one line and start the next
    ("costs rose to 10\u00a0000 euros", 140, ["costs rose to", "10\u00a0000 euros"]),
    ("a cut of 5\u202f% now", 80, ["a cut of", "5\u202f% now"]),
]


def test_splitting_and_truncating_keep_no_break_spaces() -> None:
    fits = lambda s: char_measure(s) <= 140  # noqa: E731
    assert fit.split_to_fit("costs rose to 10\u00a0000 euros today.", fits) == ("costs rose to", "10\u00a0000 euros today.")
    assert fit.truncate_to_fit("costs rose to 10\u00a0000 euros today", fits) == "costs rose to…"


@pytest.mark.parametrize(("text", "width", "expected"), WRAP_CASES)
def test_wrap_breaks_at_spaces(text: str, width: float, expected: list[str]) -> None:
    assert fit.wrap(text, width, char_measure) == expected


def test_wrap_never_splits_a_word_that_fits_a_line() -> None:
    lines = fit.wrap("alpha beta gamma delta epsilon", 70, char_measure)
    assert lines == ["alpha", "beta", "gamma", "delta", "epsilon"]
    assert all(char_measure(line) <= 70 for line in lines)


def test_wrap_breaks_a_500_character_word_between_characters() -> None:
    url = "https://example.com/" + "x" * 480
    lines = fit.wrap(f"see {url} now", 200, char_measure)
    assert lines[0] == "see" and lines[-1] == "now"
    assert "".join(lines[1:-1]) == url
    assert all(char_measure(line) <= 200 for line in lines)
    assert len(lines) == 1 + 25 + 1  # 500 characters at 20 per line


def greedy_wrap(text: str, width: float, measure, max_lines: int | None = None) -> list[str]:
    """Reference: fill each line word by word, measuring the line after every word."""
    fits = lambda s: measure(s) <= width  # noqa: E731
    lines: list[str] = []
    current = ""
    for word in text.split():
        if max_lines is not None and len(lines) > max_lines:
            return lines
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = fit._break_word(word, fits) if not fits(word) else [word]  # noqa: SLF001
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current or not lines:
        lines.append(current)
    return lines


@pytest.mark.parametrize("width", [15, 40, 70, 95, 130, 250, 1000])
@pytest.mark.parametrize("max_lines", [None, 0, 1, 3])
def test_wrap_matches_filling_lines_word_by_word(width: float, max_lines: int | None) -> None:
    """wrap() searches for each line's words; it must break exactly where word-by-word filling does."""
    narrow = {"i": 3.0, "l": 3.0, " ": 4.0, "m": 14.0, "W": 16.0}
    measure = lambda s: sum(narrow.get(ch, 8.0) for ch in s)  # noqa: E731
    texts = [
        "The quick brown fox jumps over the lazy dog while Wimbledon fills with millions of visitors.",
        "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj " * 3,
        "supercalifragilisticexpialidocious is a long word and so is " + "W" * 40 + " indeed",
        "one",
        "",
    ]
    for text in texts:
        assert fit.wrap(text, width, measure, max_lines) == greedy_wrap(text, width, measure, max_lines)


# --------------------------------------------------------------------------------------------
# splitting, truncating, paginating
# --------------------------------------------------------------------------------------------


def test_split_to_fit_prefers_a_sentence_end() -> None:
    text = "First sentence here. Second sentence is longer than the first one."
    head, tail = fit.split_to_fit(text, lambda t: len(t) <= 40)
    assert (head, tail) == ("First sentence here.", "Second sentence is longer than the first one.")


def test_split_to_fit_falls_back_to_a_word_boundary() -> None:
    text = "one two three four five six seven"
    head, tail = fit.split_to_fit(text, lambda t: len(t) <= 15)
    assert head == "one two three"
    assert tail == "four five six seven"


def test_split_to_fit_breaks_a_giant_word_between_characters() -> None:
    head, tail = fit.split_to_fit("x" * 50, lambda t: len(t) <= 20)
    assert (len(head), len(tail)) == (20, 30)


def test_truncate_to_fit_cuts_at_a_word_and_adds_an_ellipsis() -> None:
    short = fit.truncate_to_fit("A very long title that goes on and on", lambda t: len(t) <= 20)
    assert short == "A very long title…"
    assert short.endswith(fit.ELLIPSIS) and len(short) <= 20


def test_paginate_keeps_order_and_balances_pages() -> None:
    bullets = [Bullet(f"b{i}") for i in range(12)]
    pages = fit.paginate(bullets, lambda ps: len(ps) <= 7)
    assert [len(p) for p in pages] == [6, 6]
    assert [b for page in pages for b in page] == bullets


def test_paginate_splits_a_bullet_longer_than_a_page() -> None:
    long = Bullet("Sentence one is here. Sentence two is here. Sentence three is here.", 1)
    pages = fit.paginate([long], lambda ps: sum(len(b.text) for b in ps) <= 45)
    assert [p[0].text for p in pages] == [
        "Sentence one is here. Sentence two is here.",
        "Sentence three is here.",
    ]
    assert all(p[0].level == 1 for p in pages)


# --------------------------------------------------------------------------------------------
# style resolution from the XML chain
# --------------------------------------------------------------------------------------------


def sp_with_lst_style(lst_xml: str, body_pr: str = "<a:bodyPr/>") -> etree._Element:
    """Return a p:sp whose txBody has the given bodyPr and lstStyle content."""
    return etree.fromstring(
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:txBody>{body_pr}<a:lstStyle>{lst_xml}</a:lstStyle>'
        "<a:p/></p:txBody></p:sp>"
    )


MASTER_BODY_STYLE = etree.fromstring(
    f'<p:bodyStyle xmlns:p="{P}" xmlns:a="{A}">'
    '<a:lvl1pPr marL="342900" indent="-342900"><a:spcBef><a:spcPts val="1000"/></a:spcBef>'
    '<a:defRPr sz="2000"><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr>'
    '<a:lvl2pPr marL="742950"><a:spcBef><a:spcPct val="20000"/></a:spcBef><a:defRPr sz="1800"/></a:lvl2pPr>'
    "</p:bodyStyle>"
)
FONTS = fit.ThemeFonts(major="Cambria", minor="Arial")


def test_resolve_text_style_reads_master_text_styles() -> None:
    style = fit.resolve_text_style([None, None], MASTER_BODY_STYLE, FONTS)
    first, second = style.level(0), style.level(1)
    assert (first.size, first.typeface, first.margin, first.indent) == (20.0, "Arial", 342900, -342900)
    assert first.before == fit.Spacing(points=10.0)
    assert (second.size, second.margin, second.before) == (18.0, 742950, fit.Spacing(lines=0.2))
    assert style.level(5).size == fit.DEFAULT_SIZE_PT
    assert style.insets == fit.DEFAULT_INSETS


def test_resolve_text_style_nearest_placeholder_wins() -> None:
    layout = sp_with_lst_style('<a:lvl1pPr><a:defRPr sz="4400"><a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr>')
    master = sp_with_lst_style('<a:lvl1pPr><a:defRPr sz="1000"/></a:lvl1pPr>', '<a:bodyPr lIns="0" tIns="12700"/>')
    style = fit.resolve_text_style([layout, master], MASTER_BODY_STYLE, FONTS)
    assert (style.level(0).size, style.level(0).typeface) == (44.0, "Cambria")
    assert style.level(0).margin == 342900  # not overridden: inherited from the master style
    assert style.insets == (0, 12700, 91440, 45720)


def test_theme_fonts_reads_major_and_minor_latin() -> None:
    theme = (
        f'<a:theme xmlns:a="{A}"><a:themeElements><a:fontScheme name="x">'
        '<a:majorFont><a:latin typeface="Cambria"/></a:majorFont>'
        '<a:minorFont><a:latin typeface="Arial"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>'
    ).encode()
    assert fit.theme_fonts(theme) == fit.ThemeFonts("Cambria", "Arial")
    assert FONTS.typeface("+mj-lt") == "Cambria" and FONTS.typeface(None) == "Arial"
    assert FONTS.typeface("Courier New") == "Courier New"


# --------------------------------------------------------------------------------------------
# measuring with real fonts
# --------------------------------------------------------------------------------------------


@needs_fonts
def test_fonts_use_metric_compatible_substitutes_and_say_so_once() -> None:
    book = FontBook()
    calibri = book.resolve("Calibri")
    assert calibri.family in ("Calibri", "Carlito")
    assert calibri.path.endswith((".ttf", ".otf"))
    assert book.resolve("Cambria").family in ("Cambria", "Caladea")
    assert book.resolve("Arial").family in ("Arial", "Liberation Sans")
    book.resolve("Calibri", bold=True)
    expected = [f"font {name!r} not installed; measured with the metric-compatible {book.resolve(name).family!r}"
                for name in ("Calibri", "Cambria", "Arial") if book.resolve(name).family != name]
    assert book.warnings == expected


@needs_fonts
def test_unknown_font_falls_back_to_dejavu_and_warns_once() -> None:
    book = FontBook()
    first = book.resolve("No Such Font Anywhere")
    book.resolve("No Such Font Anywhere")
    assert first.family == "DejaVu Sans"
    assert book.warnings == ["font 'No Such Font Anywhere' not installed; measured with 'DejaVu Sans'"]


@needs_fonts
def test_text_width_scales_with_size() -> None:
    font = FontBook().resolve("Calibri")
    small, big = fit.text_width("Executive summary", font, 10), fit.text_width("Executive summary", font, 20)
    assert big == pytest.approx(2 * small)
    assert 60 < small < 100  # about half an em per character


def body_style(size: float = 20.0) -> fit.TextStyle:
    """Return a nine-level Calibri style at ``size`` with 10 pt before each paragraph."""
    level = fit.LevelStyle(size=size, typeface="Calibri", margin=342900, before=fit.Spacing(points=10))
    return fit.TextStyle(levels=(level,) * fit.LEVELS)


@needs_fonts
def test_fit_keeps_template_size_when_text_fits() -> None:
    result = fit.fit_paragraphs([Bullet("Short point")], body_style(), (9144000, 4572000), FontBook(), fit.BODY_MIN_PT)
    assert result.fits and result.size(0) == 20.0


@needs_fonts
def test_fit_shrinks_long_text_but_not_below_the_minimum() -> None:
    book = FontBook()
    box = (9144000, 2286000)  # 10 in x 2.5 in
    medium = [Bullet("word " * 150)]
    shrunk = fit.fit_paragraphs(medium, body_style(), box, book, fit.BODY_MIN_PT)
    assert shrunk.fits and fit.BODY_MIN_PT <= shrunk.size(0) < 20.0
    assert fit.fits(medium, body_style().with_sizes(shrunk.sizes), box, book)
    huge = [Bullet("word " * 600)]
    too_much = fit.fit_paragraphs(huge, body_style(), box, book, fit.BODY_MIN_PT)
    assert not too_much.fits and too_much.size(0) == fit.BODY_MIN_PT


@needs_fonts
def test_paragraph_height_counts_spacing_and_lines() -> None:
    book = FontBook()
    level = body_style().level(0)
    one = fit.paragraph_height("one line", level, 500, book)
    ratio = book.resolve("Calibri").line_ratio
    assert one == pytest.approx(20 * ratio + 10)
    three = fit.paragraph_height("word " * 60, level, 500, book)
    assert three > 2 * one


@needs_fonts
def test_characters_the_font_lacks_are_measured_as_the_fallback_draws_them() -> None:
    carlito = FontBook().resolve("Calibri")
    cjk = "港口管理局周二批准了新的渡轮码头"
    # a CJK character is a full em wide in any CJK fallback font, never a narrow .notdef box
    assert fit.text_width(cjk, carlito, 20) == pytest.approx(20 * len(cjk))
    # "港口 " is an Asian run (the space after it too: 0.3 em), with a gap on each side (0.25 em)
    mixed = "Sales 港口 rose"
    latin = fit.text_width("Sales ", carlito, 20) + fit.text_width("rose", carlito, 20)
    assert fit.text_width(mixed, carlito, 20) == pytest.approx(latin + 40 + 6 + 2 * 5)


# What LibreOffice 7.4 drew for a line of the corpus deck aeb-f105de6e63ca91ea (sources slide,
# Carlito 20 pt, CJK in WenQuanYi Micro Hei): 841.9 pt from the first glyph to the last. Its runs:
# the Latin text and ASCII punctuation in Carlito; kana, kanji, full-width plus and the closing
# curly quote after them in WenQuanYi (the quote full-width: 20 pt); 4.8-4.95 pt between runs.
MIXED_LINE = "Takeaway 1: “Kindle for PCをCtrl＋Alt＋Kのショートカットキーで立ち上がらなくする方法”,"
MIXED_LINE_DRAWN_PT = 841.9


def test_script_runs_follow_libreoffice() -> None:
    assert fit.script_runs(MIXED_LINE) == [
        (False, "Takeaway 1: “Kindle for PC"), (True, "を"), (False, "Ctrl"), (True, "＋"), (False, "Alt"),
        (True, "＋"), (False, "K"), (True, "のショートカットキーで立ち上がらなくする方法”"), (False, ","),
    ]
    # weak characters (spaces, curly quotes, ellipsis) join the strong character before them ...
    assert fit.script_runs("ab “テ” cd… テ…") == [(False, "ab “"), (True, "テ” "), (False, "cd… "), (True, "テ…")]
    # ... at the start the one after them, or what precedes the text (a line after Asian text)
    assert fit.script_runs("“テab") == [(True, "“テ"), (False, "ab")]
    assert fit.script_runs("”, next") == [(False, "”, next")]
    assert fit.script_runs("”, next", after_asian=True) == [(True, "”"), (False, ", next")]
    # ASCII and Latin-1 punctuation and digits are strong Latin, not weak
    assert fit.script_runs("テ·12,ab") == [(True, "テ"), (False, "·12,ab")]
    assert fit.script_runs("“Quoted” text… — fine") == [(False, "“Quoted” text… — fine")]


@needs_fonts
def test_mixed_latin_cjk_line_is_measured_as_libreoffice_draws_it() -> None:
    carlito = FontBook().resolve("Calibri")
    assert fit.text_width(MIXED_LINE, carlito, 20) == pytest.approx(MIXED_LINE_DRAWN_PT, rel=0.01)


@needs_fonts
def test_ambiguous_characters_after_cjk_are_full_width_with_a_gap_between_scripts() -> None:
    carlito = FontBook().resolve("Calibri")
    # a curly quote or ellipsis after kana is drawn by the CJK font: a full em
    assert fit.text_width("テ”", carlito, 20) == pytest.approx(40)
    assert fit.text_width("テ…", carlito, 20) == pytest.approx(40)
    # after Latin it is Carlito's, much narrower; a quarter em where Latin and Asian runs meet
    quote = fit.text_width("a”", carlito, 20) - fit.text_width("a", carlito, 20)
    assert quote < 10
    assert fit.text_width("a”テ", carlito, 20) == pytest.approx(fit.text_width("a”", carlito, 20) + 5 + 20)
    # a paragraph's later line may start with weak characters that follow its Asian text
    assert fit.text_width("”x", carlito, 20, after_asian=True) == pytest.approx(
        20 + 5 + fit.text_width("x", carlito, 20))


@needs_fonts
def test_text_without_cjk_is_measured_with_the_template_font_alone() -> None:
    carlito = FontBook().resolve("Calibri")
    pil = ImageFont.truetype(carlito.path, 200)
    for text in ("“Quoted” text… — fine, 1·2 ½ €5 → ok", "Sales rose 5% in 2024."):
        assert fit.text_width(text, carlito, 20) == pytest.approx(pil.getlength(text) / 10)
