"""企业创新活动开展情况调查表 (004 附件3): one enterprise, or every enterprise of a township."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app import i18n
from desktop_app.domain.codes import normalize_uscc, uscc_error
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.reports.grid_form import GridBatch, GridForm
from desktop_app.reports.survey_form import SurveyPrint, build_survey_form
from desktop_app.services import catalogs, evidence, units
from desktop_app.services.enterprises import surveys
from desktop_app.services.ledger import Ledger
from desktop_app.services.printing import ReportSpec

_ENTERPRISE = ("SELECT e.id, e.name, e.uscc, e.industry, COALESCE(tw.name, '') FROM enterprises e "
               "LEFT JOIN units tw ON tw.id = e.township_id WHERE e.deleted_at IS NULL")


def county_name(ledger: Ledger) -> str:
    """所属县（市、区）: this unit for a county ledger, its parent for a township's."""
    if ledger.unit.level in ("county", "city"):
        return ledger.unit.name
    return ledger.unit.parent_name or ""


def survey_print(ledger: Ledger, row: tuple, period: str) -> SurveyPrint:
    eid, name, uscc, industry, township = row
    ret = surveys.find(ledger, eid, period)
    files = tuple(f.file_name for f in evidence.list_files(ledger, "surveys", ret.id)) if ret else ()
    return SurveyPrint(enterprise=name, uscc=uscc, county=county_name(ledger), industry=industry, period=period,
                       ret=ret, activity_names=tuple(catalogs.other_activities()), evidence=files,
                       township=township, unit=ledger.unit.name)


def _enterprise_row(ledger: Ledger, params: dict[str, Any]) -> tuple | None:
    """The one enterprise asked for; None when only a township is given (its batch)."""
    code = normalize_uscc(str(params.get("enterprise") or ""))
    if not code and params.get("township"):
        return None
    if not code:
        raise UserError(i18n.tr("请选择要打印的企业（名称或统一社会信用代码）；要打印一个乡镇的全部调查表，请选择乡镇"),
                        option="--enterprise 或 --all")
    if err := uscc_error(code):
        raise UserError(err)
    row = ledger.conn.execute(_ENTERPRISE + " AND e.uscc = ?", (code,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("台账中没有统一社会信用代码为 {code} 的企业").format(code=code))
    return tuple(row)


def build(ledger: Ledger, params: dict[str, Any]) -> GridForm | GridBatch:
    """One enterprise's form; with only a township given (the 报表 menu), that township's batch."""
    row = _enterprise_row(ledger, params)
    if row is None:
        return batch(ledger, params)
    return build_survey_form(survey_print(ledger, row, params["period"]))


def write_xlsx(ledger: Ledger, params: dict[str, Any], out: Path, progress=None, *, batch: bool = False) -> Path:
    """The workbook an enterprise fills in (``reports.survey_xlsx``): one sheet, or one per enterprise of the batch."""
    from desktop_app.reports.survey_xlsx import write_survey_xlsx

    period = params["period"]
    row = None if batch else _enterprise_row(ledger, params)
    if row is None:
        rows = batch_rows(ledger, period, params.get("township"))
        if not rows:
            raise UserError(i18n.tr("{where}没有需要打印调查表的企业").format(
                where=params.get("township") or i18n.tr("本台账")))
    else:
        rows = [row]
    if not out.parent.is_dir():
        raise UserError(i18n.tr("文件夹不存在：{path}").format(path=out.parent))
    return write_survey_xlsx([survey_print(ledger, r, period) for r in rows], out, progress)


def batch_rows(ledger: Ledger, period: str, township: str | None) -> list[tuple]:
    """Enterprises of the batch: every 规上 enterprise (a blank form when it has not returned)
    and any other enterprise that has a return, by township then name."""
    sql = _ENTERPRISE + (" AND (e.above_scale = 1 OR EXISTS (SELECT 1 FROM surveys s WHERE s.enterprise_id = e.id "
                         "AND s.period = ? AND s.deleted_at IS NULL))")
    args: list[Any] = [period]
    if township:
        tid = units.unit_id_by_name(ledger, township)
        if tid is None:
            raise UserError(i18n.tr("没有名为“{name}”的乡镇").format(name=township))
        sql += " AND e.township_id = ?"
        args.append(tid)
    sql += " ORDER BY tw.level = 'zone', tw.seq, e.name"
    return [tuple(r) for r in ledger.conn.execute(sql, args)]


def batch(ledger: Ledger, params: dict[str, Any]) -> GridBatch:
    period, township = params["period"], params.get("township")
    rows = batch_rows(ledger, period, township)
    if not rows:
        raise UserError(i18n.tr("{where}没有需要打印调查表的企业").format(where=township or i18n.tr("本台账")))
    return GridBatch(len(rows), lambda i: build_survey_form(survey_print(ledger, rows[i], period)))


SPEC = ReportSpec(name="survey", title=QT_TRANSLATE_NOOP("i18n", "企业创新活动开展情况调查表"), build=build,
                  params=("period", "enterprise", "township"), order=20, batch=batch,
                  extra={"write_xlsx": write_xlsx})
