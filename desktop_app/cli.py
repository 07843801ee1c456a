"""The command line (CLI.md): one parser, built once; the commands live in ``desktop_app.commands``.

Exit 0 on success; on bad input one clear line on stderr and exit 2, with the
ledger left as it was.
"""

import argparse
import importlib
import sys

from desktop_app import i18n
from desktop_app.commands import COMMANDS, MODULES
from desktop_app.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    for name in MODULES:
        importlib.import_module(f"desktop_app.commands.{name}")
    parser = argparse.ArgumentParser(prog="python -m desktop_app", description=i18n.tr("创新生态工作台账"))
    parser.add_argument("--db", help="台账文件路径（默认：用户数据文件夹中的台账）")
    parser.add_argument("--package", metavar="FILE",
                        help="打开窗口并导入这个交换包（.bsb，双击交换包时由系统传入）")
    sub = parser.add_subparsers(dest="command")
    for name, (_, configure) in COMMANDS.items():
        configure(sub.add_parser(name))
    return parser


def run_args(args: argparse.Namespace) -> int:
    """Run the parsed command; a ``UserError`` becomes one line on stderr and exit 2."""
    from db import lock

    fn, _ = COMMANDS[args.command]
    lock.set_program(i18n.tr("命令行 {name}").format(name=args.command))
    try:
        return fn(args)
    except UserError as exc:
        hint = i18n.tr("（命令行请用 {opt}）").format(opt=exc.option) if exc.option else ""
        print(i18n.tr("错误：{msg}").format(msg=exc) + hint, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(i18n.tr("已取消"), file=sys.stderr)
        return 130


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    return run_args(args)
