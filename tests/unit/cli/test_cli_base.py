"""The command line's shared behaviour: Chinese reasons, exit codes 0/1/2, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from dangjian_desktop.cli.base import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    chinese_argparse_message,
    open_workspace,
    run,
)
from dangjian_desktop.storage.errors import DiskFullError


def _registrar(behaviour):
    def register(sub):
        parser = sub.add_parser("probe", help="测试用")
        parser.add_argument("--count", type=int, required=True)

        def handler(args, out, err):
            return behaviour(args, out, err)

        parser.set_defaults(handler=handler)

    return register


def _run(argv, behaviour=lambda args, out, err: EXIT_OK):
    out, err = io.StringIO(), io.StringIO()
    code = run(argv, [_registrar(behaviour)], out, err)
    return code, out.getvalue(), err.getvalue()


def test_success_returns_the_handlers_code():
    def behaviour(args, out, _err):
        print(f"count={args.count}", file=out)
        return EXIT_OK

    assert _run(["probe", "--count", "3"], behaviour) == (EXIT_OK, "count=3\n", "")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["nosuch"], "无效"),
        (["probe"], "缺少参数"),
        (["probe", "--count", "x"], "无效"),
        (["probe", "--count", "1", "--extra"], "无法识别的参数"),
    ],
)
def test_bad_arguments_exit_2_with_a_chinese_reason(argv, words):
    code, out, err = _run(argv)
    assert code == EXIT_USAGE
    assert words in err and "Traceback" not in err and out == ""


def test_a_data_problem_exits_1_with_its_reason():
    def behaviour(*_):
        raise CliError("第 3 行：身份证号校验位不对")

    assert _run(["probe", "--count", "1"], behaviour) == (
        EXIT_DATA,
        "",
        "第 3 行：身份证号校验位不对\n",
    )


def test_an_environment_error_is_worded_like_the_window_words_it(tmp_path):
    def behaviour(*_):
        raise DiskFullError(tmp_path / "d.sqlite", "database or disk is full")

    code, _out, err = _run(["probe", "--count", "1"], behaviour)
    assert code == EXIT_DATA and "磁盘空间不足" in err


def test_a_bug_is_an_apology_not_a_traceback():
    def behaviour(*_):
        raise ZeroDivisionError("secret detail")

    code, _out, err = _run(["probe", "--count", "1"], behaviour)
    assert code == EXIT_DATA
    assert "内部错误" in err and "Traceback" not in err and "secret detail" not in err


def test_help_exits_0():
    code, out, _err = _run(["probe", "--help"])
    assert code == EXIT_OK and "用法：" in out and "显示本帮助并退出" in out


def test_unknown_argparse_message_passes_through_unchanged():
    assert chinese_argparse_message("something new") == "something new"


def test_a_missing_data_file_is_refused_not_created(tmp_path):
    missing = tmp_path / "typo.sqlite"
    with pytest.raises(CliError) as caught:
        open_workspace(missing)
    assert caught.value.code == EXIT_DATA and "找不到数据文件" in caught.value.message
    assert not missing.exists()


def test_the_program_dispatches_commands_without_loading_qt():
    probe = (
        "import sys; from dangjian_desktop.app import main; code = main(['export']);"
        "print(code, any(m.startswith('PySide6') for m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.stdout.split() == [str(EXIT_USAGE), "False"], proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_bug_before_logging_is_set_up_prints_no_traceback():
    """With no log file yet, the traceback must not fall through to Python's last resort."""
    probe = (
        "import io, sys\n"
        "from dangjian_desktop.cli.base import run\n"
        "def register(sub):\n"
        "    p = sub.add_parser('probe')\n"
        "    p.set_defaults(handler=lambda *a: 1 / 0)\n"
        "print(run(['probe'], [register], sys.stdout, sys.stderr))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.stdout.strip() == str(EXIT_DATA)
    assert "Traceback" not in proc.stderr and "内部错误" in proc.stderr
