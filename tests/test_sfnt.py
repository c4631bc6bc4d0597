"""The sfnt table reader (render/sfnt.py) and the script classes of render/fit.py against the
implementations they replaced: fontTools for line ratios and cmap coverage, regular expressions
for the script classes. Also: malformed font files give the documented fallbacks, and a run of
``briefgen make`` does not import fontTools."""

from __future__ import annotations

import random
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.render import fit, fonts, sfnt

from conftest import INPUTS, REPO

# --------------------------------------------------------------------------------------------
# The replaced implementations (fontTools), as they were in fonts.py and fit.py
# --------------------------------------------------------------------------------------------


def _fonttools():
    """Return fontTools.ttLib, or skip: it is a test dependency only (``pip install -e .[test]``)."""
    return pytest.importorskip("fontTools.ttLib", reason="fontTools not installed (the [test] extra)")


def fonttools_line_ratio(path: str) -> float:
    """fonts.line_ratio as it was, with fontTools (errors propagate)."""
    ttlib = _fonttools()
    font = ttlib.TTFont(path, lazy=True, fontNumber=0)
    units = font["head"].unitsPerEm
    hhea, os2 = font["hhea"], font["OS/2"]
    return max((hhea.ascent - hhea.descent + hhea.lineGap) / units, (os2.usWinAscent + os2.usWinDescent) / units)


def fonttools_coverage(path: str) -> frozenset[int]:
    """fit._coverage as it was, with fontTools: the best cmap's code points. The first font of a
    collection (fontNumber 0, as line_ratio always read; the old _coverage failed on collections)."""
    ttlib = _fonttools()
    with ttlib.TTFont(path, lazy=True, fontNumber=0) as font:
        font.setGlyphOrder([f"glyph{i}" for i in range(font["maxp"].numGlyphs)])
        return frozenset(font.getBestCmap() or ())


def installed_font_files() -> list[str]:
    """Return every TrueType/OpenType file fontconfig lists (empty without fc-list)."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    out = subprocess.run([exe, "-f", "%{file}\n"], capture_output=True, text=True, check=False).stdout
    return sorted({f for f in out.splitlines() if f.lower().endswith((".ttf", ".otf", ".ttc"))})


INSTALLED = installed_font_files()
needs_installed_fonts = pytest.mark.skipif(not INSTALLED, reason="fc-list not installed or lists no font files")


@needs_installed_fonts
@pytest.mark.parametrize("path", INSTALLED or ["(none)"], ids=lambda p: Path(p).name)
def test_installed_font_reads_as_fonttools_reads_it(path: str) -> None:
    assert fonts.line_ratio.__wrapped__(path) == fonttools_line_ratio(path)
    assert fit._coverage.__wrapped__(path) == fonttools_coverage(path)


# --------------------------------------------------------------------------------------------
# cmap subtables of every decoded format, built by fontTools and read back both ways
# --------------------------------------------------------------------------------------------

GLYPHS = 400


def build_font(path: Path, subtables: list[tuple[int, int, int, dict[int, int]]]) -> Path:
    """Write a TrueType font with the given cmap subtables: (platform, encoding, format, {code: glyph id})."""
    _fonttools()
    from fontTools.fontBuilder import FontBuilder  # noqa: PLC0415
    from fontTools.pens.ttGlyphPen import TTGlyphPen  # noqa: PLC0415
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable  # noqa: PLC0415

    order = [".notdef"] + [f"g{i}" for i in range(1, GLYPHS)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({0x41: "g1"})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf({name: empty for name in order})
    builder.setupHorizontalMetrics({name: (500, 0) for name in order})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupOS2(usWinAscent=900, usWinDescent=250)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupPost()
    tables = []
    for platform, encoding, fmt, mapping in subtables:
        sub = CmapSubtable.newSubtable(fmt)
        # a second subtable of the same pair gets another language (fontTools refuses duplicates)
        language = sum((t.platformID, t.platEncID) == (platform, encoding) for t in tables)
        sub.platformID, sub.platEncID, sub.language = platform, encoding, language
        sub.cmap = {code: order[gid] for code, gid in mapping.items()}  # glyph 0: .notdef, unmapped
        tables.append(sub)
    builder.font["cmap"].tables = tables
    builder.save(str(path))
    return path


def random_mapping(rng: random.Random, codes: range, runs: int, consecutive: bool) -> dict[int, int]:
    """Return ``runs`` runs of consecutive code points from ``codes`` mapped to glyphs.

    ``consecutive``: each run maps to consecutive glyphs (fontTools encodes such a run with
    idDelta alone in format 4), else to random glyphs, some of them .notdef (glyph 0: unmapped),
    which format 4 needs glyphIdArray for.
    """
    mapping = {}
    for _ in range(runs):
        start, length, glyph = rng.randrange(codes.start, codes.stop - 50), rng.randrange(1, 50), rng.randrange(1, 300)
        for offset, code in enumerate(range(start, start + length)):
            mapping[code] = glyph + offset if consecutive else rng.choice([0, *range(1, GLYPHS)])
    return mapping


SUBTABLE_CASES = {
    "format 4, delta runs": lambda rng: [(3, 1, 4, random_mapping(rng, range(0x20, 0xFFFF), 40, True))],
    "format 4, glyph array": lambda rng: [(3, 1, 4, random_mapping(rng, range(0x20, 0xFFFF), 40, False))],
    "format 4, dense": lambda rng: [(3, 1, 4, {c: 1 + c % 7 for c in range(0x20, 0x2FF)})],
    "format 12": lambda rng: [(3, 10, 12, random_mapping(rng, range(0x20, 0x10FFFF), 40, False))],
    "format 12, runs": lambda rng: [(3, 10, 12, random_mapping(rng, range(0x20, 0x10FFFF), 40, True))],
    "format 13": lambda rng: [(0, 6, 13, {c: 1 + (c // 50) % 5 for c in range(0x3000, 0x3200)})],
    "format 0": lambda rng: [(0, 3, 0, {c: c % 200 + 1 for c in range(0x20, 0x100) if c % 3})],
    "format 6": lambda rng: [(3, 1, 6, {c: rng.randrange(1, GLYPHS) for c in range(0x400, 0x480) if c % 5})],
    # preference order: (3,10) over (3,1) over (0,3); the first matching record of a pair
    "prefers 3,10": lambda rng: [(0, 3, 4, {0x41: 1}), (3, 1, 4, {0x42: 2}), (3, 10, 12, {0x43: 3, 0x1F600: 4})],
    "prefers 0,4 over 3,1": lambda rng: [(3, 1, 4, {0x42: 2}), (0, 4, 12, {0x44: 5})],
    "prefers 3,1 over 0,3": lambda rng: [(0, 3, 4, {0x41: 1}), (3, 1, 4, {0x42: 2})],
    "first of two 3,1": lambda rng: [(3, 1, 4, {0x42: 2}), (3, 1, 4, {0x43: 3})],
    "no unicode subtable": lambda rng: [(1, 0, 6, {0x41: 1})],
}


@pytest.mark.parametrize("case", sorted(SUBTABLE_CASES))
def test_cmap_subtables_read_as_fonttools_reads_them(case: str, tmp_path: Path) -> None:
    path = str(build_font(tmp_path / "t.ttf", SUBTABLE_CASES[case](random.Random(case))))
    expected = fonttools_coverage(path)
    assert sfnt.coverage(path) == expected
    if case != "no unicode subtable":
        assert expected  # the case tests something
    assert fonts.line_ratio.__wrapped__(path) == fonttools_line_ratio(path) == (900 + 250) / 1000


def test_first_font_of_a_collection_is_read(tmp_path: Path) -> None:
    ttlib = _fonttools()
    first = build_font(tmp_path / "a.ttf", [(3, 1, 4, {0x41: 1, 0x42: 2})])
    second = build_font(tmp_path / "b.ttf", [(3, 1, 4, {0x61: 1})])
    collection = ttlib.TTCollection()
    collection.fonts = [ttlib.TTFont(str(first)), ttlib.TTFont(str(second))]
    collection.save(str(tmp_path / "c.ttc"))
    assert sfnt.coverage(str(tmp_path / "c.ttc")) == {0x41, 0x42} == fonttools_coverage(str(tmp_path / "c.ttc"))


# --------------------------------------------------------------------------------------------
# Hand-built malformed tables and files (no fontTools needed)
# --------------------------------------------------------------------------------------------


def sfnt_bytes(tables: dict[bytes, bytes], version: bytes = b"\x00\x01\x00\x00") -> bytes:
    """Return a font file holding ``tables`` (no checksums; readers here do not check them)."""
    header = struct.pack(">4sHHHH", version, len(tables), 0, 0, 0)
    offset = len(header) + 16 * len(tables)
    records, body = b"", b""
    for tag, data in tables.items():
        records += struct.pack(">4sLLL", tag, 0, offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + records + body


def head(units: int = 2048) -> bytes:
    """A 54-byte head table with unitsPerEm ``units`` (other fields zero)."""
    return b"\0" * 18 + struct.pack(">H", units) + b"\0" * 34


def hhea(ascent: int = 1900, descent: int = -500, gap: int = 0) -> bytes:
    """A 36-byte hhea table with the given ascender, descender, lineGap."""
    return b"\0" * 4 + struct.pack(">hhh", ascent, descent, gap) + b"\0" * 26


def os2(win_ascent: int = 1950, win_descent: int = 550) -> bytes:
    """A 78-byte (version 0) OS/2 table with the given usWinAscent, usWinDescent."""
    return b"\0" * 74 + struct.pack(">HH", win_ascent, win_descent)


def cmap(*subtables: tuple[int, int, bytes]) -> bytes:
    """A cmap table of (platform, encoding, subtable bytes)."""
    header = struct.pack(">HH", 0, len(subtables))
    offset = 4 + 8 * len(subtables)
    records, body = b"", b""
    for platform, encoding, data in subtables:
        records += struct.pack(">HHL", platform, encoding, offset + len(body))
        body += data
    return header + records + body


def format4(segments: list[tuple[int, int, int, int]], glyph_ids: list[int], terminator_delta: int = 1) -> bytes:
    """A format 4 subtable of (start, end, idDelta, idRangeOffset) segments (the 0xFFFF
    terminator is added: 0xFFFF + ``terminator_delta``, glyph 0 as usual) and a glyphIdArray."""
    segments = [*segments, (0xFFFF, 0xFFFF, terminator_delta, 0)]
    n = len(segments)
    words = [s[1] for s in segments] + [0] + [s[0] for s in segments] + [s[2] & 0xFFFF for s in segments]
    words += [s[3] for s in segments] + glyph_ids
    body = struct.pack(f">{len(words)}H", *words)
    return struct.pack(">7H", 4, 14 + len(body), 0, 2 * n, 0, 0, 0) + body


def format12(groups: list[tuple[int, int, int]], fmt: int = 12) -> bytes:
    """A format 12 (or 13) subtable of (start, end, glyph) groups."""
    body = b"".join(struct.pack(">LLL", *g) for g in groups)
    return struct.pack(">HHLLL", fmt, 0, 16 + len(body), 0, len(groups)) + body


def good_tables() -> dict[bytes, bytes]:
    """The tables of a small valid font: 'A' to 'C' mapped to glyphs 1 to 3."""
    return {b"OS/2": os2(), b"cmap": cmap((3, 1, format4([(0x41, 0x43, -0x40, 0)], []))), b"head": head(),
            b"hhea": hhea()}


def read_both(path: Path) -> tuple[float, frozenset[int]]:
    """Return (line ratio, coverage) through the public fallbacks, bypassing their caches."""
    return fonts.line_ratio.__wrapped__(str(path)), fit._coverage.__wrapped__(str(path))


def test_valid_hand_built_font(tmp_path: Path) -> None:
    path = tmp_path / "f.ttf"
    path.write_bytes(sfnt_bytes(good_tables()))
    assert read_both(path) == (max((1900 + 500) / 2048, (1950 + 550) / 2048), {0x41, 0x42, 0x43})


BROKEN_FILES = {
    "empty file": b"",
    "text file": b"This is not a font.\n" * 20,
    "zip file": b"PK\x03\x04" + b"\0" * 100,
    "woff": sfnt_bytes(good_tables(), version=b"wOFF"),
    "tables past the end": sfnt_bytes(good_tables())[:12 + 4 * 16 + 10],
    "directory cut": sfnt_bytes(good_tables())[:20],
    "empty collection": struct.pack(">4sHHL", b"ttcf", 1, 0, 0),
    "collection pointing past the end": struct.pack(">4sHHLL", b"ttcf", 1, 0, 1, 4096),
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_unreadable_file_gives_the_fallbacks(name: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.ttf"
    path.write_bytes(BROKEN_FILES[name])
    assert read_both(path) == (fonts.DEFAULT_LINE_RATIO, frozenset())


def test_missing_file_gives_the_fallbacks(tmp_path: Path) -> None:
    assert read_both(tmp_path / "absent.ttf") == (fonts.DEFAULT_LINE_RATIO, frozenset())
    assert read_both(tmp_path) == (fonts.DEFAULT_LINE_RATIO, frozenset())  # a directory


BROKEN_METRICS = {
    "no OS/2": {b"OS/2": None},
    "no hhea": {b"hhea": None},
    "no head": {b"head": None},
    "unitsPerEm 0": {b"head": head(0)},
    "short head": {b"head": head()[:19]},
    "short hhea": {b"hhea": hhea()[:9]},
    "short OS/2 (68-byte Apple table)": {b"OS/2": os2()[:68]},
}


@pytest.mark.parametrize("name", sorted(BROKEN_METRICS))
def test_unreadable_metrics_give_the_default_line_ratio_only(name: str, tmp_path: Path) -> None:
    tables = good_tables()
    for tag, data in BROKEN_METRICS[name].items():
        if data is None:
            del tables[tag]
        else:
            tables[tag] = data
    path = tmp_path / "f.ttf"
    path.write_bytes(sfnt_bytes(tables))
    assert read_both(path) == (fonts.DEFAULT_LINE_RATIO, {0x41, 0x42, 0x43})


BROKEN_CMAPS = {
    # the file's cmap, and the coverage it gives
    "no cmap": (None, frozenset()),
    "empty cmap": (b"", frozenset()),
    "record past the end": (struct.pack(">HHHHL", 0, 1, 3, 1, 4000), frozenset()),
    "records cut": (struct.pack(">HHHH", 0, 2, 3, 1), frozenset()),
    "zero-length subtable is passed over": (
        cmap((3, 10, struct.pack(">HHLLL", 12, 0, 0, 0, 0)), (3, 1, format4([(0x41, 0x41, -0x40, 0)], []))),
        {0x41}),
    "format 4 cut": (cmap((3, 1, format4([(0x41, 0x43, 0, 0)], [])[:20])), frozenset()),
    "format 4 glyph array offset out of range": (cmap((3, 1, format4([(0x41, 0x43, 0, 400)], [5, 6]))), frozenset()),
    # the array holds entries for 0x41 and 0x42 only (idRangeOffset 4: 2 words to the array start)
    "format 4 glyph array partly out of range": (cmap((3, 1, format4([(0x41, 0x43, 0, 4)], [5, 0]))), {0x41}),
    "format 4 delta to glyph 0": (cmap((3, 1, format4([(0x3F, 0x42, -0x40, 0)], []))), {0x3F, 0x41, 0x42}),
    # glyphIdArray entries plus idDelta: 0x42's entry 3 - 3 = glyph 0, unmapped
    "format 4 glyph array plus delta to glyph 0": (cmap((3, 1, format4([(0x41, 0x43, -3, 4)], [5, 3, 7]))),
                                                   {0x41, 0x43}),
    "format 4 terminator segment maps nothing": (cmap((3, 1, format4([(0x41, 0x41, 1, 0)], [], 0))), {0x41}),
    "format 4 inverted segment": (cmap((3, 1, format4([(0x43, 0x41, 1, 0)], []))), frozenset()),
    "format 12 groups: overlapping, inverted, beyond U+10FFFF, glyph 0": (
        cmap((3, 10, format12([(0x41, 0x43, 1), (0x43, 0x44, 9), (0x42, 0x50, 1), (0x60, 0x5F, 1),
                               (0x70, 0x72, 0), (0x10FFFE, 0xFFFFFFFF, 3)]))),
        {0x41, 0x42, 0x43, 0x44, 0x71, 0x72, 0x10FFFE, 0x10FFFF}),
    "format 13 group of glyph 0": (cmap((0, 6, format12([(0x41, 0x43, 0), (0x61, 0x62, 7)], fmt=13))), {0x61, 0x62}),
    "format 12 fewer groups than it says": (cmap((3, 10, format12([(0x41, 0x42, 1)])[:-6])), frozenset()),
    "format 8 is not decoded": (cmap((3, 10, struct.pack(">HHLL", 8, 0, 12, 0))), frozenset()),
}


@pytest.mark.parametrize("name", sorted(BROKEN_CMAPS))
def test_malformed_cmap_covers_what_is_readable(name: str, tmp_path: Path) -> None:
    table, expected = BROKEN_CMAPS[name]
    tables = good_tables()
    if table is None:
        del tables[b"cmap"]
    else:
        tables[b"cmap"] = table
    path = tmp_path / "f.ttf"
    path.write_bytes(sfnt_bytes(tables))
    assert read_both(path) == (max((1900 + 500) / 2048, (1950 + 550) / 2048), expected)


def test_damaged_copies_of_a_font_never_raise(tmp_path: Path) -> None:
    """Cut and scrambled copies of a valid font: each read gives a number and a set, or the fallbacks."""
    tables = good_tables()
    tables[b"cmap"] = cmap((3, 1, format4([(0x41, 0x5A, 0, 6), (0x61, 0x7A, -0x60, 0)], list(range(1, 27)))))
    original = sfnt_bytes(tables)
    rng = random.Random(7)
    variants = [original[:cut] for cut in range(0, len(original), 3)]
    for _ in range(300):
        data = bytearray(original)
        for _ in range(rng.randrange(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        variants.append(bytes(data))
    path = tmp_path / "f.ttf"
    for data in variants:
        path.write_bytes(data)
        ratio, covered = read_both(path)
        assert isinstance(ratio, float) and isinstance(covered, frozenset)


# --------------------------------------------------------------------------------------------
# Script classes: the same as the regular expressions they replace, for every code point
# --------------------------------------------------------------------------------------------


def _char_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    """The replaced fit._char_class: a pattern matching one character in any of ``ranges``."""
    return re.compile("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges) + "]")


OLD_ASIAN = _char_class(fit._ASIAN_RANGES)
OLD_WEAK = _char_class(fit._WEAK_RANGES)


def old_script_class(ch: str) -> str:
    """The replaced fit._script_class."""
    if OLD_ASIAN.match(ch):
        return fit._ASIAN
    if OLD_WEAK.match(ch):
        return fit._WEAK
    return fit._OTHER


@pytest.fixture(scope="module")
def all_chars() -> list[str]:
    """Every code point as a one-character string (about 80 MB: made for these tests only)."""
    return [chr(cp) for cp in range(sys.maxunicode + 1)]


def test_script_class_of_every_code_point_is_unchanged(all_chars: list[str]) -> None:
    new = list(map(fit._script_class.__wrapped__, all_chars))
    old = list(map(old_script_class, all_chars))
    assert new == old


def test_has_asian_of_every_code_point_is_unchanged(all_chars: list[str]) -> None:
    # one character alone, and after Latin text with a curly quote (``has_asian`` looks at the
    # characters after the first one that may be Asian separately)
    assert [fit.has_asian(ch) for ch in all_chars] == [OLD_ASIAN.search(ch) is not None for ch in all_chars]
    edges = {cp for lo, hi in fit._ASIAN_RANGES + fit._WEAK_RANGES for cp in (lo - 1, lo, hi, hi + 1)}
    for cp in sorted(edges | set(range(0x1000, 0x3400)) | set(range(0xA900, 0xAD00)) | set(range(0xF800, 0x10000))):
        text = f"Sales “rose” € {chr(cp)} ok"
        assert fit.has_asian(text) == (OLD_ASIAN.search(text) is not None), hex(cp)


@pytest.mark.parametrize("text", [
    "", "plain ascii", "café crème", "Москва", "“Quoted” text… — fine", "€5 → ™", "“テ”", "Takeaway: “Kindle をCtrl",
    "€ → 漢", "Ελλάδα 한국", "emoji 😀 then 𠀀", "private \ue000 use", "lone \ud800 surrogate", "ｆｕｌｌ", "ᄀ",
])
def test_has_asian_of_mixed_text_is_unchanged(text: str) -> None:
    assert fit.has_asian(text) == (OLD_ASIAN.search(text) is not None)


# --------------------------------------------------------------------------------------------
# fontTools is no longer loaded to make a briefing
# --------------------------------------------------------------------------------------------


def test_make_does_not_import_fonttools(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefgen", "make", str(INPUTS / "huawei-ev.txt"),
         "--out", str(tmp_path), "--quiet"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert list(tmp_path.iterdir())  # something was written
    assert not [line for line in proc.stderr.splitlines() if "fontTools" in line]
