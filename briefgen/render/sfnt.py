"""A minimal reader of the sfnt (TrueType/OpenType) tables that text measuring needs.

Fitting needs two facts about a font file: its default line height (``head``, ``hhea`` and
``OS/2`` fields) and the set of code points it has glyphs for (the ``cmap``). Importing a full
font library for that costs more at start-up than the reading itself, so the few fields are read
here directly, following the OpenType specification's table layouts
(https://learn.microsoft.com/typography/opentype/spec/otff):

* ``vertical_metrics(path)``: head.unitsPerEm, hhea ascender/descender/lineGap and OS/2
  usWinAscent/usWinDescent.
* ``coverage(path)``: the code points mapped to a glyph other than .notdef by the font's best
  Unicode cmap subtable, chosen in the order HarfBuzz (and fontTools' ``getBestCmap``) prefers.

Plain TrueType/OpenType files are read, and the first font (number 0) of a TrueType collection
(``.ttc``). Anything else (WOFF, Type 1, a truncated or corrupt file, a missing table) raises
``SfntError`` (or ``OSError`` when the file cannot be read); the callers decide the fallback.
"""

from __future__ import annotations

import struct
import sys
from array import array
from itertools import chain
from typing import BinaryIO, Iterable, NamedTuple

#: sfnt versions of a single font: TrueType outlines, CFF outlines ('OTTO'), Apple TrueType ('true').
_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_COLLECTION_TAG = b"ttcf"
#: The (platformID, encodingID) pairs of Unicode cmap subtables, most preferred first: full
#: repertoire before BMP-only, Windows before Unicode platform (HarfBuzz's order, which is also
#: fontTools' ``getBestCmap`` default).
CMAP_PREFERENCES: tuple[tuple[int, int], ...] = (
    (3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0),
)
#: The last Unicode code point: format 12/13 groups reaching past it are cut there.
_MAX_CODE_POINT = 0x10FFFF

_U16 = struct.Struct(">H")
_U16_PAIR = struct.Struct(">HH")
_U32 = struct.Struct(">L")
_OFFSET_TABLE = struct.Struct(">4sH")  # sfntVersion, numTables (searchRange etc. are not needed)
_TABLE_RECORD = struct.Struct(">4sLLL")  # tag, checksum, offset, length
_COLLECTION_HEADER = struct.Struct(">4sHHL")  # 'ttcf', majorVersion, minorVersion, numFonts
_HHEA_METRICS = struct.Struct(">hhh")  # ascender, descender, lineGap (at offset 4)
_OS2_WIN_METRICS = struct.Struct(">HH")  # usWinAscent, usWinDescent (at offset 74)
_ENCODING_RECORD = struct.Struct(">HHL")  # platformID, encodingID, subtable offset
_GROUP_HEADER = struct.Struct(">HHLLL")  # format 12/13: format, reserved, length, language, numGroups
_GROUP = struct.Struct(">LLL")  # startCharCode, endCharCode, startGlyphID


class SfntError(ValueError):
    """The file is not a TrueType/OpenType font this reader understands, or a table it needs is
    missing or malformed."""


class VerticalMetrics(NamedTuple):
    """The font-wide vertical metrics a line height is computed from (font units).

    (A named tuple: a frozen dataclass would cost half a millisecond more at import.)
    """

    units_per_em: int
    ascent: int  # hhea.ascender
    descent: int  # hhea.descender (negative below the baseline)
    line_gap: int  # hhea.lineGap
    win_ascent: int  # OS/2.usWinAscent
    win_descent: int  # OS/2.usWinDescent (positive below the baseline)


def _unpack(fmt: struct.Struct, data: bytes, offset: int) -> tuple:
    """Return ``fmt`` unpacked at ``offset``, or raise SfntError when ``data`` is too short there."""
    if offset < 0 or offset + fmt.size > len(data):
        raise SfntError("table or header truncated")
    return fmt.unpack_from(data, offset)


def _read_at(file: BinaryIO, offset: int, size: int) -> bytes:
    """Return exactly ``size`` bytes at ``offset`` of ``file``; raise SfntError when the file ends first."""
    file.seek(offset)
    data = file.read(size)
    if len(data) != size:
        raise SfntError("file truncated")
    return data


def _table_directory(file: BinaryIO) -> dict[bytes, tuple[int, int]]:
    """Return {tag: (offset, length)} of the font's tables (the first font of a collection).

    Offsets are from the start of the file, in a collection too. When a tag occurs twice, the
    later record wins.
    """
    version, num_tables = _unpack(_OFFSET_TABLE, _read_at(file, 0, _OFFSET_TABLE.size), 0)
    start = 0
    if version == _COLLECTION_TAG:
        header = _read_at(file, 0, _COLLECTION_HEADER.size + _U32.size)
        _, _, _, num_fonts = _COLLECTION_HEADER.unpack_from(header, 0)
        if num_fonts < 1:
            raise SfntError("empty font collection")
        (start,) = _U32.unpack_from(header, _COLLECTION_HEADER.size)  # offset of font 0
        version, num_tables = _unpack(_OFFSET_TABLE, _read_at(file, start, _OFFSET_TABLE.size), 0)
    if version not in _SFNT_VERSIONS:
        raise SfntError(f"not a TrueType or OpenType font (sfnt version {version!r})")
    # the table records follow the 12-byte offset table (version, numTables and three search fields)
    records = _read_at(file, start + 12, num_tables * _TABLE_RECORD.size)
    tables = {}
    for tag, _, offset, length in _TABLE_RECORD.iter_unpack(records):
        tables[tag] = (offset, length)
    return tables


def read_tables(path: str, tags: Iterable[bytes]) -> dict[bytes, bytes]:
    """Return the data of the tables ``tags`` (4-byte tags such as ``b"OS/2"``) of a font file.

    Raises SfntError when one is missing or runs past the end of the file, OSError when the file
    cannot be read.
    """
    with open(path, "rb") as file:
        directory = _table_directory(file)
        found = {}
        for tag in tags:
            if tag not in directory:
                raise SfntError(f"no {tag.decode('latin-1')!r} table")
            offset, length = directory[tag]
            found[tag] = _read_at(file, offset, length)
        return found


def vertical_metrics(path: str) -> VerticalMetrics:
    """Return the font file's vertical metrics (raises SfntError or OSError; see ``read_tables``).

    Field offsets are those of the OpenType spec; every version of these tables has them.
    """
    tables = read_tables(path, (b"head", b"hhea", b"OS/2"))
    (units,) = _unpack(_U16, tables[b"head"], 18)
    if units == 0:  # nothing can be scaled by it (the spec requires 16..16384)
        raise SfntError("head.unitsPerEm is 0")
    ascent, descent, line_gap = _unpack(_HHEA_METRICS, tables[b"hhea"], 4)
    win_ascent, win_descent = _unpack(_OS2_WIN_METRICS, tables[b"OS/2"], 74)
    return VerticalMetrics(units, ascent, descent, line_gap, win_ascent, win_descent)


# ---------------------------------------------------------------------------------------------
# cmap
# ---------------------------------------------------------------------------------------------


def _words(data: bytes, start: int, count: int) -> array:
    """Return ``count`` big-endian uint16 values at ``start`` as an array (raises SfntError if short)."""
    end = start + 2 * count
    if start < 0 or end > len(data):
        raise SfntError("cmap subtable truncated")
    values = array("H", data[start:end])
    if sys.byteorder == "little":
        values.byteswap()
    return values


def _subtable_length(cmap: bytes, offset: int) -> tuple[int, int]:
    """Return (format, length) of the cmap subtable at ``offset`` (length 0 when unreadable).

    Formats 8, 10, 12 and 13 store a 32-bit length after a reserved field; 14 a 32-bit length
    right after the format; the older formats a 16-bit one.
    """
    if offset + 4 > len(cmap):
        return 0, 0
    (fmt,) = _U16.unpack_from(cmap, offset)
    if fmt in (8, 10, 12, 13):
        return fmt, (_U32.unpack_from(cmap, offset + 4)[0] if offset + 8 <= len(cmap) else 0)
    if fmt == 14:
        return fmt, (_U32.unpack_from(cmap, offset + 2)[0] if offset + 6 <= len(cmap) else 0)
    return fmt, _U16.unpack_from(cmap, offset + 2)[0]


def best_subtable(cmap: bytes) -> tuple[int, bytes] | None:
    """Return (format, data) of the preferred Unicode subtable of a cmap table, or None if it has none.

    For each preference in turn the first encoding record with that (platform, encoding) wins.
    Records whose subtable says it has zero length (as fontTools, used before, also did), or
    whose header lies outside the table, are passed over. The data is cut at the subtable's
    declared length or the end of the table, whichever comes first. Only the chosen subtable is
    decoded: a malformed one elsewhere in the table does not matter.
    """
    _, num_records = _unpack(_U16_PAIR, cmap, 0)
    records = []
    for index in range(num_records):
        platform, encoding, offset = _unpack(_ENCODING_RECORD, cmap, 4 + index * _ENCODING_RECORD.size)
        fmt, length = _subtable_length(cmap, offset)
        if length:
            records.append((platform, encoding, fmt, offset, length))
    for preference in CMAP_PREFERENCES:
        for platform, encoding, fmt, offset, length in records:
            if (platform, encoding) == preference:
                return fmt, cmap[offset:offset + length]
    return None


def _format_0(data: bytes) -> Iterable[int]:
    """Byte encoding table: 256 one-byte glyph ids for codes 0-255."""
    if len(data) < 6 + 256:
        raise SfntError("cmap format 0 truncated")
    glyphs = data[6:6 + 256]
    return [code for code, glyph in enumerate(glyphs) if glyph]


def _format_4(data: bytes) -> Iterable[int]:
    """Segment mapping to delta values (the classic BMP subtable).

    Layout after the 14-byte header: endCode[segCount], reservedPad, startCode[segCount],
    idDelta[segCount], idRangeOffset[segCount], glyphIdArray[]. A code c in segment i maps to
    (c + idDelta[i]) mod 65536 when idRangeOffset[i] is 0, else to the glyphIdArray entry that
    idRangeOffset[i] points at (an offset in bytes from that very idRangeOffset word), plus
    idDelta[i] unless the entry is 0. The last segment is the required 0xFFFF terminator and is
    not read. A code whose entry would lie outside glyphIdArray (a corrupt idRangeOffset) maps
    nothing, rather than making the whole font unreadable.
    """
    (seg_count_x2,) = _unpack(_U16, data, 6)
    segs = seg_count_x2 // 2
    end_codes = _words(data, 14, segs)
    start_codes = _words(data, 16 + 2 * segs, segs)
    deltas = _words(data, 16 + 4 * segs, segs)
    range_offsets = _words(data, 16 + 6 * segs, segs)
    glyph_ids = _words(data, 16 + 8 * segs, (len(data) - 16 - 8 * segs) // 2)
    segments: list[Iterable[int]] = []
    for i in range(segs - 1):
        start, end, delta, range_offset = start_codes[i], end_codes[i], deltas[i], range_offsets[i]
        if start > end:
            continue
        if range_offset == 0:
            # Every code maps to code + delta; only the one landing on glyph 0 is unmapped.
            missing = (-delta) & 0xFFFF
            if start <= missing <= end:
                segments.append(range(start, missing))
                segments.append(range(missing + 1, end + 1))
            else:
                segments.append(range(start, end + 1))
            continue
        # Index of the start code's entry in glyphIdArray: the idRangeOffset word is segs - i
        # words before the array's start, and range_offset counts bytes from that word. Only
        # the codes whose entries lie inside the array are looked up.
        first = range_offset // 2 - (segs - i)
        lo, hi = max(start, start - first), min(end, start - first + len(glyph_ids) - 1)
        if lo > hi:
            continue
        entries = glyph_ids[first + lo - start:first + hi - start + 1]
        segments.append([code for code, glyph in zip(range(lo, hi + 1), entries) if glyph and (glyph + delta) & 0xFFFF])
    return chain.from_iterable(segments)


def _format_6(data: bytes) -> Iterable[int]:
    """Trimmed table mapping: glyph ids for entryCount consecutive codes from firstCode."""
    first, count = _unpack(_U16_PAIR, data, 6)
    glyphs = _words(data, 10, min(count, (len(data) - 10) // 2))
    return [first + i for i, glyph in enumerate(glyphs) if glyph]


def _groups(data: bytes, many_to_one: bool) -> Iterable[int]:
    """Formats 12 (segmented coverage) and 13 (many-to-one range mappings): groups of
    (startCharCode, endCharCode, glyphId) in ascending order.

    In format 12 the codes of a group map to consecutive glyphs from glyphId, in format 13 all to
    glyphId. Malformed groups are treated as HarfBuzz treats them: a group reaching past
    U+10FFFF is cut there, and one that is inverted or starts before the previous group's end is
    skipped. A group starting with glyph 0 (.notdef) leaves its first code unmapped (format 12),
    or all of its codes (format 13).
    """
    _, _, _, _, num_groups = _unpack(_GROUP_HEADER, data, 0)
    num_groups = min(num_groups, (len(data) - _GROUP_HEADER.size) // _GROUP.size)
    ranges = []
    previous_end = 0
    groups = data[_GROUP_HEADER.size:_GROUP_HEADER.size + _GROUP.size * num_groups]
    for start, end, glyph in _GROUP.iter_unpack(groups):
        end = min(end, _MAX_CODE_POINT)
        if start > end or start < previous_end:
            continue
        previous_end = end
        if glyph == 0:
            if many_to_one:
                continue
            start += 1
        ranges.append(range(start, end + 1))
    return chain.from_iterable(ranges)


def subtable_coverage(fmt: int, data: bytes) -> frozenset[int]:
    """Return the code points a cmap subtable maps to a glyph other than .notdef (glyph 0).

    Formats 0, 4, 6, 12 and 13 are decoded. Any other format covers nothing: 2 is meant for
    legacy double-byte CJK encodings, not Unicode; 8 and 10 (16/32-bit mixed and trimmed array)
    are deprecated and found in no font in use (fontTools, which briefgen used before, did not
    decode them either); 14 holds variation sequences and has no pair in ``CMAP_PREFERENCES``.
    """
    if fmt == 4:
        return frozenset(_format_4(data))
    if fmt == 12:
        return frozenset(_groups(data, many_to_one=False))
    if fmt == 13:
        return frozenset(_groups(data, many_to_one=True))
    if fmt == 0:
        return frozenset(_format_0(data))
    if fmt == 6:
        return frozenset(_format_6(data))
    return frozenset()


def coverage(path: str) -> frozenset[int]:
    """Return the code points the font file's best Unicode cmap subtable maps to a real glyph.

    Empty when the font has no Unicode subtable. Raises SfntError or OSError (see ``read_tables``).
    """
    cmap = read_tables(path, (b"cmap",))[b"cmap"]
    best = best_subtable(cmap)
    return frozenset() if best is None else subtable_coverage(*best)
