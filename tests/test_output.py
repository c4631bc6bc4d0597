"""Safe output names and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.errors import RenderError
from briefgen.output import TEMP_PREFIX, output_stems, remove_stale_temporaries, safe_stem, write_atomic


@pytest.mark.parametrize("name, expected", [
    ("huawei-ev", "huawei-ev"),
    ("../../etc/passwd", "etc-passwd"),
    ("/absolute/path", "absolute-path"),
    ("CON", "_CON"),
    ("lpt1.report", "_lpt1.report"),
    ("...", "briefing"),
    ("Rapport annuel été 2024", "Rapport-annuel-t-2024"),
    ("a" * 300, "a" * 80),
    ("..\\..\\windows", "windows"),
])
def test_safe_stem_cannot_escape_or_be_reserved(name, expected):
    assert safe_stem(name) == expected


def test_output_stems_never_collide():
    stems = output_stems([Path("a/report.txt"), Path("b/report.md"), Path("c/Report.html"), Path("d/other.txt")])
    assert list(stems.values()) == ["report", "report-2", "Report-3", "other"]


def test_write_atomic_replaces_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out" / "deck.pptx"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["deck.pptx"]


def test_write_atomic_cleans_up_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old complete file")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_write_atomic_into_unwritable_place_is_a_render_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RenderError):
        write_atomic(blocker / "deck.pptx", b"data")


def test_stale_temporaries_from_a_killed_run_are_removed(tmp_path):
    (tmp_path / f"{TEMP_PREFIX}abc.tmp").write_bytes(b"partial")
    (tmp_path / "keep.pptx").write_bytes(b"complete")
    assert remove_stale_temporaries(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pptx"]
