"""Table forms as plain data: the one description both PDF and Excel print.

A form's layout (columns, merged header, body merges, totals, furniture) is
data, so it can sit next to the form's code and be compared with the seed
document line by line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from desktop_app import i18n
from desktop_app.errors import Cancelled  # noqa: F401  (re-exported: reports raise it)

Kind = Literal["text", "int", "money", "percent"]
Align = Literal["left", "center", "right"]
Orientation = Literal["portrait", "landscape"]


@dataclass(frozen=True)
class Tagged:
    """A number printed with a word after it ("2（并列）"): Excel keeps the number, the word in its format."""

    value: int | float
    tag: str


@dataclass(frozen=True)
class Computed:
    """A cell the form computes from others (a 合计 row above its lines, a rate): the PDF prints
    ``value``; Excel gets ``formula``, where ``{r,c}`` names body row r, column c (0-based), e.g.
    ``=SUM({1,2}:{13,2})``, so the sheet stays right when a clerk corrects a line."""

    value: CellValue
    formula: str


CellValue = str | int | float | Decimal | Tagged | Computed | None

ProgressFn = Callable[[int, int], bool]
"""``progress(done, total)``; return False to cancel. ``total`` is 0 when unknown."""




@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: float = 1.0  # relative weight, shares what fixed widths leave
    width_mm: float | None = None  # fixed width; wins over ``width``
    align: Align = "center"
    kind: Kind = "text"  # money: 万元, 2 decimals; percent: a fraction, 0.1234 -> 12.34%


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the (possibly multi-level) header grid."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Span:
    """A merged block of body cells; the value sits in its top-left cell."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Totals:
    """A 合计 row: the label spans the first ``label_cols`` columns."""

    sum_keys: Sequence[str]
    label: str | None = None  # None prints i18n.tr("合计")
    label_cols: int = 1


@dataclass(frozen=True)
class Furniture:
    """Form furniture. None leaves an item off; "" prints its label with room to write."""

    unit: str | None = None  # 填报单位（盖章）, above the table, left
    period: str | None = None  # 报送期, above the table, right
    filler: str | None = None  # 填报人, sign-off line below the table
    phone: str | None = None  # 联系电话
    reviewer: str | None = None  # 审核人
    date: str | None = None  # 填报日期


@dataclass(frozen=True)
class TableForm:
    form_id: str  # stable id, e.g. "task-list"; read back from the Excel meta sheet
    version: str
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[CellValue]] = ()
    header: Sequence[HeaderCell] = ()  # empty: one header row of column titles
    spans: Sequence[Span] = ()
    totals: Totals | None = None
    subtitle: str = ""
    notes: Sequence[str] = ()  # printed under the table, e.g. a ranking rule
    orientation: Orientation = "portrait"
    furniture: Furniture = field(default_factory=Furniture)
    unit: str = ""  # metadata for the Excel meta sheet
    period: str = ""
    label: str = ""  # e.g. "附件2", printed top left in 黑体
    sheet_name: str = ""  # Excel sheet name; defaults to the title


def header_cells(form: TableForm) -> list[HeaderCell]:
    """The header grid, defaulting to one row of column titles."""
    if form.header:
        return list(form.header)
    return [HeaderCell(c.title, 0, i) for i, c in enumerate(form.columns)]


def header_rows(form: TableForm) -> int:
    return max(c.row + c.rowspan for c in header_cells(form))


def _check_cover(cells: Sequence[HeaderCell | Span], n_rows: int, n_cols: int, what: str) -> None:
    seen: set[tuple[int, int]] = set()
    for c in cells:
        if c.rowspan < 1 or c.colspan < 1 or c.row < 0 or c.col < 0:
            raise ValueError(f"{what}: bad span {c}")
        if c.row + c.rowspan > n_rows or c.col + c.colspan > n_cols:
            raise ValueError(f"{what}: {c} runs outside the {n_rows}x{n_cols} grid")
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if (r, k) in seen:
                    raise ValueError(f"{what}: {c} overlaps another cell at ({r}, {k})")
                seen.add((r, k))


def validate(form: TableForm) -> None:
    """Catch layout mistakes in code (not clerk errors) before anything is drawn."""
    n = len(form.columns)
    if n == 0:
        raise ValueError(f"{form.form_id}: no columns")
    cells = header_cells(form)
    _check_cover(cells, header_rows(form), n, f"{form.form_id} header")
    covered = sum(c.rowspan * c.colspan for c in cells)
    if covered != header_rows(form) * n:
        raise ValueError(f"{form.form_id} header: the header cells leave holes")
    for i, row in enumerate(form.rows):
        if len(row) != n:
            raise ValueError(f"{form.form_id}: row {i} has {len(row)} values, expected {n}")
    _check_cover(form.spans, len(form.rows), n, f"{form.form_id} spans")
    if form.totals:
        keys = {c.key for c in form.columns}
        unknown = set(form.totals.sum_keys) - keys
        if unknown:
            raise ValueError(f"{form.form_id} totals: unknown columns {sorted(unknown)}")
        if not 1 <= form.totals.label_cols <= n:
            raise ValueError(f"{form.form_id} totals: bad label_cols")


def covered_cells(spans: Sequence[Span]) -> set[tuple[int, int]]:
    """Cells hidden under a merge (all cells of each span but its top-left one)."""
    out: set[tuple[int, int]] = set()
    for s in spans:
        for r in range(s.row, s.row + s.rowspan):
            for c in range(s.col, s.col + s.colspan):
                if (r, c) != (s.row, s.col):
                    out.add((r, c))
    return out


def format_value(value: CellValue, kind: Kind) -> str:
    """How a value prints in the PDF (Excel keeps the number and a number format)."""
    if isinstance(value, Computed):
        return format_value(value.value, kind)
    if isinstance(value, Tagged):
        return format_value(value.value, kind if kind != "text" else "int") + value.tag
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if kind == "money":
        return f"{Decimal(str(value)):.2f}"
    if kind == "percent":
        return f"{Decimal(str(value)) * 100:.2f}%"
    if kind == "int":
        return str(int(value))
    return str(value)


def totals_values(form: TableForm) -> list[CellValue]:
    """Sums for the totals row (PDF); Excel writes SUM formulas instead."""
    assert form.totals is not None
    hidden = covered_cells(form.spans)
    keys = set(form.totals.sum_keys)
    out: list[CellValue] = []
    for c, col in enumerate(form.columns):
        if col.key not in keys:
            out.append(None)
            continue
        total = Decimal(0)
        for r, row in enumerate(form.rows):
            v = row[c]
            if (r, c) not in hidden and isinstance(v, int | float | Decimal):
                total += Decimal(str(v))
        out.append(int(total) if col.kind == "int" else total)
    return out


def _item(label: str, value: str | None) -> str | None:
    return None if value is None else f"{label}：{value}"


def furniture_above(form: TableForm) -> list[str]:
    """填报单位（盖章） and 报送期, printed on the line above the table."""
    f = form.furniture
    items = [_item(i18n.tr("填报单位（盖章）"), f.unit), _item(i18n.tr("报送期"), f.period)]
    return [i for i in items if i]


def furniture_below(form: TableForm) -> list[str]:
    """The sign-off line under the table; a blank value leaves room to write."""
    f = form.furniture
    items = [
        _item(i18n.tr("填报人"), f.filler),
        _item(i18n.tr("联系电话"), f.phone),
        _item(i18n.tr("审核人"), f.reviewer),
        _item(i18n.tr("填报日期"), f.date),
    ]
    return [i for i in items if i]


def display_width(text: str) -> int:
    """Width in half-width units: a CJK character counts two, as Excel's columns do."""
    return sum(1 if ord(ch) < 0x2E80 and not 0xFF00 <= ord(ch) <= 0xFFEF else 2 for ch in text)
