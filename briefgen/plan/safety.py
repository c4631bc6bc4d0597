"""Checking a template pack's reference Office files before they are opened.

A pack may come from someone else. Its .pptx/.docx must not be able to exhaust memory (zip
bombs, entity expansion), pull in outside files or URLs, or carry macros into our output.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import TemplateError

#: Largest total uncompressed size of a reference file's parts, in bytes.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
#: Largest compression ratio of any single part (a zip bomb compresses far better than XML).
MAX_RATIO = 200
#: Parts smaller than this are not ratio-checked (tiny XML compresses well legitimately).
_RATIO_FLOOR = 1024 * 1024
_MACRO_MARKERS = ("vbaproject", "vbadata", "macroenabled", "activex")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_EXTERNAL = re.compile(rb"<Relationship\b[^>]*TargetMode=\"External\"[^>]*>", re.I)
_HYPERLINK = re.compile(rb"Type=\"[^\"]*/hyperlink\"", re.I)
_MAX_XML_SCAN = 64 * 1024 * 1024


def check_office_file(path: Path) -> None:
    """Raise ``TemplateError`` unless ``path`` is a plain, macro-free, self-contained Office package."""
    if path.suffix.lower() in (".pptm", ".docm", ".potm", ".dotm"):
        raise TemplateError("macro-enabled files are not accepted as templates; save it as .pptx/.docx", str(path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise TemplateError(f"not an Office file (cannot open it as a zip package: {exc})", str(path)) from exc
    with archive:
        infos = archive.infolist()
        _check_sizes(path, infos)
        names = [i.filename for i in infos]
        if "[Content_Types].xml" not in names:
            raise TemplateError("not an Office file (no [Content_Types].xml)", str(path))
        for info in infos:
            _check_part(path, info, archive)


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise TemplateError(
            f"refused: unpacks to {total // (1024 * 1024)} MiB (limit {MAX_UNCOMPRESSED // (1024 * 1024)} MiB)", str(path))
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TemplateError(f"refused: part {info.filename} looks like a zip bomb "
                                f"(compressed {info.compress_size} bytes, unpacks to {info.file_size})", str(path))


def _check_part(path: Path, info: zipfile.ZipInfo, archive: zipfile.ZipFile) -> None:
    lower = info.filename.lower()
    if any(marker in lower for marker in _MACRO_MARKERS):
        raise TemplateError(f"refused: contains macros or ActiveX ({info.filename})", str(path))
    if not lower.endswith((".xml", ".rels")) or info.file_size > _MAX_XML_SCAN:
        return
    data = archive.read(info)
    if lower == "[content_types].xml" and any(m.encode() in data.lower() for m in _MACRO_MARKERS):
        raise TemplateError("refused: declares macro-enabled content", str(path))
    if _DOCTYPE.search(data):
        raise TemplateError(f"refused: {info.filename} declares a DOCTYPE or entities", str(path))
    if lower.endswith(".rels"):
        for rel in _EXTERNAL.findall(data):
            if not _HYPERLINK.search(rel):
                target = re.search(rb'Target="([^"]*)"', rel)
                shown = target.group(1).decode("utf-8", "replace") if target else "?"
                raise TemplateError(f"refused: {info.filename} links to an outside file or URL ({shown})", str(path))
