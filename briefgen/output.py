"""Writing output files safely: atomic, reproducible, and never outside the output folder."""

from __future__ import annotations

import io
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from .errors import RenderError

#: Windows device names that cannot be file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 80
#: Prefix of the temporary files written before the atomic rename.
TEMP_PREFIX = ".briefgen-"
#: Zip entries' timestamp when SOURCE_DATE_EPOCH is not set (the zip format's earliest date).
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def safe_stem(name: str) -> str:
    """Return a file-name stem made from ``name`` that cannot escape a folder or be reserved."""
    stem = _UNSAFE.sub("-", name).strip(".-_")[:_MAX_STEM].strip(".-_")
    if not stem:
        stem = "briefing"
    if stem.split(".")[0].lower() in _RESERVED:
        stem = "_" + stem
    return stem


def output_stems(inputs: Iterable[Path]) -> dict[Path, str]:
    """Return a distinct, safe output stem for each input (``x``, ``x-2``, ... on clashes)."""
    stems: dict[Path, str] = {}
    taken: set[str] = set()
    for path in inputs:
        base = safe_stem(path.stem)
        stem, n = base, 1
        while stem.lower() in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem.lower())
        stems[path] = stem
    return stems


def zip_date_time() -> tuple[int, int, int, int, int, int]:
    """Return the timestamp for zip entries: SOURCE_DATE_EPOCH when set, else 1980-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        t = time.gmtime(max(int(epoch), 315532800))  # the zip format cannot store dates before 1980
        return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    return _ZIP_EPOCH


def normalise_zip(data: bytes) -> bytes:
    """Return the OOXML package ``data`` rewritten with fixed entry timestamps and attributes.

    python-pptx and python-docx stamp every zip entry with the current time; rewriting them
    makes the same inputs give byte-identical files. Entry order is kept ([Content_Types].xml first).
    """
    stamp = zip_date_time()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A run interrupted at any moment leaves either the old file or the complete new one.
    Raises ``RenderError`` when the folder cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=".tmp")
    except OSError as exc:
        raise RenderError(f"cannot write to folder: {exc.strerror}", str(path.parent)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise RenderError(f"cannot write file: {exc.strerror}", str(path)) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files an earlier, killed run left in ``folder``; return how many."""
    if not folder.is_dir():
        return 0
    count = 0
    for tmp in folder.glob(TEMP_PREFIX + "*.tmp"):
        _remove_quietly(str(tmp))
        count += 1
    return count


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
