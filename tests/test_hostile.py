"""Hostile and odd inputs: each gives a valid briefing (valid OOXML that reopens and carries the text)
or a clear ``InputError`` naming the file and the reason. Never a crash, an invalid file or a hang.

Every case goes through ``make_briefing`` with both formats and the built-in pack. Inputs are small
and generated in ``tmp_path``.

Documented limit: the default ``--max-size`` (20 MiB) refuses a 50 MB article. With the limit raised,
such an article is read, but analysis does not finish in reasonable time: key-figure selection
(``figures.sentence_centrality``) compares every sentence with every other, so time grows with the
square of the sentence count (about 15 s for 50 KB of prose, 900 sentences). Very large articles are
therefore not exercised here; ``test_raised_limit_accepts_a_larger_article`` shows that ``max_bytes``
works both ways on a small file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import layout_check, validate_ooxml
from docx import Document
from pptx import Presentation

from briefgen.errors import InputError
from briefgen.pipeline import BriefingResult, OutputFormat, make_briefing
from briefgen.plan.pack import BUILTIN_PACK, TemplatePack, load_pack
from briefgen.readers import DEFAULT_MAX_BYTES

BOTH = (OutputFormat.PPTX, OutputFormat.DOCX)
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

PROSE = (
    "The harbour authority approved a new ferry terminal on Tuesday after a long review. "
    "Officials said the project would take three years to complete. "
    "Local businesses welcomed the decision, saying it would bring more visitors.\n\n"
    "Construction is due to start in the spring. The operator expects passenger numbers to grow steadily.\n"
)


@pytest.fixture(scope="module")
def pack() -> TemplatePack:
    return load_pack(BUILTIN_PACK)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    """Return the path of a new input file holding ``data`` (text as UTF-8)."""
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


def make(path: Path, pack: TemplatePack, **kwargs) -> BriefingResult:
    out = path.parent / "out"
    out.mkdir(exist_ok=True)
    return make_briefing(path, pack, out, path.stem, BOTH, **kwargs)


def refused(path: Path, pack: TemplatePack, *reasons: str, **kwargs) -> str:
    """Assert ``make_briefing`` refuses ``path`` with an InputError naming it and each reason; return the message."""
    with pytest.raises(InputError) as info:
        make(path, pack, **kwargs)
    message = str(info.value)
    assert str(path) in message
    for reason in reasons:
        assert reason in message
    assert not list((path.parent / "out").iterdir()), "a refused article must leave no file"
    return message


def deck_text(path: Path) -> str:
    """Return every text of a deck: shapes, tables, chart-free, plus speaker notes."""
    prs = Presentation(str(path))
    parts: list[str] = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def document_text(path: Path) -> str:
    """Return every text of a Word document: paragraphs and table cells."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def briefed(path: Path, pack: TemplatePack, *expected: str, in_deck: tuple[str, ...] = (), **kwargs) -> tuple[str, str]:
    """Assert ``path`` gives a valid deck and document that reopen and contain each ``expected`` text.

    ``in_deck`` texts need only be in the deck (its speaker notes carry every section's full text;
    the document carries the summary and section points). Returns (deck text, document text).
    """
    result = make(path, pack, **kwargs)
    files = {f.suffix: f for f in result.files}
    assert set(files) == {".pptx", ".docx"}
    assert validate_ooxml(*files.values()) == []
    deck, doc = deck_text(files[".pptx"]), document_text(files[".docx"])
    for text in (deck, doc, result.title):
        assert not ILLEGAL_XML.search(text)
    for needle in expected:
        assert needle in deck, f"{needle!r} missing from the deck"
        assert needle in doc, f"{needle!r} missing from the document"
    for needle in in_deck:
        assert needle in deck, f"{needle!r} missing from the deck"
    return deck, doc


def slide_count(path: Path) -> int:
    return len(Presentation(str(path)).slides)


# ------------------------------------------------------------------------------ empty and binary


def test_empty_file(tmp_path, pack):
    refused(write(tmp_path, "empty.txt", b""), pack, "is empty")


def test_whitespace_only(tmp_path, pack):
    refused(write(tmp_path, "blank.txt", " \n\t\r\n  \n\u00a0\u3000\n"), pack, "is empty")


@pytest.mark.parametrize(("header", "kind"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
])
def test_binary_renamed_to_txt(tmp_path, pack, header, kind):
    junk = bytes((i * 37 + 11) % 256 for i in range(4000))
    refused(write(tmp_path, "renamed.txt", header + junk), pack, "binary", kind)


def test_binary_junk_without_magic_number(tmp_path, pack):
    junk = bytes((i * 37 + 11) % 256 for i in range(4000))
    refused(write(tmp_path, "junk.txt", junk), pack, "binary")


# ------------------------------------------------------------------------------ encodings


def test_utf16_without_bom(tmp_path, pack):
    text = "Ferry terminal approved\n\n" + PROSE + "\nThe café owner, Zoë Müller, was pleased.\n"
    briefed(write(tmp_path, "utf16.txt", text.encode("utf-16-le")), pack, "Zoë Müller", "harbour authority")


def test_utf16_big_endian_without_bom(tmp_path, pack):
    briefed(write(tmp_path, "utf16be.txt", PROSE.encode("utf-16-be")), pack, "harbour authority")


def test_invalid_utf8(tmp_path, pack):
    data = PROSE.encode("utf-8") + b"\nBroken bytes \xff\xfe\xc3\x28 and \xe2\x82 end here, said the mayor.\n"
    briefed(write(tmp_path, "bad-utf8.txt", data), pack, "harbour authority", "said the mayor")


# ------------------------------------------------------------------------------ size


def test_50mb_refused_by_default_limit(tmp_path, pack):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1000 * 1000)  # sparse: 50 MB on paper, no disk used
    message = refused(path, pack, "over the limit", "--max-size")
    assert "20.0 MiB" in message and f"{DEFAULT_MAX_BYTES:,} bytes" in message


def test_raised_limit_accepts_a_larger_article(tmp_path, pack):
    path = write(tmp_path, "larger.txt", "Larger report\n\n" + PROSE * 10)
    size = path.stat().st_size
    message = refused(path, pack, "over the limit", "--max-size", max_bytes=size - 1)
    assert f"{size - 1:,} bytes" in message
    briefed(path, pack, "Larger report", max_bytes=size)


# ------------------------------------------------------------------------------ odd shapes of text


def test_one_megabyte_line_without_punctuation(tmp_path, pack):
    words = ["harbour", "ferry", "terminal", "approved", "council", "review", "passenger", "growth", "spring", "operator"]
    line = " ".join(words[i % len(words)] + str(i % 7) for i in range(130_000))[:1_000_000]
    assert len(line) == 1_000_000
    briefed(write(tmp_path, "longline.txt", line + "\n"), pack, "harbour0 ferry1")
    assert slide_count(tmp_path / "out" / "longline.pptx") < 60


def test_only_numbers(tmp_path, pack):
    text = "\n\n".join(" ".join(str(n * 17 + k) for k in range(12)) for n in range(40)) + "\n"
    briefed(write(tmp_path, "numbers.txt", text), pack, "17 18 19")


def test_only_headings(tmp_path, pack):
    text = "\n\n".join(f"Section heading {n}" for n in range(1, 30)) + "\n"
    briefed(write(tmp_path, "headings.txt", text), pack, "Section heading 1")


def test_only_markdown_headings(tmp_path, pack):
    text = "\n\n".join(f"## Part {n}" for n in range(1, 30)) + "\n"
    refused(write(tmp_path, "headings.md", text), pack, "no article text")


def _assert_figures_fit(path: Path, pack: TemplatePack, count: int) -> None:
    figures = ", ".join(f"${n}m" for n in range(1, count + 1))
    text = f"Sales ledger\n\nSales were {figures}, the company said.\n\n{PROSE}"
    briefed(write(path, "figures.txt", text), pack, "Sales ledger", "$1m, $2m", f"${count}m")
    deck = path / "out" / "figures.pptx"
    prs = Presentation(str(deck))
    tiles_per_slide = [sum(1 for sh in s.shapes if sh.name.startswith("Tile")) for s in prs.slides]
    assert sum(1 for n in tiles_per_slide if n) == 1, "one key-figures slide"
    assert max(tiles_per_slide) <= 6
    sources = [s for s in prs.slides if s.shapes.title is not None and "source" in s.shapes.title.text.lower()]
    assert len(sources) <= 2, "the sources slide must not explode"
    assert sum(sh.text_frame.text.count("$") for s in sources for sh in s.shapes if sh.has_text_frame) <= 20


def test_a_thousand_figures(tmp_path, pack):
    _assert_figures_fit(tmp_path, pack, 1_000)


@pytest.mark.slow
def test_ten_thousand_figures(tmp_path, pack):
    # slow (about 100 s): figure labels (labels.py) rescan the whole sentence for every figure in it
    _assert_figures_fit(tmp_path, pack, 10_000)


# ------------------------------------------------------------------------------ HTML


def test_html_without_body(tmp_path, pack):
    refused(write(tmp_path, "nobody.html", "<html><head><title>Only a title</title></head></html>"),
            pack, "no article text")


def test_html_ten_thousand_nested_divs(tmp_path, pack):
    page = ("<html><head><title>Deep page</title></head><body>" + "<div>" * 10_000
            + "<p>" + PROSE.replace("\n\n", "</p><p>") + "</p>" + "</div>" * 10_000 + "</body></html>")
    path = write(tmp_path, "nested.html", page)
    try:
        briefed(path, pack, "harbour authority")
    except InputError as exc:
        assert "no article text" in str(exc) and str(path) in str(exc)


def test_html_scripts_and_styles_only(tmp_path, pack):
    page = ("<html><head><style>body { color: red }</style><script>var a = 1;</script></head>"
            "<body><script>document.write('Sales were $5m');</script><style>p{}</style>"
            "<noscript></noscript></body></html>")
    refused(write(tmp_path, "scripts.html", page), pack, "no article text")


# ------------------------------------------------------------------------------ characters


CONTROLS = "".join(chr(c) for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_xml_illegal_control_characters(tmp_path, pack, suffix):
    sentence = f"The harbour{chr(0)}authority approved{chr(0x1b)} a terminal on Tuesday\ufffe\uffff. Sales rose 5%{chr(7)} to $3m."
    body = "\n\n".join([sentence, *[PROSE] * 6, CONTROLS + " Officials agreed."])
    if suffix == ".txt":
        text = f"Control{chr(1)}title{chr(0x1f)}\n\n{body}\n"
    elif suffix == ".md":
        text = f"---\ntitle: Bad{chr(1)}title{chr(0x1f)}\n---\n\n{body}\n"
    else:
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        text = f"<html><head><title>T{chr(2)}itle</title></head><body><article>{paragraphs}</article></body></html>"
    briefed(write(tmp_path, f"controls{suffix}", text), pack, "harbour authority approved")


def test_del_and_c1_controls(tmp_path, pack):
    # legal in XML 1.0 but rejected by YAML (the storyboards' output): a lone DEL once broke the plan
    text = f"\x7f.\n\nThe harbour\x85 authority\x7f approved\x9f a terminal\x80 on Tuesday. {PROSE}"
    briefed(write(tmp_path, "c1.txt", text), pack, "harbour authority approved")
    briefed(write(tmp_path, "only-del.txt", "\x7f.\n"), pack)  # the case hypothesis found


def test_html_references_to_illegal_characters(tmp_path, pack):
    refs = "&#0;&#1;&#x1F;&#127;&#xFFFE;&#xFFFF;&#xD800;&#x110000;&#99999999999;"
    paragraphs = "".join(f"<p>{PROSE.strip()} {PROSE.strip()}</p>" for _ in range(4))
    page = (f"<html><head><title>Harbour{refs} news</title></head><body><article><h1>Harbour news{refs}</h1>"
            f"<p>The harbour {refs}authority approved a terminal{refs} on Tuesday.</p>{paragraphs}</article></body></html>")
    briefed(write(tmp_path, "refs.html", page), pack, "harbour authority approved")


def test_lone_surrogates_in_utf16(tmp_path, pack):
    text = "Harbour report\n\nThe harbour \ud800authority approved a terminal \udfff on Tuesday. " + PROSE
    data = text.encode("utf-16-le", "surrogatepass")
    briefed(write(tmp_path, "surrogates.txt", data), pack, "harbour authority approved")


def test_lone_surrogates_as_utf8_bytes(tmp_path, pack):
    text = "Harbour report\n\nThe harbour authority approved a terminal \ud800 on Tuesday. " + PROSE * 3
    briefed(write(tmp_path, "surrogates8.txt", text.encode("utf-8", "surrogatepass")), pack, "harbour authority approved")


@pytest.mark.parametrize(("name", "text", "needle"), [
    ("arabic", "وافقت هيئة الميناء على محطة جديدة للعبارات يوم الثلاثاء. وقال المسؤولون إن المشروع سيستغرق ثلاث سنوات.",
     "وافقت هيئة الميناء"),
    ("hebrew", "רשות הנמל אישרה מסוף מעבורות חדש ביום שלישי. הפקידים אמרו שהפרויקט יימשך שלוש שנים.",
     "רשות הנמל אישרה"),
    ("cjk", "港口管理局周二批准了新的渡轮码头。官员表示，该项目需要三年时间完成。销售额增长了5%。",
     "港口管理局"),
    ("emoji", "The harbour 🚢 authority approved a terminal 🎉 on Tuesday. Officials 👩‍💼 said it would take 3 years 🏗️.",
     "harbour 🚢 authority"),
])
def test_scripts_and_emoji(tmp_path, pack, name, text, needle):
    body = "\n\n".join([text] * 4) + "\n"
    briefed(write(tmp_path, f"{name}.txt", body), pack, needle)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["cjk", "japanese"])
def test_cjk_decks_fit_their_boxes(tmp_path, pack, name):
    """Text in a script the theme font lacks is measured as the fallback font draws it."""
    text = {
        "cjk": "港口管理局周二批准了新的渡轮码头。官员表示，该项目需要三年时间完成。销售额增长了5%。",
        "japanese": "日本の港湾当局は火曜日、新しいフェリーターミナルを承認した。当局者によると、完成までに三年かかる見込みだ。",
    }[name]
    result = make(write(tmp_path, f"{name}.txt", "\n\n".join([text] * 6) + "\n"), pack)
    deck = next(f for f in result.files if f.suffix == ".pptx")
    assert layout_check(deck) == []


_MIXED_WORDS = ("港湾当局は", "火曜日", "“Harbour 2030”計画の", "新しい", "フェリー", "ターミナルを", "承認した",
                "当局者は", "“Ctrl＋Alt＋K”の", "短い名前で", "呼ばれる", "この計画が", "三年で", "完成する", "KeePass",
                "Kindle for PC", "“Office”の担当者は", "費用が", "五割", "増える", "市長は", "“これで港は変わる”", "住民は")


def _mixed_latin_cjk_article() -> str:
    """Japanese sentences dense in 、 with Latin words and curly quotes between the kana (deterministic)."""
    paragraphs = []
    for p in range(6):
        sentences = []
        for s in range(3):
            count = 10 + (p * 3 + s * 5) % 9
            words = (_MIXED_WORDS[(p * 7 + s * 11 + k * 5) % len(_MIXED_WORDS)] for k in range(count))
            sentences.append("、".join(words) + "。")
        paragraphs.append("".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.slow
def test_mixed_latin_cjk_deck_fits_its_boxes(tmp_path, pack):
    """Latin words, curly quotes and full-width punctuation between kana: nothing sticks out of a box."""
    result = make(write(tmp_path, "mixed.txt", _mixed_latin_cjk_article()), pack)
    deck = next(f for f in result.files if f.suffix == ".pptx")
    assert "“Harbour 2030”計画の" in deck_text(deck)
    assert layout_check(deck) == []


# ------------------------------------------------------------------------------ long words


def _long_words_article() -> str:
    word = "Supercalifragilistic" * 25
    url = "https://example.org/" + "/".join(f"segment{i:03d}" for i in range(45)) + "?q=" + "x" * 60
    assert len(word) == 500 and len(url) > 500
    return (f"Harbour {word[:120]}\n\nThe harbour authority published {word} on Tuesday. "
            f"The plan is online at {url} for everyone.\n\n"
            f"Officials said {word} would take three years. Sales rose 12% to $4m.\n\n## {word}\n\n{PROSE}")


def test_500_character_words_and_urls(tmp_path, pack):
    briefed(write(tmp_path, "longwords.txt", _long_words_article()), pack, "Supercalifragilistic", in_deck=("segment044",))


@pytest.mark.slow
def test_500_character_words_and_urls_fit_their_boxes(tmp_path, pack):
    make(write(tmp_path, "longwords.txt", _long_words_article()), pack)
    assert layout_check(tmp_path / "out" / "longwords.pptx") == []


# ------------------------------------------------------------------------------ template syntax


TEMPLATE_SYNTAX = "Sales hit {{ 7*7 }} units and {% include 'deck.yaml.j2' %} then <script>alert(1)</script> {# note #}."


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_jinja_and_markup_appear_literally(tmp_path, pack, suffix):
    title = "Title {{ 6*6 }} {% raw %}"
    if suffix == ".md":
        # markdown would treat <script> as raw HTML; keep it in a code span so it stays literal text
        body = f"# {title}\n\n{TEMPLATE_SYNTAX.replace('<script>alert(1)</script>', '`<script>alert(1)</script>`')}\n\n{PROSE}"
    else:
        body = f"{title}\n\n{TEMPLATE_SYNTAX}\n\n{PROSE}"
    deck, doc = briefed(write(tmp_path, f"jinja{suffix}", body), pack,
                        "{{ 7*7 }}", "{% include 'deck.yaml.j2' %}", "<script>alert(1)</script>", "{{ 6*6 }}")
    for text in (deck, doc):
        assert "49" not in text and "36" not in text


def test_yaml_syntax_in_article(tmp_path, pack):
    text = "key: value\n\n- item: [1, 2]\n  other: &anchor {a: *anchor}\n\n--- !!python/object:os.system\n\n" + PROSE
    briefed(write(tmp_path, "yaml.txt", text), pack, "key: value", in_deck=("!!python/object:os.system",))


# ------------------------------------------------------------------------------ found over the corpus


def test_chained_number_ranges(tmp_path, pack):
    text = f"Scores were 10-20-30 points, the club said. Call 03-584-7231 for tickets.\n\n{PROSE}"
    briefed(write(tmp_path, "ranges.txt", text), pack, "10-20-30", "03-584-7231")


def test_runs_of_spaces_and_tabs_are_written_as_one_space(tmp_path, pack):
    """Typed double spaces and tabs inside a paragraph show as one space in the deck, its notes and the
    document (a tab in Word would jump to the next tab stop)."""
    text = ("Tabs and spaces\n\nThe company  reported revenue of €5bn,\tup 9% on the year.  Its shares rose 3%.\n\n"
            "Another paragraph with  double spaces and a tab\there. Profit was $2bn, the firm said.\n")
    deck, doc = briefed(write(tmp_path, "spaces.txt", text), pack, "The company reported revenue of €5bn, up 9%")
    for written in (deck, doc):
        assert "  " not in written and "\t" not in written
