"""Headless commands (see CLI.md): the same service functions the window uses.

Exit 0 on success; on bad input one clear line on stderr and exit 2, with the
ledger left as it was.
"""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.errors import UserError
from desktop_app.i18n import tr
from desktop_app.services import demo, maintenance, seed
from desktop_app.services.ledger import create_ledger, open_ledger

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Command, Callable[[argparse.ArgumentParser], None]]] = {}


def command(name: str, configure: Callable[[argparse.ArgumentParser], None] = lambda p: None):
    def register(fn: Command) -> Command:
        COMMANDS[name] = (fn, configure)
        return fn
    return register


def _need_db(args: argparse.Namespace) -> Path:
    if not args.db:
        from desktop_app.paths import default_ledger_path
        return default_ledger_path()
    return Path(args.db)


def _init_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit", required=True, help="单位名称，如 沁水县")
    p.add_argument("--level", required=True, choices=["county", "township"])
    p.add_argument("--code", default="", help="行政区划代码（可选）")
    p.add_argument("--parent", default="", help="上级单位名称（可选）")
    p.add_argument("--operator", default="管理员", help="操作员姓名")


@command("init", _init_args)
def cmd_init(args: argparse.Namespace) -> int:
    path = _need_db(args)
    ledger = create_ledger(path, unit_name=args.unit, level=args.level, code=args.code,
                           parent_name=args.parent, operator=args.operator)
    counts = seed.load_builtin(ledger)
    ledger.close()
    print(tr("已创建台账 {path}（{unit}）；内置数据：{counts}").format(path=path, unit=args.unit, counts=counts))
    return 0


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    path = _need_db(args)
    ledger = demo.build_demo(path)
    counts = {t: ledger.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE deleted_at IS NULL").fetchone()[0]
              for t in ("enterprises", "assignments", "progress_entries", "surveys", "platforms", "talent")}
    ledger.close()
    print(tr("演示台账已就绪：{path} {counts}").format(path=path, counts=counts))
    return 0


@command("backup", lambda p: p.add_argument("--out", required=True, help="备份文件路径"))
def cmd_backup(args: argparse.Namespace) -> int:
    out = maintenance.backup(_need_db(args), args.out)
    print(tr("已备份到 {path}").format(path=out))
    return 0


def _restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="备份文件")
    p.add_argument("--force", action="store_true", help="允许恢复其他单位的备份")


@command("restore", _restore_args)
def cmd_restore(args: argparse.Namespace) -> int:
    kept = maintenance.restore(_need_db(args), args.file, allow_other_unit=args.force)
    if kept:
        print(tr("已恢复；原台账另存为 {path}").format(path=kept))
    else:
        print(tr("已恢复"))
    return 0


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    problems = maintenance.check(_need_db(args))
    for p in problems:
        print(p)
    if problems:
        print(tr("发现 {n} 个问题").format(n=len(problems)), file=sys.stderr)
        return 1
    print(tr("台账完好"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    # registering `report`, and `import-tasks` / `task-template`
    from desktop_app.services import report_commands, task_commands  # noqa: F401

    parser = argparse.ArgumentParser(prog="python -m desktop_app", description=tr("创新生态工作台账"))
    parser.add_argument("--db", help="台账文件路径（默认：用户数据文件夹中的台账）")
    sub = parser.add_subparsers(dest="command")
    for name, (_, configure) in COMMANDS.items():
        configure(sub.add_parser(name))
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    fn, _ = COMMANDS[args.command]
    try:
        return fn(args)
    except UserError as exc:
        print(tr("错误：{msg}").format(msg=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(tr("已取消"), file=sys.stderr)
        return 130


def ledger_for(args: argparse.Namespace):
    return open_ledger(_need_db(args))
