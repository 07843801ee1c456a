"""Headless `import-survey` (the window's 数据交换 → 导入调查表)."""

import argparse
import sys

from desktop_app import i18n
from desktop_app.commands import command, ledger_for
from desktop_app.errors import UserError


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="企业填好的调查表 .xlsx，或存放调查表的文件夹")
    p.add_argument("--dry-run", action="store_true", help="只检查并预览，不写入台账")
    p.add_argument("--replace-signed-off", action="store_true",
                   help="已销号报送期的调查表也直接替换（不加此项时逐一询问；非交互运行时不替换）")


def print_preview(pv) -> None:
    for f in pv.files:
        if f.error:
            print(i18n.tr("未导入  {line}").format(line=f.error))
            continue
        for r in f.returns:
            mark = i18n.tr("（已销号）") if r.signed_off else ""
            print(i18n.tr("{status}  {file} · {sheet} → {name} {period}{mark}").format(
                status=r.status_label, file=f.path.name, sheet=r.source.sheet, name=r.enterprise,
                period=r.ret.period, mark=mark))
            for c in r.changes:
                print(i18n.tr("    {label}：{before} → {after}").format(
                    label=c.label, before=c.before or "—", after=c.after or "—"))
    c = pv.counts()
    print(i18n.tr("读取文件 {files} 个，未通过 {refused} 个；调查表新增 {new} 份，修改 {changed} 份，无变化 {same} 份").format(
        files=c["files"], refused=c["refused"], new=c["new"], changed=c["changed"], same=c["unchanged"]))


def _ask(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(question + " [y/N] ").strip().lower() in ("y", "yes", "是")


@command("import-survey", _args)
def cmd_import_survey(args: argparse.Namespace) -> int:
    from desktop_app.services import survey_import

    ledger = ledger_for(args, write=not args.dry_run)
    try:
        pv = survey_import.preview(ledger, args.files)
        print_preview(pv)
        if pv.refused:  # the CLI contract: bad input writes nothing
            first = pv.refused[0].error
            more = i18n.tr("（另有 {n} 个文件未通过，见输出）").format(n=len(pv.refused) - 1) if len(pv.refused) > 1 else ""
            raise UserError(i18n.tr("{first}{more}，未导入任何调查表").format(first=first, more=more))
        if args.dry_run:
            return 0
        replace = args.replace_signed_off
        if pv.signed_off and not replace:
            names = "、".join(f"{r.enterprise} {r.ret.period}" for r in pv.signed_off)
            replace = _ask(i18n.tr("以下调查表所在报送期已销号：{names}。确定用导入的调查表替换吗？").format(names=names))
        result = survey_import.apply(ledger, pv, replace_signed_off=replace)
    finally:
        ledger.close()
    print(i18n.tr("已导入：新增 {new} 份，修改 {changed} 份，无变化 {same} 份").format(
        new=result.new, changed=result.changed, same=result.unchanged))
    if result.kept_signed_off:
        print(i18n.tr("已销号报送期的 {n} 份调查表未替换（如需替换请加 --replace-signed-off）").format(
            n=result.kept_signed_off))
    return 0
