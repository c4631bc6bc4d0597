"""Writing output files safely: atomic, and never outside the output folder."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import RenderError

#: Windows device names that cannot be file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 80
#: Prefix of the temporary files written before the atomic rename.
TEMP_PREFIX = ".briefgen-"


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
