"""atomic_write: the target is replaced whole or left alone, never half-written."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from dangjian_desktop.export import atomic
from dangjian_desktop.export.atomic import atomic_write


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


def test_writes_new_file(tmp_path):
    target = tmp_path / "花名册.xlsx"
    with atomic_write(target) as fh:
        fh.write(b"new content")
        assert not target.exists()  # nothing visible before the body finished
    assert target.read_bytes() == b"new content"
    assert _leftovers(tmp_path) == []


def test_replaces_existing_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    with atomic_write(target) as fh:
        fh.write(b"new")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def test_failure_keeps_old_file_and_removes_temp(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="export failed"), atomic_write(target) as fh:
        fh.write(b"half of the new")
        assert _leftovers(tmp_path)  # the temp file sits beside the target meanwhile
        raise RuntimeError("export failed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_failure_without_old_file_leaves_nothing(tmp_path):
    target = tmp_path / "report.pdf"
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as fh:
        fh.write(b"partial")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_failed_rename_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(PermissionError), atomic_write(target) as fh:
        fh.write(b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
    assert target.read_bytes() == b"old"


def test_text_mode_defaults_to_utf8(tmp_path):
    target = tmp_path / "manifest.txt"
    with atomic_write(target, "w") as fh:
        fh.write("中共某某船舶党支部\n")
    assert target.read_bytes().decode("utf-8").startswith("中共某某船舶党支部")


def test_rejects_read_or_append_modes(tmp_path):
    for mode in ("r", "ab", "a", "r+b"):
        with pytest.raises(ValueError), atomic_write(tmp_path / "x", mode):
            pass
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_new_file_is_readable_by_its_owner_only(tmp_path):
    """An export holds personal data: 0600 whatever the umask (issue 7.12)."""
    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "r.pdf") as fh:
            fh.write(b"x")
            assert _leftovers(tmp_path)
            assert (tmp_path / _leftovers(tmp_path)[0]).stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)
    assert (tmp_path / "r.pdf").stat().st_mode & 0o777 == 0o600


def test_windows_retries_replace_while_file_is_held(tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    real_replace = os.replace
    failures = [PermissionError(13, "held by a virus scanner")] * 3

    def flaky(src, dst):
        if failures:
            raise failures.pop()
        real_replace(src, dst)

    monkeypatch.setattr(atomic, "_RETRY_REPLACE", True)
    monkeypatch.setattr(atomic.os, "replace", flaky)
    monkeypatch.setattr(atomic, "_REPLACE_PAUSE_S", 0)
    with atomic_write(target) as fh:
        fh.write(b"new")
    assert target.read_bytes() == b"new"
    assert failures == []


# --- temporary files: one recognisable name, cleaned at the next write (issue 7.11) ----------
def test_temp_name_is_recognisably_the_apps(tmp_path):
    with atomic_write(tmp_path / "member.djzj") as fh:
        [name] = _leftovers(tmp_path)
        fh.write(b"x")
    assert name.startswith(f".dangjian-{os.getpid()}-") and name.endswith(".member.djzj.tmp")
    assert atomic.is_app_temp(tmp_path / name)
    assert not atomic.is_app_temp(tmp_path / ".member.djzj.1234abcd.tmp")  # not a guess


KILLED_EXPORT = """
import os, signal, sys
from dangjian_desktop.export.atomic import atomic_write
with atomic_write(sys.argv[1]) as fh:
    fh.write("张三,110105199003071234\\n".encode())
    fh.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # the stick's owner pulls the plug
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_export_leaves_its_temp_only_until_the_next_write_there(tmp_path):
    import subprocess

    target = tmp_path / "member.djzj"
    repo = Path(atomic.__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(repo), *sys.path]))
    subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(target)], env=env, check=False)
    [left] = _leftovers(tmp_path)
    assert b"110105199003071234" in (tmp_path / left).read_bytes()  # clear text, on the stick

    with atomic_write(tmp_path / "roster.xlsx") as fh:  # the next write into that folder
        fh.write(b"new")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]


def test_cleaning_spares_a_write_in_progress(tmp_path):
    with atomic_write(tmp_path / "a.pdf") as fh:
        fh.write(b"being written")
        assert atomic.clean_stale_temps(tmp_path) == []
        with atomic_write(tmp_path / "b.pdf") as other:  # a second export, same folder
            other.write(b"b")
        assert len(_leftovers(tmp_path)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"being written"


# --- errors name the file the user chose (issue 7.8, 7.12) -----------------------------------
@pytest.mark.parametrize(
    ("err", "words"),
    [(errno.ENOSPC, "磁盘空间不足"), (errno.EIO, "读写数据文件时出错：U盘可能松动或损坏")],
)
def test_write_errors_are_worded_and_name_the_real_folder(tmp_path, monkeypatch, err, words):
    from dangjian_desktop.messages import error_text

    folder = tmp_path / "U盘" / "上报"
    folder.mkdir(parents=True)

    def failing_fsync(fd):
        raise OSError(err, os.strerror(err))  # what a full or failing stick raises

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(OSError) as caught, atomic_write(folder / "花名册.xlsx") as fh:
        fh.write(b"x")
    text = error_text(caught.value)
    assert text is not None and words in text
    assert str(folder) in text and "“.”" not in text
    assert list(folder.iterdir()) == []
