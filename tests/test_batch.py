"""Batches: parallel runs equal serial ones, reruns are byte-identical, a killed run leaves only complete files."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.output import TEMP_PREFIX
from conftest import INPUTS

pytestmark = pytest.mark.slow


def _copies(folder: Path, count: int) -> Path:
    """Fill ``folder`` with ``count`` copies of the sample articles under distinct names."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = sorted(p for p in INPUTS.iterdir() if p.is_file())
    for i in range(count):
        src = samples[i % len(samples)]
        shutil.copy(src, folder / f"{i:03d}-{src.name}")
    return folder


def _make(*args) -> None:
    result = CliRunner().invoke(app, ["make", *map(str, args), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_parallel_output_is_identical_to_serial(tmp_path):
    inputs = _copies(tmp_path / "in", 6)
    _make(inputs, "--out", tmp_path / "serial", "--jobs", "1")
    _make(inputs, "--out", tmp_path / "parallel", "--jobs", "2")
    serial, parallel = _contents(tmp_path / "serial"), _contents(tmp_path / "parallel")
    assert len(serial) == 12
    assert serial == parallel


def test_rerun_gives_byte_identical_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706572800")
    _make(INPUTS, "--out", tmp_path / "a", "--jobs", "1")
    time.sleep(2.1)  # zip timestamps have two-second resolution: a clock-based stamp would differ now
    _make(INPUTS, "--out", tmp_path / "b", "--jobs", "1")
    assert _contents(tmp_path / "a") == _contents(tmp_path / "b")
    with zipfile.ZipFile(next((tmp_path / "a").glob("*.pptx"))) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2024, 1, 30, 0, 0, 0)}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_run_leaves_only_complete_files(tmp_path, sig):
    inputs = _copies(tmp_path / "in", 40)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "make", str(inputs), "--out", str(out), "--jobs", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            # a test runner started in the background inherits SIGINT ignored: restore it
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.pptx"))) < 3:
        time.sleep(0.05)
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    written = [p for p in out.iterdir() if not p.name.startswith(TEMP_PREFIX)]
    assert 3 <= len(written) < 80
    for path in written:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
    if sig == signal.SIGINT:
        assert not list(out.glob(TEMP_PREFIX + "*"))
    # a rerun completes the batch and clears what a killed run left behind
    _make(inputs, "--out", out)
    assert len(list(out.iterdir())) == 80
    assert not list(out.glob(TEMP_PREFIX + "*"))
