"""Forms that are not one table: sections of label/value grids (004 附件3).

An official questionnaire such as the 企业创新活动开展情况调查表 is a stack of
small ruled grids under section headings, with labels and the values beside
or under them, checkbox lists, and repeatable blocks (one per R&D
institution). Such a form is described here as data — a grid of columns, and
per section the groups of rows that must stay together on a page — and
printed by ``pdf_grid_form`` and ``xlsx_grid_form``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from desktop_app.reports.model import CellValue, Kind, Orientation

Role = Literal["label", "value", "text", "checks"]
"""label: printed caption (黑体, centred); value: a short answer (centred, numbers
right); text: a long answer (left, top); checks: a list of checkboxes."""


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    value: CellValue = ""
    rowspan: int = 1
    colspan: int = 1
    role: Role = "value"
    kind: Kind = "text"                        # int | money: printed as a number
    checks: tuple[tuple[bool, str], ...] = ()  # (ticked, caption) for role "checks"
    check_cols: int = 1                        # checkboxes side by side, in reading order
    min_lines: int = 1                         # room to write by hand on a blank form


@dataclass(frozen=True)
class GridGroup:
    """Rows printed together (a page break never falls inside a group)."""

    rows: int
    cells: tuple[GridCell, ...]
    separated: bool = False  # a heavier rule above (e.g. between two institutions)


@dataclass(frozen=True)
class GridSection:
    heading: str
    groups: tuple[GridGroup, ...]


@dataclass(frozen=True)
class GridForm:
    form_id: str
    version: str
    title: str
    columns: tuple[float, ...]                     # relative widths of the grid columns
    sections: tuple[GridSection, ...]
    label: str = ""                                # e.g. 附件3, top left
    lines_above: tuple[tuple[str, ...], ...] = ()  # furniture lines, items spread over the width
    lines_below: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()
    orientation: Orientation = "portrait"
    unit: str = ""                                 # Excel meta sheet
    period: str = ""
    sheet_name: str = ""
    running_head: str = ""                         # PDF: printed atop the form's later pages (whose form)


class GridBatch:
    """Many forms made one at a time, so a 1,000-form batch stays flat in memory."""

    def __init__(self, count: int, make: Callable[[int], GridForm]):
        self.count, self.make = count, make

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[GridForm]:
        return (self.make(i) for i in range(self.count))


def validate(form: GridForm) -> None:
    """Layout mistakes in code (not clerk errors): cells outside the grid or overlapping."""
    n = len(form.columns)
    for s in form.sections:
        for g in s.groups:
            seen: set[tuple[int, int]] = set()
            for c in g.cells:
                if c.col + c.colspan > n or c.row + c.rowspan > g.rows or min(c.row, c.col) < 0:
                    raise ValueError(f"{form.form_id}: {c} outside the {g.rows}x{n} group")
                for r in range(c.row, c.row + c.rowspan):
                    for k in range(c.col, c.col + c.colspan):
                        if (r, k) in seen:
                            raise ValueError(f"{form.form_id}: {c} overlaps at ({r}, {k})")
                        seen.add((r, k))
            if len(seen) != g.rows * n:
                raise ValueError(f"{form.form_id}: group in {s.heading!r} leaves holes")


def as_forms(data: GridForm | Sequence[GridForm] | GridBatch) -> tuple[Iterator[GridForm], int]:
    if isinstance(data, GridForm):
        return iter([data]), 1
    return iter(data), len(data)
