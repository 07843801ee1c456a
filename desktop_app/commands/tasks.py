"""Headless `import-tasks` and `task-template` (the window's 导入任务清单 / 导出任务清单模板)."""

import argparse

from desktop_app import i18n
from desktop_app.commands import command, ledger_for
from desktop_app.errors import UserError


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="按“工作任务清单”格式填写的 .xlsx")
    p.add_argument("--doc-no", default="", help="文号（与台账中已有文件相同时导入到该文件下）")
    p.add_argument("--title", default="", help="文件标题（默认取表格标题中《》内的名称）")
    p.add_argument("--issuer", default="", help="发文机关")
    p.add_argument("--date", default="", help="成文日期 YYYY-MM-DD")
    p.add_argument("--dry-run", action="store_true", help="只检查并预览，不写入台账")


@command("import-tasks", _import_args)
def cmd_import_tasks(args: argparse.Namespace) -> int:
    from desktop_app.services.tasks import task_import

    preview = task_import.read_sheet(args.file)
    if preview.errors:  # the first reason on stderr (the one line a caller reads); every problem on stdout
        for e in preview.errors:
            print(e.text())
        first = preview.errors[0].text()
        more = i18n.tr("（另有 {n} 处问题，见输出）").format(n=len(preview.errors) - 1) if len(preview.errors) > 1 else ""
        raise UserError(i18n.tr("{f}：{first}{more}，未导入任何数据").format(f=args.file, first=first, more=more))
    c = preview.counts()
    print(i18n.tr("检查通过：重点任务 {k} 项，具体任务 {t} 项，责任分工 {a} 条（{n} 行）").format(
        k=c["key_tasks"], t=c["tasks"], a=c["assignments"], n=c["lines"]))
    if args.dry_run:
        return 0
    ledger = ledger_for(args)
    try:
        task_import.import_tasks(ledger, preview, {"doc_no": args.doc_no, "title": args.title or preview.title,
                                                   "issuer": args.issuer, "issued_on": args.date})
    finally:
        ledger.close()
    print(i18n.tr("已导入"))
    return 0


@command("task-template", lambda p: p.add_argument("--out", required=True, help="模板文件 .xlsx"))
def cmd_task_template(args: argparse.Namespace) -> int:
    from desktop_app.services.tasks import task_template

    print(i18n.tr("已导出 {path}").format(path=task_template.write_template(args.out)))
    return 0
