"""init, demo, backup, restore, check: the ledger file itself."""

import argparse
import sys

from desktop_app import i18n
from desktop_app.commands import command, db_path
from desktop_app.errors import UserError


def _init_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit", default="", help="单位名称，如 沁水县")
    p.add_argument("--level", default="", choices=["county", "township", "zone", "department", "city"])
    p.add_argument("--from-package", default="", metavar="FILE", help="用上级下发包创建本单位台账")
    p.add_argument("--code", default="", help="行政区划代码（可选）")
    p.add_argument("--parent", default="", help="上级单位名称（可选）")
    p.add_argument("--operator", default="管理员", help="操作员姓名")


@command("init", _init_args)
def cmd_init(args: argparse.Namespace) -> int:
    from desktop_app.services import seed
    from desktop_app.services.ledger import create_ledger

    path = db_path(args)
    if args.from_package:
        return _init_from_package(args)
    if not args.unit or not args.level:
        raise UserError(i18n.tr("请给出单位名称和级别，或用上级的下发包创建"), option="--unit NAME --level … / --from-package FILE")
    ledger = create_ledger(path, unit_name=args.unit, level=args.level, code=args.code,
                           parent_name=args.parent, operator=args.operator)
    try:
        counts = seed.load_builtin(ledger)
    finally:
        ledger.close()
    print(i18n.tr("已创建台账 {path}（{unit}）；内置数据：{counts}").format(path=path, unit=args.unit, counts=counts))
    return 0


def _init_from_package(args: argparse.Namespace) -> int:
    from desktop_app.services.exchange import lower_ledger

    path = db_path(args)
    ledger, result = lower_ledger.create_from_package(args.from_package, path, operator=args.operator)
    try:
        unit = ledger.unit.name
    finally:
        ledger.close()
    print(i18n.tr("已用下发包创建 {unit} 的台账 {path}").format(unit=unit, path=path))
    for line in result.lines():
        print(line)
    return 0


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.services import demo

    path = db_path(args)
    ledger = demo.build_demo(path)
    try:
        counts = demo.counts(ledger)
    finally:
        ledger.close()
    print(i18n.tr("演示台账已就绪：{path} {counts}").format(path=path, counts=counts))
    return 0


@command("backup", lambda p: p.add_argument("--out", required=True, help="备份文件路径"))
def cmd_backup(args: argparse.Namespace) -> int:
    from desktop_app.services import maintenance

    out = maintenance.backup(db_path(args), args.out)
    print(i18n.tr("已备份到 {path}").format(path=out))
    return 0


def _restore_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="备份文件")
    p.add_argument("--force", action="store_true", help="允许恢复其他单位的备份")


@command("restore", _restore_args)
def cmd_restore(args: argparse.Namespace) -> int:
    from desktop_app.services import maintenance

    kept = maintenance.restore(db_path(args), args.file, allow_other_unit=args.force)
    if kept:
        print(i18n.tr("已恢复；原台账另存为 {path}").format(path=kept))
    else:
        print(i18n.tr("已恢复"))
    return 0


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from desktop_app.services import maintenance

    result = maintenance.check(db_path(args))
    for line in result.repaired:
        print(i18n.tr("已修复：{what}").format(what=line))
    for p in result.problems:
        print(p)
    if result.problems:
        print(i18n.tr("发现 {n} 个问题").format(n=len(result.problems)), file=sys.stderr)
        return 1
    if result.repaired:
        print(i18n.tr("台账完好（已修复 {n} 项）").format(n=len(result.repaired)))
    else:
        print(i18n.tr("台账完好"))
    return 0


def _add_unit_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="单位名称，如 阳城县、龙港镇")
    p.add_argument("--level", default="township", choices=["township", "zone", "county"],
                   help="乡镇、开发区（县的报送单位）；县（市、区）、开发区（市的报送单位）")
    p.add_argument("--code", default="", help="行政区划代码（可选）")


@command("add-unit", _add_unit_args)
def cmd_add_unit(args: argparse.Namespace) -> int:
    """A reporting unit of this ledger: a county's 乡镇/开发区, a city's 县（市、区）."""
    from desktop_app.services import units
    from desktop_app.services.ledger import open_ledger

    ledger = open_ledger(db_path(args))
    try:
        units.add_township(ledger, args.name, level=args.level, code=args.code)
    finally:
        ledger.close()
    print(i18n.tr("已登记报送单位 {name}").format(name=args.name.strip()))
    return 0
