"""One document time and one zip normaliser make every package byte-reproducible."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from briefgen.render.reproducible import FIXED_TIME, document_time, normalise_zip


def _zip(entries: dict[str, bytes], date_time) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=date_time), data)
    return buf.getvalue()


def test_same_content_written_at_different_times_gives_identical_bytes():
    entries = {"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}
    a = normalise_zip(_zip(entries, (2024, 1, 1, 10, 0, 0)), FIXED_TIME)
    b = normalise_zip(_zip(entries, (2025, 6, 7, 8, 9, 10)), FIXED_TIME)
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as zf:
        assert zf.namelist() == ["[Content_Types].xml", "ppt/presentation.xml"]
        assert zf.infolist()[0].date_time == (2000, 1, 1, 0, 0, 0)


def test_embedded_workbooks_and_their_core_times_are_normalised_too():
    inner = _zip({"docProps/core.xml": b'<cp><dcterms:created xsi:type="W3CDTF">2031-05-05T10:00:00Z</dcterms:created>'
                                       b'<dcterms:modified xsi:type="W3CDTF">2031-05-05T10:00:00Z</dcterms:modified></cp>'},
                 (2031, 5, 5, 10, 0, 0))
    outer = normalise_zip(_zip({"ppt/embeddings/Book1.xlsx": inner}, (2031, 5, 5, 10, 0, 0)), FIXED_TIME)
    with zipfile.ZipFile(io.BytesIO(outer)) as zf:
        workbook = zf.read("ppt/embeddings/Book1.xlsx")
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        assert zf.infolist()[0].date_time == (2000, 1, 1, 0, 0, 0)
        core = zf.read("docProps/core.xml")
    assert core.count(b"2000-01-01T00:00:00Z") == 2 and b"2031" not in core


def test_document_time_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706572800")
    assert document_time([]) == dt.datetime(2024, 1, 30, 0, 0, 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    warnings: list[str] = []
    assert document_time(warnings) == FIXED_TIME
    assert "SOURCE_DATE_EPOCH='yesterday' is not a valid timestamp" in warnings[0]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert document_time([]) == FIXED_TIME


def test_local_and_central_headers_carry_the_same_stamp_without_recompressing():
    original = _zip({"[Content_Types].xml": b"<Types/>" * 50, "word/document.xml": b"<w/>" * 100}, (2031, 7, 8, 9, 10, 12))
    fixed = normalise_zip(original, FIXED_TIME)
    assert len(fixed) == len(original)  # only the date fields changed: nothing was recompressed
    with zipfile.ZipFile(io.BytesIO(fixed)) as zf:
        for info in zf.infolist():
            assert info.date_time == (2000, 1, 1, 0, 0, 0)
            # DOS time 00:00:00 and date 2000-01-01 ((20 << 9) | (1 << 5) | 1), little-endian
            assert fixed[info.header_offset + 10:info.header_offset + 14] == b"\x00\x00\x21\x28"
        assert zf.read("word/document.xml") == b"<w/>" * 100
