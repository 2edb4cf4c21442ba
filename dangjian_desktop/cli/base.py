"""What every subcommand shares: a parser that speaks Chinese, the exit codes, opening the
data file, and turning any error into one Chinese line on stderr."""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

EXIT_OK = 0
EXIT_DATA = 1  # the data or an input file has a problem; nothing (more) was written
EXIT_USAGE = 2  # the command line itself is wrong

log = logging.getLogger("dangjian_desktop.cli")
# Before a log file is set up (or where none can be), logging a bug must not reach Python's
# last-resort handler, which prints the traceback on stderr.
log.addHandler(logging.NullHandler())


class CliError(Exception):
    """A reason, already in Chinese, and the exit code it ends with."""

    def __init__(self, message: str, code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class UsageError(CliError):
    def __init__(self, message: str) -> None:
        super().__init__(message, EXIT_USAGE)


# argparse's own messages, in the words a Chinese user reads (argparse has no zh catalogue).
_ARGPARSE_WORDS = [
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"参数 \1 的值 \2 无效，可选：\3",
    ),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"参数 \1 的值 \3 无效"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"one of the arguments (.*) is required", r"需要以下参数之一：\1"),
    (r"ambiguous option: (\S+) could match (.*)", r"参数 \1 不明确，可能是：\2"),
    # Last: a value our own type function refused, its reason already in Chinese.
    (r"argument (\S+): (.*)", r"参数 \1：\2"),
]


def chinese_argparse_message(message: str) -> str:
    for pattern, replacement in _ARGPARSE_WORDS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        # prefix "" is argparse working out a subcommand's prog: leave that alone.
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese help headings, and errors raised (not printed and exited) so
    `main` words them and ends with exit code 2."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str):
        raise UsageError(f"{self.prog}：{chinese_argparse_message(message)}")


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="数据文件路径（默认在用户数据文件夹中）"
    )


def db_path_of(args: argparse.Namespace) -> Path:
    from dangjian_desktop import paths

    return (getattr(args, "db", None) or paths.default_db_path()).absolute()


def open_workspace(path: Path, *, must_exist: bool = True):
    """Open a data file the way the window does (lock, check, migrate); errors as CliError.

    A command that reads or adds to a ledger refuses a path where there is no file: a typo in
    --db must not quietly create an empty ledger and report success."""
    from dangjian_desktop import paths
    from dangjian_desktop.logs import setup_logging
    from dangjian_desktop.services import Workspace

    if must_exist and not path.is_file():
        raise CliError(f"找不到数据文件“{path}”。请用 --db 指定已有的数据文件。")
    if path.parent.is_dir():
        setup_logging(paths.log_dir_for(path))
    return Workspace.open(path)


@contextlib.contextmanager
def workspace_of(args: argparse.Namespace) -> Iterator:
    """The data file of --db (or the default one) opened as open_workspace opens it, and
    closed when the command is done with it, whatever happened."""
    ws = open_workspace(db_path_of(args))
    try:
        yield ws
    finally:
        ws.close()


Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


def build_parser(registrars: Sequence[Callable[[argparse._SubParsersAction], None]]):
    parser = ChineseArgumentParser(prog="dangjian", description="党建台账 命令行")
    sub = parser.add_subparsers(
        dest="command", metavar="命令", parser_class=ChineseArgumentParser, required=True
    )
    for register in registrars:
        register(sub)
    return parser


def error_message(exc: BaseException) -> str | None:
    """The Chinese reason for an error the user can act on; None for a bug."""
    from dangjian_desktop.messages import error_text

    return error_text(exc)


def run(
    argv: Sequence[str],
    registrars: Sequence[Callable[[argparse._SubParsersAction], None]],
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    try:
        parser = build_parser(registrars)
        with contextlib.redirect_stdout(stdout):  # --help goes where our output goes
            args = parser.parse_args(list(argv))
        handler: Handler = args.handler
        return handler(args, stdout, stderr)
    except CliError as exc:
        print(exc.message, file=stderr)
        return exc.code
    except KeyboardInterrupt:
        print("已取消，数据未作改动。", file=stderr)
        return EXIT_DATA
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    except Exception as exc:
        text = error_message(exc)
        if text is not None:
            print(text, file=stderr)
            return EXIT_DATA
        log.error("unhandled error in the command line\n%s", traceback.format_exc())
        print(
            "内部错误：命令没有完成，已保存的数据不受影响。"
            f"（{type(exc).__name__}；详情见日志文件夹中的 dangjian.log）",
            file=stderr,
        )
        return EXIT_DATA


def registrars() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Each command module's `register(subparsers)`, in the order `--help` lists them."""
    from dangjian_desktop.cli import demo_cmd, export_cmd, import_roster, report_cmd

    return [
        import_roster.register,
        export_cmd.register,
        report_cmd.register_report,
        report_cmd.register_verify,
        demo_cmd.register,
    ]


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    return run(argv, registrars(), sys.stdout, sys.stderr)
