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


# --------------------------------------------------------------------------------------------
# One article: its formats made side by side (reading and the Word briefing in a forked process)
# --------------------------------------------------------------------------------------------

forking = pytest.mark.skipif(not __import__("briefgen.forked").forked.can_fork(),
                             reason="formats are made side by side only where this process may fork (Linux, one thread)")


@forking
def test_one_article_makes_its_formats_side_by_side_with_the_same_files(tmp_path, monkeypatch):
    import briefgen.pipeline as pipeline  # noqa: PLC0415

    forks = []
    real = pipeline.Forked
    monkeypatch.setattr(pipeline, "Forked", lambda produce: forks.append(produce) or real(produce))
    article = INPUTS / "huawei-ev.txt"
    _make(article, "--out", tmp_path / "serial", "--jobs", "1")
    assert forks == []
    _make(article, "--out", tmp_path / "side", "--jobs", "2")
    assert len(forks) == 1 and forks[0].args[3] == [pipeline.OutputFormat.DOCX]
    assert _contents(tmp_path / "serial") == _contents(tmp_path / "side")
    assert sorted(_contents(tmp_path / "side")) == ["huawei-ev.docx", "huawei-ev.pptx"]
    for flags in (["--pptx"], ["--debug"]):  # one format, or tracebacks wanted: one process
        _make(article, "--out", tmp_path / "other", "--jobs", "2", *flags)
    assert len(forks) == 1


@forking
def test_the_deck_process_never_loads_the_analysis_the_storyboards_or_python_docx(tmp_path):
    """What the forked process does (read, analyse, plan, Word) is not also done in the deck's process."""
    script = (
        "import sys\n"
        "from briefgen.cli import main\n"
        f"sys.argv = ['briefgen', 'make', {str(INPUTS / 'huawei-ev.txt')!r}, '--out', {str(tmp_path)!r}, '-q', '-j', '2']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, *(name in sys.modules for name in ('briefgen.analysis', 'jinja2', 'yaml', 'docx', 'pptx')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["0", "False", "False", "False", "False", "True"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huawei-ev.docx", "huawei-ev.pptx"]


def _pack_with_broken(tmp_path: Path, storyboard: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / storyboard).write_text("- role: title\n  title: {{ brief.titel }}\n")
    return folder


def _no_child_left() -> None:
    with pytest.raises(ChildProcessError):  # every forked process was waited for
        os.waitpid(-1, os.WNOHANG)


@forking
@pytest.mark.parametrize("broken", ["document.yaml.j2", "deck.yaml.j2"])
def test_a_failing_format_fails_the_article_and_writes_no_file(tmp_path, broken):
    from briefgen.errors import TemplateError  # noqa: PLC0415
    from briefgen.pipeline import OutputFormat, make_briefing  # noqa: PLC0415
    from briefgen.plan.pack import load_pack  # noqa: PLC0415

    pack = load_pack(_pack_with_broken(tmp_path, broken))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(TemplateError, match=rf"{broken}: line 2: .*titel"):
        make_briefing(INPUTS / "huawei-ev.txt", pack, out, "a", tuple(OutputFormat), parallel=True)
    assert list(out.iterdir()) == []
    _no_child_left()


@forking
def test_an_unreadable_article_read_in_the_fork_is_reported_as_usual(tmp_path):
    from briefgen.errors import InputError  # noqa: PLC0415
    from briefgen.pipeline import OutputFormat, make_briefing  # noqa: PLC0415
    from briefgen.plan.pack import BUILTIN_PACK, load_pack  # noqa: PLC0415

    article = tmp_path / "empty.txt"
    article.write_text("   \n")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError) as info:
        make_briefing(article, load_pack(BUILTIN_PACK), out, "a", tuple(OutputFormat), parallel=True)
    assert str(article) in str(info.value)
    assert list(out.iterdir()) == []
    _no_child_left()


@forking
def test_forked_values_come_back_in_order_and_failures_as_exceptions():
    from briefgen.forked import Forked  # noqa: PLC0415

    def produce(*values, fail=None):
        def run():
            yield from values
            if fail is not None:
                raise fail
        return run

    with Forked(produce("brief", b"\x00" * 300_000)) as child:
        assert child.receive() == "brief"
        assert child.receive() == b"\x00" * 300_000
        with pytest.raises(RuntimeError, match="ended without a result"):
            child.receive()
    with Forked(produce("first", fail=KeyError("missing"))) as child:
        assert child.receive() == "first"
        with pytest.raises(KeyError, match="missing"):
            child.receive()

    class Unpicklable(Exception):  # a local class cannot be pickled: its text comes back
        pass

    with Forked(produce(fail=Unpicklable("odd failure"))) as child, \
            pytest.raises(RuntimeError, match="Unpicklable: odd failure"):
        child.receive()
    with Forked(lambda: os._exit(3)) as child, pytest.raises(RuntimeError, match="exit code 3"):
        child.receive()
    _no_child_left()


@forking
def test_a_fork_whose_results_are_not_wanted_is_stopped():
    from briefgen.forked import Forked  # noqa: PLC0415

    def slow():
        yield "first"
        time.sleep(60)
        yield "never"

    started = time.monotonic()
    with Forked(slow) as child:
        assert child.receive() == "first"
    assert time.monotonic() - started < 30
    _no_child_left()


@forking
def test_when_no_process_can_be_forked_the_article_is_made_in_one(tmp_path, monkeypatch):
    from briefgen.pipeline import OutputFormat, make_briefing  # noqa: PLC0415
    from briefgen.plan.pack import BUILTIN_PACK, load_pack  # noqa: PLC0415

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    open_before = len(os.listdir("/proc/self/fd"))
    result = make_briefing(INPUTS / "huawei-ev.txt", load_pack(BUILTIN_PACK), tmp_path, "a", tuple(OutputFormat),
                           parallel=True)
    assert sorted(p.name for p in result.files) == ["a.docx", "a.pptx"]
    assert len(os.listdir("/proc/self/fd")) == open_before  # the pipe was closed
