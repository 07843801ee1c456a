"""The `report` command of CLI.md: every official form, from the same registry as the 报表 menu."""

import argparse

from desktop_app import i18n
from desktop_app.commands import command, ledger_for
from desktop_app.services import printing


def _report_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("form", help="报表名称：" + "、".join(printing.registry()))
    p.add_argument("--format", required=True, choices=["pdf", "xlsx"])
    p.add_argument("--out", required=True, help="输出文件")
    p.add_argument("--period", help="报送期 YYYY-MM（默认：有数据的最近一期，台账无数据时为上月）")
    p.add_argument("--year", help="年度 YYYY（默认：报送期所在年）")
    p.add_argument("--enterprise", help="企业统一社会信用代码（survey 必填）")
    p.add_argument("--township", help="乡镇名称")
    p.add_argument("--all", action="store_true", help="批量：打印乡镇全部企业（survey）")


@command("report", _report_args)
def cmd_report(args: argparse.Namespace) -> int:
    ledger = ledger_for(args, write=False)
    try:
        given = {k: getattr(args, k) for k in printing.PARAMS}
        out = printing.write_report(ledger, args.form, args.format, args.out, given, batch=args.all)
    finally:
        ledger.close()
    print(i18n.tr("已生成 {path}").format(path=out))
    return 0
