"""导入调查表: filled-in 附件3 workbooks back into the ledger (CLI ``import-survey``, 数据交换 → 导入调查表).

``preview`` reads every file (folders are searched for .xlsx), attaches each
return to its enterprise by 统一社会信用代码, checks it with the survey
service's own rules (``surveys.clean``, as the window's survey dialog does) and
compares it with what the ledger holds: new, changed (fields marked) or
unchanged. A file with anything wrong is refused as a whole, with one line
naming file, sheet, row and field. Nothing is written before ``apply``, which
saves every accepted return through ``surveys.save`` in one transaction,
skips the unchanged ones and replaces a return of a signed-off (销号) period
only when asked to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app import i18n
from desktop_app.domain.codes import uscc_error
from desktop_app.domain.survey import DIRECTIONS, INSTITUTION_FIELDS, PROJECT_FIELDS, SurveyReturn
from desktop_app.errors import Cancelled, UserError, ValidationError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import catalogs
from desktop_app.services.enterprises import decisions, surveys
from desktop_app.services.ledger import Ledger
from desktop_app.services.survey_import_read import SheetReturn, place, read_workbook

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
STATUS_LABELS = {NEW: QT_TRANSLATE_NOOP("i18n", "新增"), CHANGED: QT_TRANSLATE_NOOP("i18n", "修改"),
                 UNCHANGED: QT_TRANSLATE_NOOP("i18n", "无变化")}
OTHER_LABELS = {"other_activities": QT_TRANSLATE_NOOP("i18n", "其他创新活动"),
                "filled_by": QT_TRANSLATE_NOOP("i18n", "填表人"), "phone": QT_TRANSLATE_NOOP("i18n", "联系电话"),
                "filled_on": QT_TRANSLATE_NOOP("i18n", "填表日期")}
Progress = Callable[[int, int], bool | None]


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class ReturnPreview:
    source: SheetReturn
    enterprise_id: str
    enterprise: str
    township: str
    ret: SurveyReturn                 # the return as it would be saved
    survey_id: str | None             # the return it replaces
    status: str
    changes: list[FieldChange] = field(default_factory=list)
    signed_off: bool = False          # the period is 已销号 on this return: replacing it needs a yes

    @property
    def status_label(self) -> str:
        return i18n.tr(STATUS_LABELS[self.status])


@dataclass
class FileResult:
    path: Path
    returns: list[ReturnPreview] = field(default_factory=list)
    error: str = ""                   # the one line saying why the file was refused


@dataclass
class ImportPreview:
    files: list[FileResult]

    @property
    def returns(self) -> list[ReturnPreview]:
        return [r for f in self.files if not f.error for r in f.returns]

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.error]

    @property
    def signed_off(self) -> list[ReturnPreview]:
        return [r for r in self.returns if r.signed_off and r.status != UNCHANGED]

    def counts(self) -> dict[str, int]:
        out = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for r in self.returns:
            out[r.status] += 1
        return {**out, "files": len(self.files), "refused": len(self.refused)}


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; a folder stands for the .xlsx files in it (and below), Excel's ~$ lock files left out."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.suffix.lower() in (".xlsx", ".xlsm") and f.is_file()
                          and not f.name.startswith("~$"))
        else:
            out.append(p)
    return out


def _enterprise(ledger: Ledger, src: SheetReturn) -> tuple[str, str, str]:
    if err := uscc_error(src.uscc):
        raise UserError(err, where=src.where("uscc"))
    row = ledger.conn.execute(
        "SELECT e.id, e.name, COALESCE(t.name, '') FROM enterprises e LEFT JOIN units t ON t.id = e.township_id "
        "WHERE e.uscc = ? AND e.deleted_at IS NULL", (src.uscc,)).fetchone()
    if row is None:
        raise UserError(i18n.tr("台账中没有统一社会信用代码为 {code} 的企业（{name}）；请先在“企业”页添加该企业").format(
            code=src.uscc, name=src.name_on_form or i18n.tr("表中未写企业名称")), where=src.where())
    return row[0], row[1], row[2]


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _rows_changes(noun: str, fields, old: tuple, new: tuple) -> list[FieldChange]:
    out = []
    for i in range(max(len(old), len(new))):
        a, b = (old[i] if i < len(old) else None), (new[i] if i < len(new) else None)
        head = i18n.tr("{noun} {n}").format(noun=i18n.tr(noun), n=i + 1)
        if b is None:
            out.append(FieldChange(head, a.name, i18n.tr("（删除）")))
            continue
        for k, label, _ in fields:
            if a is None and _fmt(getattr(b, k)) in ("", "0"):
                continue  # a new row: what was filled in
            if a is None or _fmt(getattr(a, k)) != _fmt(getattr(b, k)):
                out.append(FieldChange(f"{head}：{i18n.tr(label)}", "" if a is None else _fmt(getattr(a, k)),
                                       _fmt(getattr(b, k))))
    return out


def _activities_text(numbers, names: list[str]) -> str:
    return "、".join(names[n - 1] if 0 < n <= len(names) else str(n) for n in numbers)


def changes(old: SurveyReturn | None, new: SurveyReturn, names: list[str]) -> list[FieldChange]:
    """Every field where ``new`` differs from the ledger's return (all filled fields for a new return)."""
    base = old or SurveyReturn(enterprise_id=new.enterprise_id, period=new.period)
    out = _rows_changes(surveys.SECTIONS["institutions"][0], INSTITUTION_FIELDS, base.institutions, new.institutions)
    out += _rows_changes(surveys.SECTIONS["projects"][0], PROJECT_FIELDS, base.projects, new.projects)
    for k, label in DIRECTIONS:
        if (base.directions.get(k) or "") != (new.directions.get(k) or ""):
            out.append(FieldChange(i18n.tr(label), base.directions.get(k) or "", new.directions.get(k) or ""))
    if tuple(base.other_activities) != tuple(new.other_activities):
        out.append(FieldChange(i18n.tr(OTHER_LABELS["other_activities"]),
                               _activities_text(base.other_activities, names), _activities_text(new.other_activities, names)))
    for k in ("filled_by", "phone", "filled_on"):
        if (getattr(base, k) or "") != (getattr(new, k) or ""):
            out.append(FieldChange(i18n.tr(OTHER_LABELS[k]), getattr(base, k) or "", getattr(new, k) or ""))
    return out


def _check(ledger: Ledger, src: SheetReturn, names: list[str]) -> ReturnPreview:
    eid, name, township = _enterprise(ledger, src)
    try:
        ret = surveys.clean(ledger, eid, src.values)
    except ValidationError as exc:
        raise UserError(exc.message, where=src.where(exc.field)) from None
    except UserError as exc:
        raise UserError(exc.message, where=src.where()) from None
    old = surveys.find(ledger, eid, ret.period)
    diff = changes(old, ret, names)
    status = NEW if old is None else CHANGED if diff else UNCHANGED
    decision = decisions.in_force(ledger, eid, ret.period) if old is not None else None
    signed = bool(decision and decision.confirmed and decision.period == ret.period)
    return ReturnPreview(src, eid, name, township, ret, old.id if old else None, status, diff, signed)


def read_file(ledger: Ledger, path: Path, names: list[str] | None = None) -> FileResult:
    """One workbook checked against the ledger; never raises for what is in the file."""
    names = names if names is not None else catalogs.other_activities()
    result = FileResult(path)
    try:
        result.returns = [_check(ledger, src, names) for src in read_workbook(path, names)]
    except UserError as exc:
        result.error, result.returns = str(exc), []
    return result


def preview(ledger: Ledger, paths: Iterable[Path | str], progress: Progress | None = None) -> ImportPreview:
    files = expand(paths)
    if not files:
        raise UserError(i18n.tr("没有找到要导入的调查表（.xlsx）文件"))
    names = catalogs.other_activities()
    results: list[FileResult] = []
    seen: dict[tuple[str, str], SheetReturn] = {}
    for i, path in enumerate(files):
        if progress is not None and progress(i, len(files)) is False:
            raise Cancelled()
        result = read_file(ledger, path, names)
        for r in result.returns:
            other = seen.get((r.enterprise_id, r.ret.period))
            if other is not None:
                result.error = i18n.tr("{where}：与{other}是同一企业（{name}）同一报送期的调查表，请只保留一份").format(
                    where=place(str(path), r.source.sheet), other=place(other.file, other.sheet), name=r.enterprise)
                result.returns = []
                break
        for r in result.returns:
            seen[(r.enterprise_id, r.ret.period)] = r.source
        results.append(result)
    if progress is not None:
        progress(len(files), len(files))
    return ImportPreview(results)


@dataclass(frozen=True)
class ImportResult:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    kept_signed_off: int = 0  # returns of signed-off periods left as they were


def apply(ledger: Ledger, pv: ImportPreview, *, replace_signed_off: bool = False) -> ImportResult:
    """Save the accepted returns in one transaction; unchanged ones write nothing."""
    counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0, "kept": 0}
    todo = []
    for r in pv.returns:
        if r.status == UNCHANGED:
            counts[UNCHANGED] += 1
        elif r.signed_off and not replace_signed_off:
            counts["kept"] += 1
        else:
            todo.append(r)
    if todo:
        with ledger.write():
            for r in todo:
                current = surveys.find_id(ledger, r.enterprise_id, r.ret.period)
                try:
                    surveys.save(ledger, r.enterprise_id, r.source.values, current)
                except ValidationError as exc:
                    raise UserError(exc.message, where=r.source.where(exc.field)) from None
                counts[NEW if current is None else CHANGED] += 1
    return ImportResult(counts[NEW], counts[CHANGED], counts[UNCHANGED], counts["kept"])
