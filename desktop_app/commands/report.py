"""The `report` command of CLI.md: every official form, from the same registry as the 报表 menu."""

import argparse
import sys

from desktop_app import i18n
from desktop_app.commands import command, ledger_for
from desktop_app.errors import UserError
from desktop_app.services import printing


def _report_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("form", help="报表名称：" + "、".join(printing.registry()))
    p.add_argument("--format", required=True, choices=["pdf", "xlsx"])
    p.add_argument("--out", required=True, help="输出文件")
    p.add_argument("--period", help="报送期 YYYY-MM（默认：有数据的最近一期，台账无数据时为上月）")
    p.add_argument("--year", help="年度 YYYY（默认：报送期所在年）")
    p.add_argument("--enterprise", help="企业统一社会信用代码（survey 必填）")
    p.add_argument("--township", help="乡镇名称")
    p.add_argument("--doc-no", dest="doc_no",
                   help="发文字号的序号，如 3 或 沁创领办〔2026〕3号（monthly-brief；默认：接上次的号，并记住本次）")
    p.add_argument("--all", action="store_true", help="批量：打印乡镇全部企业（survey）")
    p.add_argument("--duplex", action="store_true", help="批量双面打印：每家企业从新的一张纸开始（survey --all）")


@command("report", _report_args)
def cmd_report(args: argparse.Namespace) -> int:
    from desktop_app.services.ledger import open_ledger

    ledger = ledger_for(args, write=False)
    try:
        given = {k: getattr(args, k) for k in printing.PARAMS}
        if args.duplex:
            given["duplex"] = True
        out = printing.write_report(ledger, args.form, args.format, args.out, given, batch=args.all, remember=False)
        spec = printing.registry()[args.form]
        params = printing.resolve_params(ledger, spec, given)
    finally:
        ledger.close()
    print(i18n.tr("已生成 {path}").format(path=out))
    if spec.after_write is not None:  # e.g. the brief's 文号: kept for next time, as the window does
        try:
            writer = open_ledger(ledger.path)
        except UserError as exc:
            print(i18n.tr("注意：{why}；本次文号未记住，下次请用 --doc-no 指定").format(why=exc), file=sys.stderr)
            return 0
        try:
            spec.after_write(writer, params)
        finally:
            writer.close()
    return 0
