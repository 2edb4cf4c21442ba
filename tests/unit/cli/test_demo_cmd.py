"""`dangjian demo --out PATH [--today] [--force]`: each exit code, and never a half file."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from dangjian_desktop.cli.base import EXIT_DATA, EXIT_OK, EXIT_USAGE, registrars, run
from dangjian_desktop.demo import build
from dangjian_desktop.domain.people import MemberFilter
from dangjian_desktop.services import Workspace


def demo(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["demo", *argv], registrars(), out, err)
    return code, out.getvalue(), err.getvalue()


def members_in(path: Path) -> int:
    ws = Workspace.open(path)
    try:
        return ws.members.count(MemberFilter())
    finally:
        ws.close(final_backup=False)


def test_writes_the_sample_and_says_what_it_wrote(tmp_path):
    target = tmp_path / "示例.sqlite"
    code, out, err = demo("--out", str(target), "--today", "2025-06-15")
    assert (code, err) == (EXIT_OK, "")
    assert f"已写入示例数据：{target}" in out
    assert "在册党员 30 人（正式党员 27 人，预备党员 3 人）" in out
    assert "驾驶部党小组 10 人，轮机部党小组 10 人，公休党小组 10 人" in out
    assert "已转出 1 人，回收站中 1 人" in out and "2025-06-15" in out
    assert members_in(target) == 30


def test_an_existing_file_is_refused_with_exit_2_and_left_alone(tmp_path):
    target = tmp_path / "台账.sqlite"
    target.write_bytes(b"the real ledger")
    code, out, err = demo("--out", str(target))
    assert (code, out) == (EXIT_USAGE, "")
    assert "已存在" in err and "--force" in err
    assert target.read_bytes() == b"the real ledger"


def test_force_replaces_an_existing_file(tmp_path):
    target = tmp_path / "旧.sqlite"
    target.write_bytes(b"old")
    code, _out, err = demo("--out", str(target), "--today", "2025-06-15", "--force")
    assert (code, err) == (EXIT_OK, "")
    assert members_in(target) == 30


@pytest.mark.parametrize(
    ("today", "words"),
    [
        ("2025-02-30", "不是有效日期"),
        ("15.06.2025", "不是有效日期"),
        ("1899-12-31", "之间"),
    ],
)
def test_a_bad_today_exits_2_and_writes_nothing(tmp_path, today, words):
    code, _out, err = demo("--out", str(tmp_path / "x.sqlite"), "--today", today)
    assert code == EXIT_USAGE and words in err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_as_out_and_a_missing_out_exit_2(tmp_path):
    code, _out, err = demo("--out", str(tmp_path))
    assert code == EXIT_USAGE and "是一个文件夹" in err
    code, _out, err = demo()
    assert code == EXIT_USAGE and "缺少参数" in err


def test_a_path_through_a_file_exits_1_with_a_reason(tmp_path):
    (tmp_path / "a-file").write_text("x")
    code, _out, err = demo("--out", str(tmp_path / "a-file" / "x.sqlite"))
    assert code == EXIT_DATA and "路径中有一级是文件" in err and "Traceback" not in err


def test_an_unwritable_folder_exits_1_and_says_so(tmp_path, monkeypatch):
    def refuse(**kwargs):
        raise PermissionError(13, "Permission denied", str(kwargs["dir"]))

    monkeypatch.setattr(build.tempfile, "mkdtemp", refuse)
    code, _out, err = demo("--out", str(tmp_path / "x.sqlite"))
    assert code == EXIT_DATA and "无法写入" in err and "Traceback" not in err
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root and Windows ignore mode bits"
)
def test_a_read_only_folder_exits_1(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _out, err = demo("--out", str(folder / "x.sqlite"))
    finally:
        folder.chmod(0o755)
    assert code == EXIT_DATA and "无法写入" in err


def test_a_file_open_in_a_window_is_not_replaced(tmp_path):
    target = tmp_path / "open.sqlite"
    assert demo("--out", str(target), "--today", "2025-06-15")[0] == EXIT_OK
    before = target.read_bytes()
    ws = Workspace.open(target)
    try:
        code, _out, err = demo("--out", str(target), "--force")
    finally:
        ws.close(final_backup=False)
    assert code == EXIT_DATA and "正在被另一个党建台账窗口使用" in err
    assert target.read_bytes() == before


def test_ctrl_c_leaves_no_file_and_no_temporary_folder(tmp_path, monkeypatch):
    def interrupt(_ctx):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "STEPS", (build.STEPS[0], interrupt))
    code, out, err = demo("--out", str(tmp_path / "x.sqlite"))
    assert (code, out) == (EXIT_DATA, "") and "已取消" in err
    assert [p.name for p in tmp_path.iterdir()] == ["logs"]
