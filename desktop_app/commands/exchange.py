"""export-package, import-package, conflicts, resolve: packages between units (EXCHANGE.md)."""

import argparse
import sys

from desktop_app import i18n
from desktop_app.commands import command, ledger_for
from desktop_app.errors import UserError


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--for", dest="for_unit", default="", help="下级单位名称（下发包；市级台账为回执包）")
    p.add_argument("--all-units", action="store_true", help="为全部下级单位各生成一个下发包")
    p.add_argument("--out", default="", help="包文件路径")
    p.add_argument("--out-dir", default="", help="--all-units 时的输出文件夹")
    p.add_argument("--period", default="", help="报送期别 YYYY-MM（上报包）")


def _written(args: argparse.Namespace, make) -> list:
    """Run ``make(ledger)`` on the ledger, closed after; print one line per package written."""
    ledger = ledger_for(args)
    try:
        written = make(ledger)
    finally:
        ledger.close()
    written = written if isinstance(written, list) else [written]
    for item in written:
        print(i18n.tr("已生成 {path}（{unit}：{what}）").format(path=item.path, unit=item.unit, what=item.summary()))
    return written


@command("export-package", _export_args)
def cmd_export_package(args: argparse.Namespace) -> int:
    from desktop_app.services.exchange import distribute, receipt, submit

    if args.all_units:
        if not args.out_dir:
            raise UserError(i18n.tr("请指定输出文件夹"), option="--out-dir")
        written = _written(args, lambda ledger: distribute.export_all(ledger, args.out_dir))
        print(i18n.tr("共 {n} 个下发包").format(n=len(written)))
        return 0
    if not args.for_unit and not args.period:
        raise UserError(i18n.tr("请指定下级单位，或为全部下级单位生成"), option="--for UNIT / --all-units")
    if not args.out:
        raise UserError(i18n.tr("请指定包文件路径"), option="--out")
    if args.for_unit:
        # a city sends its 县（市、区） only a 回执 of what it holds of theirs
        _written(args, lambda ledger: (receipt.export_for if ledger.unit.level == "city" else distribute.export_for)(
            ledger, args.for_unit, args.out))
    else:  # 上报: this unit's package for the period
        _written(args, lambda ledger: submit.export_submission(ledger, args.period, args.out))
    return 0


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="包文件（.bsb）")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出将导入的内容，不写入台账")
    p.add_argument("--merge-same-code", action="store_true",
                   help="包中新登记的企业与本台账已有企业统一社会信用代码相同时，确认是同一企业并合并（不同的字段进入冲突待处理）")


@command("import-package", _import_args)
def cmd_import_package(args: argparse.Namespace) -> int:
    from desktop_app.services.exchange import receive

    ledger = ledger_for(args)
    try:
        same = None
        if args.merge_same_code:
            asked = receive.import_package(ledger, args.file, dry_run=True).same_code
            same = {s.theirs_id: s.ours_id for s in asked}
            for s in asked:
                print(i18n.tr("是同一企业：“{name}”并入本台账的“{ours}”（{uscc}）").format(
                    name=s.theirs_name, ours=s.ours_name, uscc=s.uscc))
        result = receive.import_package(ledger, args.file, dry_run=args.dry_run, same=same)
    finally:
        ledger.close()
    if args.dry_run and result.same_code and not args.merge_same_code:
        for s in result.same_code:
            print(s.question(result.package.from_unit.get("name") or ""), file=sys.stderr)
        print(i18n.tr("确认是同一企业的，请加 --merge-same-code 导入"), file=sys.stderr)
    for line in result.lines():
        print(line)
    conflicts = result.totals()[receive.CONFLICT]
    if conflicts and not args.dry_run:
        print(i18n.tr("有 {n} 条冲突待处理：用 conflicts 查看，resolve ID --keep ours|theirs 处理").format(n=conflicts),
              file=sys.stderr)
    return 0


@command("conflicts")
def cmd_conflicts(args: argparse.Namespace) -> int:
    from desktop_app.services.exchange import conflicts

    ledger = ledger_for(args, write=False)
    try:
        pending = conflicts.pending(ledger)
    finally:
        ledger.close()
    if not pending:
        print(i18n.tr("没有待处理的冲突"))
        return 0
    for c in pending:
        fields = "、".join(f"{f.name}（{conflicts.describe(f)}）" for f in c.fields())
        print(f"{c.short_id}\t{c.peer}\t{c.label}\t{i18n.tr('不同之处')}：{fields}")
    print(i18n.tr("共 {n} 条冲突待处理").format(n=len(pending)))
    return 0


def _resolve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help="冲突编号（conflicts 列出的前 8 位即可）")
    p.add_argument("--keep", required=True, choices=["ours", "theirs"], help="ours 保留本地，theirs 采用对方")
    p.add_argument("--take", default="", help="逐项合并：采用对方的字段（逗号分隔，如 phone,address），其余保留本地；"
                                              "与 --keep ours 同用")


@command("resolve", _resolve_args)
def cmd_resolve(args: argparse.Namespace) -> int:
    from desktop_app.services.exchange import conflicts

    ledger = ledger_for(args)
    try:
        take = {f.strip() for f in args.take.split(",") if f.strip()}
        if take and args.keep != "ours":
            raise UserError(i18n.tr("逐项合并时请用 --keep ours，并在 --take 中列出采用对方的字段"), option="--take")
        c = conflicts.resolve_fields(ledger, args.id, take) if take else conflicts.resolve(ledger, args.id, args.keep)
    finally:
        ledger.close()
    kept = (i18n.tr("逐项合并：采用对方的 {fields}").format(fields="、".join(sorted(take))) if take
            else i18n.tr("保留本地") if args.keep == "ours" else i18n.tr("采用{peer}的数据").format(peer=c.peer))
    print(i18n.tr("已处理：{label}（{kept}）").format(label=c.label, kept=kept))
    return 0
