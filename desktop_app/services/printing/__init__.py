"""Official forms from the ledger: one module per form in this package.

Each module defines ``SPEC = ReportSpec(...)``: the CLI name (CLI.md), the
Chinese title, the parameters it takes, and ``build(ledger, params)`` which
reads the ledger and returns the plain data the form engine prints (a
``TableForm``, a list of them, or a ``DocumentForm``). The CLI ``report``
command and the window's 报表 menu both list ``registry()`` and call
:func:`write_report`, so the two always print the same thing.
"""

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app import i18n
from desktop_app.domain import periods as period_rule
from desktop_app.domain.file_names import safe_name
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import units
from desktop_app.services.ledger import Ledger
from desktop_app.services.periods import latest_period

PARAM_LABELS = {"period": QT_TRANSLATE_NOOP("i18n", "报送期"), "year": QT_TRANSLATE_NOOP("i18n", "年度"),
                "enterprise": QT_TRANSLATE_NOOP("i18n", "企业"), "township": QT_TRANSLATE_NOOP("i18n", "乡镇"),
                "doc_no": QT_TRANSLATE_NOOP("i18n", "发文字号")}

if TYPE_CHECKING:  # the form engine (reportlab, openpyxl) loads when a form is printed, not at start-up
    from desktop_app.reports import ProgressFn

PARAMS = ("period", "year", "enterprise", "township", "doc_no")


@dataclass(frozen=True)
class ReportSpec:
    name: str                       # CLI FORM name, e.g. "task-list"
    title: str                      # 工作任务清单
    build: Callable[[Ledger, dict[str, Any]], Any]
    params: tuple[str, ...] = ()    # subset of PARAMS the form uses
    required: tuple[str, ...] = ()  # params without a default
    formats: tuple[str, ...] = ("pdf", "xlsx")
    order: int = 100                # position in the 报表 menu
    batch: Callable[[Ledger, dict[str, Any]], Any] | None = None  # optional many-forms variant
    extra: dict[str, Any] = field(default_factory=dict)
    file_name: Callable[[Ledger, dict[str, Any]], str] | None = None  # suggested name, without the suffix
    after_write: Callable[[Ledger, dict[str, Any]], None] | None = None  # e.g. remember the brief's 文号


@cache
def registry() -> dict[str, ReportSpec]:
    specs = []
    for mod in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{mod.name}")
        spec = getattr(module, "SPEC", None)
        if isinstance(spec, ReportSpec):
            specs.append(spec)
    return {s.name: s for s in sorted(specs, key=lambda s: (s.order, s.name))}


# which ledgers a form fits (issue 10): a county's forms rank its bureaus and judge county targets;
# task forms need assignments, enterprise forms a territory; a form not named here fits every ledger
FITS = {"ranking": "county", "monthly-brief": "county", "targets": "county", "rewards": "county",
        "submissions": "county",
        "task-list": "assignments", "task-progress": "assignments",
        "survey": "enterprises", "coverage-summary": "enterprises", "high-tech": "enterprises",
        "talent": "talent", "platforms": "platforms"}


def fits(ledger: Ledger, spec: ReportSpec) -> bool:
    if ledger.unit.level in ("county", "city"):
        return True
    need = FITS.get(spec.name)
    return need is None or (need != "county" and need in units.reports_of(ledger))


def available(ledger: Ledger) -> list[ReportSpec]:
    """The forms the 报表 menu offers this ledger, in menu order."""
    return [s for s in registry().values() if fits(ledger, s)]


def check_period(value: str) -> str:
    """The report's ``--period`` (``domain.periods``: the same forms and refusals as every tab)."""
    try:
        return period_rule.check_period(value)
    except period_rule.PeriodError as exc:
        raise UserError(str(exc)) from None


def resolve_params(ledger: Ledger, spec: ReportSpec, given: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults (CLI.md): period = latest with data (else last month, ``domain.periods``),
    year = the year of the latest period with data (else this year)."""
    params = {k: v for k, v in given.items() if v not in (None, "")}
    for key in PARAMS:  # an option the form has no use for is refused, never silently dropped
        if key in params and key not in spec.params:
            raise UserError(i18n.tr("“{t}”不按{what}打印，不能指定{what}（--{opt}），请去掉后重试").format(
                t=i18n.tr(spec.title), what=i18n.tr(PARAM_LABELS[key]), opt=key.replace("_", "-")))
    if "period" in params:
        params["period"] = check_period(str(params["period"]))
    elif "period" in spec.params or "year" in spec.params:
        latest = latest_period(ledger)
        if "period" in spec.params:
            params["period"] = period_rule.default_period(None, latest)
        params.setdefault("_latest", latest)
    if "year" in spec.params and "year" not in params:
        base = params.get("period") or params.get("_latest")
        params["year"] = int(base[:4]) if base else date.today().year
    if "year" in params:
        try:
            params["year"] = int(params["year"])
        except (TypeError, ValueError):
            raise UserError(i18n.tr("年份“{y}”应为四位数字").format(y=params["year"])) from None
    params.pop("_latest", None)
    for need in spec.required:
        if need not in params:
            raise UserError(i18n.tr("打印“{t}”需要填写{what}").format(t=spec.title, what=i18n.tr(PARAM_LABELS.get(need, need))),
                            option=f"--{need}")
    return params


def write_report(ledger: Ledger, name: str, fmt: str, out: Path | str, given: dict[str, Any] | None = None,
                 progress: "ProgressFn | None" = None, *, batch: bool = False, remember: bool = True) -> Path:
    """Build the form from the ledger and write it; nothing is left on failure. ``remember``: run the
    form's ``after_write`` (the brief keeps its 文号) — the CLI, reading without the lock, does it itself."""
    from desktop_app.reports import DocumentForm, write_document_pdf, write_pdf, write_xlsx
    from desktop_app.reports.grid_form import GridBatch, GridForm
    from desktop_app.reports.pdf_grid_form import write_grid_pdf
    from desktop_app.reports.xlsx_grid_form import write_grid_xlsx

    spec = registry().get(name)
    if spec is None:
        raise UserError(i18n.tr("没有名为“{n}”的报表。可用：{all}").format(n=name, all="、".join(registry())))
    if fmt not in spec.formats:
        raise UserError(i18n.tr("报表“{t}”不支持 {f} 格式").format(t=spec.title, f=fmt))
    if not fits(ledger, spec):
        raise UserError(i18n.tr("“{t}”由县级台账打印，本台账（{unit}，{level}）不提供").format(
            t=i18n.tr(spec.title), unit=ledger.unit.name, level=ledger.unit.level_label))
    params = resolve_params(ledger, spec, given or {})
    own_writer = spec.extra.get(f"write_{fmt}")  # a form with a workbook of its own (the fill-in survey)
    if own_writer is not None:
        return own_writer(ledger, params, Path(out), progress, batch=batch)
    build = spec.batch if batch and spec.batch else spec.build
    data = build(ledger, params)
    out = Path(out)
    if not out.parent.is_dir():
        raise UserError(i18n.tr("文件夹不存在：{path}").format(path=out.parent))
    if isinstance(data, DocumentForm):
        written = write_document_pdf(data, out)
    elif isinstance(data, GridForm | GridBatch):  # questionnaire-like forms (004 附件3)
        if fmt == "pdf":
            written = write_grid_pdf(data, out, progress, duplex=bool(params.get("duplex")))
        else:
            written = write_grid_xlsx(data, out, progress)
    elif fmt == "pdf":
        written = write_pdf(data, out, progress)
    else:
        written = write_xlsx(data, out, progress)
    if remember and spec.after_write is not None:
        spec.after_write(ledger, params)
    return written


def default_file_name(ledger: Ledger, spec: ReportSpec, params: dict[str, Any], fmt: str) -> str:
    if spec.file_name is not None:
        name = f"{spec.file_name(ledger, params)}.{fmt}"
    else:
        suffix = params.get("period") or params.get("year") or date.today().isoformat()
        name = f"{ledger.unit.name}{spec.title}{suffix}.{fmt}"
    return safe_name(re.sub(r"[/\\]", "_", name))  # our own name: a unit's “/” is a character, not a folder


__all__ = ["ReportSpec", "registry", "write_report", "latest_period", "resolve_params"]
