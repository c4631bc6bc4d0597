"""Find the font file that a typeface renders with, for measuring text (no python-pptx here).

A typeface named in a template (``Calibri``) is looked up with fontconfig (``fc-match``); when it
is not installed, a known metric-compatible substitute is used (Calibri -> Carlito, ...), and as a
last resort DejaVu Sans. Every substitution produces a warning, once per
typeface, in the ``FontBook`` that resolved them.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .sfnt import SfntError, vertical_metrics

#: Typefaces and the installed, metric-compatible fonts that LibreOffice renders them with.
METRIC_SUBSTITUTES: dict[str, str] = {
    "calibri": "Carlito",
    "calibri light": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "helvetica neue": "Liberation Sans",
    "times new roman": "Liberation Serif",
    "times": "Liberation Serif",
    "courier new": "Liberation Mono",
    "courier": "Liberation Mono",
}
LAST_RESORT = "DejaVu Sans"
#: Where to look for a last-resort font file when fontconfig itself is missing.
FALLBACK_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
#: Line height as a multiple of the size when a font's metrics cannot be read.
DEFAULT_LINE_RATIO = 1.2


class NoFontError(Exception):
    """No font file at all can be found to measure text with."""


@dataclass(frozen=True)
class FontFile:
    """A typeface as requested, the installed family that stands in for it, and its file."""

    requested: str
    family: str
    path: str
    line_ratio: float

    @property
    def substituted(self) -> bool:
        """True when the installed family is not the requested one."""
        return self.family.casefold() != self.requested.casefold()


#: The fontconfig library names tried for in-process matching (``fc-match`` is the fallback).
FONTCONFIG_LIBRARIES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig.dylib")
_MATCH_FORMAT = b"%{file}\n%{family}"
_FC_MATCH_PATTERN = 0  # FcMatchPattern


@lru_cache(maxsize=1)
def _fontconfig() -> ctypes.CDLL | None:
    """Return the fontconfig library with the calls ``fc-match`` makes, or None when it is not loadable."""
    for name in FONTCONFIG_LIBRARIES:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        try:
            lib.FcInit.restype = ctypes.c_int
            lib.FcNameParse.restype = ctypes.c_void_p
            lib.FcNameParse.argtypes = [ctypes.c_char_p]
            lib.FcConfigSubstitute.restype = ctypes.c_int
            lib.FcConfigSubstitute.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
            lib.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
            lib.FcFontMatch.restype = ctypes.c_void_p
            lib.FcFontMatch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
            lib.FcPatternFormat.restype = ctypes.c_void_p
            lib.FcPatternFormat.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
            lib.FcStrFree.argtypes = [ctypes.c_void_p]
            lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
        except AttributeError:  # not the fontconfig we know
            continue
        if lib.FcInit():
            return lib
    return None


def _library_match(lib: ctypes.CDLL, pattern: str) -> str | None:
    """Return what ``fc-match -f '%{file}\n%{family}' pattern`` prints, computed in-process, or None."""
    pat = lib.FcNameParse(pattern.encode())
    if not pat:
        return None
    try:
        lib.FcConfigSubstitute(None, pat, _FC_MATCH_PATTERN)
        lib.FcDefaultSubstitute(pat)
        result = ctypes.c_int(0)
        font = lib.FcFontMatch(None, pat, ctypes.byref(result))
        if not font:
            return None
        try:
            text = lib.FcPatternFormat(font, _MATCH_FORMAT)
            if not text:
                return None
            try:
                return ctypes.string_at(text).decode("utf-8", "replace")
            finally:
                lib.FcStrFree(text)
        finally:
            lib.FcPatternDestroy(font)
    finally:
        lib.FcPatternDestroy(pat)


def _parse_match(output: str) -> tuple[str, tuple[str, ...]] | None:
    """Return (file, families) from fc-match's two output lines, or None."""
    lines = output.splitlines()
    if len(lines) < 2 or not lines[0]:
        return None
    return lines[0], tuple(f.strip() for f in lines[1].split(","))


@lru_cache(maxsize=256)
def fc_match(name: str, bold: bool = False) -> tuple[str, tuple[str, ...]] | None:
    """Return (file, families) fontconfig picks for ``name``, or None without fontconfig.

    The fontconfig library is called in-process (the calls ``fc-match`` makes: no process per
    typeface at start-up); the ``fc-match`` program is the fallback.
    """
    pattern = f"{name}:bold" if bold else name
    lib = _fontconfig()
    if lib is not None:
        output = _library_match(lib, pattern)
        if output is not None:
            return _parse_match(output)
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        proc = subprocess.run(
            [exe, "-f", "%{file}\n%{family}", pattern], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return _parse_match(proc.stdout) if proc.returncode == 0 else None


@lru_cache(maxsize=256)
def line_ratio(path: str) -> float:
    """Return the font's default line height as a multiple of its size (max of hhea and win metrics).

    ``DEFAULT_LINE_RATIO`` when the file cannot be read or is not a TrueType/OpenType font with
    usable head, hhea and OS/2 tables (for a collection: its first font). The tables are read
    by ``sfnt`` rather than a font library, which would cost more to import than the reading.
    """
    try:
        m = vertical_metrics(path)
    except (OSError, SfntError):
        return DEFAULT_LINE_RATIO
    units = m.units_per_em
    return max((m.ascent - m.descent + m.line_gap) / units, (m.win_ascent + m.win_descent) / units)


def _installed(name: str, bold: bool) -> FontFile | None:
    """Return the font file for ``name`` when fontconfig has that very family installed."""
    match = fc_match(name, bold)
    if match is None:
        return None
    path, families = match
    if name.casefold() not in {f.casefold() for f in families}:
        return None
    return FontFile(name, name, path, line_ratio(path))


def _any_fallback_file() -> str | None:
    """Return the first existing last-resort font file, for systems without fontconfig."""
    return next((p for p in FALLBACK_FILES if Path(p).is_file()), None)


@dataclass
class FontBook:
    """Resolves typefaces to font files, remembering one warning per non-metric substitution."""

    warnings: list[str] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)
    _resolved: dict[tuple[str, bool], FontFile] = field(default_factory=dict)

    def resolve(self, typeface: str, bold: bool = False) -> FontFile:
        """Return the font file to measure ``typeface`` with. Raises ``NoFontError`` if none exists.

        Each answer is kept: fitting asks again for every paragraph it measures.
        """
        key = (typeface, bold)
        if key not in self._resolved:
            self._resolved[key] = self._find(typeface, bold)
        return self._resolved[key]

    def _find(self, typeface: str, bold: bool) -> FontFile:
        """Return the font file for ``typeface``: installed, else a substitute (warning once)."""
        found = _installed(typeface, bold)
        if found is not None:
            return found
        substitute = METRIC_SUBSTITUTES.get(typeface.casefold())
        if substitute is not None:
            found = _installed(substitute, bold)
            if found is not None:
                self._warn_once(typeface, f"font {typeface!r} not installed; measured with the "
                                          f"metric-compatible {found.family!r}")
                return FontFile(typeface, found.family, found.path, found.line_ratio)
        return self._last_resort(typeface, bold)

    def _warn_once(self, typeface: str, message: str) -> None:
        key = typeface.casefold()
        if key not in self._seen:
            self._seen.add(key)
            self.warnings.append(message)

    def _last_resort(self, typeface: str, bold: bool) -> FontFile:
        """Return DejaVu Sans (or any known file) for ``typeface`` and warn once."""
        found = _installed(LAST_RESORT, bold)
        path = found.path if found else _any_fallback_file()
        if path is None:
            raise NoFontError(f"no font file found to measure {typeface!r} (install fontconfig and DejaVu fonts)")
        family = found.family if found else Path(path).stem
        self._warn_once(typeface, f"font {typeface!r} not installed; measured with {family!r}")
        return FontFile(typeface, family, path, line_ratio(path))
