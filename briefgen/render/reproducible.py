"""Reproducible packages: one document time and one zip normaliser for every renderer.

python-pptx and python-docx stamp zip entries (and embedded chart workbooks) with the wall
clock; these helpers replace every such stamp with ``SOURCE_DATE_EPOCH`` or a fixed date, so the
same inputs give byte-identical files.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import struct
import zipfile

#: The document time when SOURCE_DATE_EPOCH is not set (naive UTC).
FIXED_TIME = _dt.datetime(2000, 1, 1, 0, 0, 0)
#: The earliest time a zip entry can carry.
_ZIP_EPOCH = _dt.datetime(1980, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)([^<]*)")


def document_time(warnings: list[str]) -> _dt.datetime:
    """Return the document time (naive UTC): SOURCE_DATE_EPOCH when set and valid, else ``FIXED_TIME``."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return FIXED_TIME
    try:
        stamp = _dt.datetime.fromtimestamp(int(raw), tz=_dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        warnings.append(f"SOURCE_DATE_EPOCH={raw!r} is not a valid timestamp; using {FIXED_TIME:%Y-%m-%d}")
        return FIXED_TIME
    return stamp.replace(tzinfo=None, microsecond=0)


def zip_time(when: _dt.datetime) -> tuple[int, int, int, int, int, int]:
    """Return a zip entry timestamp for ``when`` (not before 1980; even seconds)."""
    when = max(when, _ZIP_EPOCH)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def normalise_zip(data: bytes, when: _dt.datetime) -> bytes:
    """Return the package ``data`` with every entry stamped ``when``, recursing into embedded workbooks.

    Entry order and compressed data are kept ([Content_Types].xml first). A package whose
    embedded workbooks are already stamped (``stamp_package``, as the deck renderer does when it
    makes a chart) only has its entries' date fields overwritten (no recompression); otherwise it
    is rewritten, its workbooks stamped on the way.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if any(i.filename.endswith(".xlsx") and not _is_stamped(archive.read(i), when) for i in infos):
            return _rewritten(archive, when)
        directory = archive.start_dir
    return _restamped(data, infos, directory, when)


def stamp_package(data: bytes, when: _dt.datetime) -> bytes:
    """Return a small package (a chart's workbook) rewritten with every entry and its core
    properties' created/modified times set to ``when``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return _rewritten(archive, when)


def _is_stamped(data: bytes, when: _dt.datetime) -> bool:
    """Return True when the nested package ``data`` carries only ``when``: entries and core times."""
    stamp = _core_stamp(when)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if any(info.date_time != zip_time(when) for info in archive.infolist()):
                return False
            core = archive.read("docProps/core.xml") if "docProps/core.xml" in archive.namelist() else b""
    except zipfile.BadZipFile:
        return True  # not a package: nothing to stamp inside it
    return all(match.group(2) == stamp for match in _CORE_TIMES.finditer(core))


def _core_stamp(when: _dt.datetime) -> bytes:
    """Return ``when`` as the core properties write it (W3CDTF, UTC)."""
    return when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()


def _dos_stamp(when: _dt.datetime) -> bytes:
    """Return the zip format's 4-byte time and date fields for ``when``."""
    year, month, day, hour, minute, second = zip_time(when)
    return struct.pack("<HH", (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day)


def _restamped(data: bytes, infos: list[zipfile.ZipInfo], directory: int, when: _dt.datetime) -> bytes:
    """Return ``data`` with the time/date fields of every local and central header set to ``when``."""
    out = bytearray(data)
    stamp = _dos_stamp(when)
    for info in infos:
        out[info.header_offset + 10:info.header_offset + 14] = stamp  # local file header
    offset = directory
    while out[offset:offset + 4] == b"PK\x01\x02":  # central directory headers
        out[offset + 12:offset + 16] = stamp
        name_len, extra_len, comment_len = struct.unpack("<HHH", out[offset + 28:offset + 34])
        offset += 46 + name_len + extra_len + comment_len
    return bytes(out)


def _rewritten(src: zipfile.ZipFile, when: _dt.datetime) -> bytes:
    """Return a copy of the package with every entry (and embedded workbook) stamped ``when``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(blob)) as workbook:
                    blob = _rewritten(workbook, when)
            elif info.filename == "docProps/core.xml":
                blob = _CORE_TIMES.sub(lambda m: m.group(1) + _core_stamp(when), blob)
            entry = zipfile.ZipInfo(info.filename, date_time=zip_time(when))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, blob)
    return out.getvalue()
