"""Headless 审核: `check-returns` (the window's 审核 panel) and `explain-finding` (its 保存说明)."""

import argparse

from desktop_app import i18n
from desktop_app.commands import command, ledger_for
from desktop_app.errors import UserError

EXIT_FORCED = 1  # a 强制 finding stands (bad input stays 2, as for every command)


def _period(ledger, given: str | None) -> str:
    from desktop_app.services import periods, review

    return review.clean_period(given) if given else periods.default_period(ledger)


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", help="报送期 YYYY-MM（默认：有数据的最近一期）")
    p.add_argument("--strict", action="store_true", help="核实问题未填写说明时也以非零退出（与上报包的要求相同）")


@command("check-returns", _check_args)
def cmd_check_returns(args: argparse.Namespace) -> int:
    from desktop_app.services import review

    ledger = ledger_for(args, write=False)
    try:
        period = _period(ledger, args.period)
        found = review.run(ledger, period)
    finally:
        ledger.close()
    for f in found:
        print(f"{i18n.tr(f.level)}\t{f.rule}\t{f.message}\t{f.table}/{f.record_id}")
        if f.explanation:
            print("\t\t" + i18n.tr("说明：{t}").format(t=f.explanation))
    s = review.summary(found)
    print(i18n.tr("{p} 审核：强制 {f} 条，核实 {v} 条（已说明 {e} 条）").format(
        p=period, f=s["forced"], v=s["verify"], e=s["explained"]))
    if s["forced"]:
        print(i18n.tr("有强制性审核问题，须更正后才能上报"))
        return EXIT_FORCED
    if args.strict and s["blocking"]:
        print(i18n.tr("有 {n} 条核实问题尚未说明").format(n=s["blocking"]))
        return EXIT_FORCED
    return 0


def _explain_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", help="报送期 YYYY-MM（默认：有数据的最近一期）")
    p.add_argument("--rule", required=True, help="规则编号，如 S05（见 check-returns 的输出）")
    p.add_argument("--record", required=True, help="记录编号（check-returns 输出的最后一列“表/编号”中的编号）")
    p.add_argument("--text", required=True, help="核实说明（至少 10 个字，“核实无误”不算说明）")


@command("explain-finding", _explain_args)
def cmd_explain_finding(args: argparse.Namespace) -> int:
    from desktop_app.services import review

    ledger = ledger_for(args)
    try:
        period = _period(ledger, args.period)
        record = args.record.split("/")[-1]
        match = [f for f in review.run(ledger, period) if f.rule == args.rule and f.record_id == record]
        if not match:
            raise UserError(i18n.tr("{p} 没有规则 {r} 针对记录 {id} 的审核问题").format(
                p=period, r=args.rule, id=record))
        review.explain(ledger, match[0], args.text)
    finally:
        ledger.close()
    print(i18n.tr("已保存核实说明：{m}").format(m=match[0].message))
    return 0
