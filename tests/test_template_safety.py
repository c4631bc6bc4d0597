"""Untrusted reference files: macros, zip bombs, entity expansion and outside links are refused."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from briefgen.errors import TemplateError
from briefgen.plan.pack import BUILTIN_PACK, load_pack
from briefgen.safety import check_office_file


def _rewrite(src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> Path:
    """Copy the package ``src`` to ``dst`` with some parts replaced or added."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


def _pack_with(tmp_path: Path, pptx: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    shutil.copy(pptx, folder / "reference.pptx")
    return folder


def test_builtin_reference_files_pass():
    check_office_file(BUILTIN_PACK / "reference.pptx")
    check_office_file(BUILTIN_PACK / "reference.docx")


def test_macro_enabled_extension_is_refused(tmp_path):
    target = tmp_path / "brand.pptm"
    shutil.copy(BUILTIN_PACK / "reference.pptx", target)
    with pytest.raises(TemplateError, match="macro-enabled"):
        check_office_file(target)


def test_vba_project_part_is_refused(tmp_path):
    bad = _rewrite(BUILTIN_PACK / "reference.pptx", tmp_path / "reference.pptx", add={"ppt/vbaProject.bin": b"\0" * 10})
    with pytest.raises(TemplateError, match="macros"):
        load_pack(_pack_with(tmp_path, bad))


def test_entity_expansion_is_refused(tmp_path):
    with zipfile.ZipFile(BUILTIN_PACK / "reference.pptx") as z:
        xml = z.read("ppt/presentation.xml")
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
           + xml.split(b"?>", 1)[1])
    bad = _rewrite(BUILTIN_PACK / "reference.pptx", tmp_path / "reference.pptx", replace={"ppt/presentation.xml": lol})
    with pytest.raises(TemplateError, match="DOCTYPE"):
        check_office_file(bad)


def test_external_relationship_to_a_file_is_refused(tmp_path):
    with zipfile.ZipFile(BUILTIN_PACK / "reference.pptx") as z:
        rels = z.read("ppt/_rels/presentation.xml.rels")
    evil = rels.replace(b"</Relationships>", b'<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/image" Target="file:///etc/passwd" TargetMode="External"/>'
                        b"</Relationships>")
    bad = _rewrite(BUILTIN_PACK / "reference.pptx", tmp_path / "reference.pptx",
                   replace={"ppt/_rels/presentation.xml.rels": evil})
    with pytest.raises(TemplateError, match="file:///etc/passwd"):
        check_office_file(bad)


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    bad = _rewrite(BUILTIN_PACK / "reference.pptx", tmp_path / "reference.pptx",
                   add={"ppt/media/bomb.bin": b"\0" * (50 * 1024 * 1024)})
    with pytest.raises(TemplateError, match="zip bomb"):
        check_office_file(bad)


def test_not_a_zip_is_refused(tmp_path):
    fake = tmp_path / "reference.pptx"
    fake.write_text("just text", encoding="utf-8")
    with pytest.raises(TemplateError, match="not an Office file"):
        check_office_file(fake)
