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
import zipfile

#: The document time when SOURCE_DATE_EPOCH is not set (naive UTC).
FIXED_TIME = _dt.datetime(2000, 1, 1, 0, 0, 0)
#: The earliest time a zip entry can carry.
_ZIP_EPOCH = _dt.datetime(1980, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


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

    Entry order is kept ([Content_Types].xml first); the core properties' created/modified
    times of embedded workbooks are set to ``when`` too.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename.endswith(".xlsx"):
                blob = normalise_zip(blob, when)
            elif info.filename == "docProps/core.xml":
                stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                blob = _CORE_TIMES.sub(lambda m: m.group(1) + stamp, blob)
            entry = zipfile.ZipInfo(info.filename, date_time=zip_time(when))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, blob)
    return out.getvalue()
