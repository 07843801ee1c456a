"""Units (county, townships, zones) and departments of the ledger."""

from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.errors import ValidationError
from desktop_app.services.ledger import Ledger


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


def townships(ledger: Ledger) -> list[Choice]:
    """Townships and zones under this ledger's unit (or the unit itself for a township)."""
    rows = ledger.conn.execute(
        "SELECT id, name FROM units WHERE deleted_at IS NULL AND level IN ('township', 'zone') "
        "AND (parent_id = ? OR id = ?) ORDER BY level = 'zone', seq, name",
        (ledger.unit.id, ledger.unit.id),
    )
    return [Choice(r[0], r[1]) for r in rows]


def departments(ledger: Ledger) -> list[Choice]:
    rows = ledger.conn.execute(
        "SELECT id, name FROM departments WHERE deleted_at IS NULL ORDER BY seq, name")
    return [Choice(r[0], r[1]) for r in rows]


def unit_id_by_name(ledger: Ledger, name: str) -> str | None:
    row = ledger.conn.execute(
        "SELECT id FROM units WHERE name = ? AND deleted_at IS NULL", (name,)).fetchone()
    return row[0] if row else None


def ensure_department(ledger: Ledger, name: str) -> str:
    """The id of department ``name``, created (audited) when new."""
    name = name.strip()
    if not name:
        raise ValidationError("department", i18n.tr("请填写责任单位"))
    row = ledger.conn.execute(
        "SELECT id FROM departments WHERE name = ? AND deleted_at IS NULL", (name,)).fetchone()
    if row:
        return row[0]
    seq = ledger.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM departments").fetchone()[0]
    dept_id = ledger.writer.insert("departments", {"name": name, "seq": seq})
    if ledger.unit.level == "county":
        ledger.writer.update("departments", dept_id, {"unit_ref": _reporting_unit_for(ledger, dept_id, name, seq)})
    return dept_id


def _reporting_unit_for(ledger: Ledger, dept_id: str, name: str, seq: int) -> str:
    """A county's 责任单位 reports its assignments: the unit of that name, or a new 县直部门 unit."""
    w = ledger.writer
    row = ledger.conn.execute("SELECT id, reports FROM units WHERE name = ? AND deleted_at IS NULL", (name,)).fetchone()
    if row:
        w.update("units", row[0], {"reports": _with(row[1], ASSIGNMENTS)})
        return row[0]
    return w.insert("units", {"id": dept_id, "name": name, "level": "department", "parent_id": ledger.unit.id,
                              "seq": 100 + seq, "unit_id": dept_id, "reports": ASSIGNMENTS})


ASSIGNMENTS, TERRITORY = "assignments", "enterprises,talent,platforms"


def _with(reports: str, more: str) -> str:
    have = [r for r in reports.split(",") if r]
    return ",".join(have + [m for m in more.split(",") if m not in have])


def add_township(ledger: Ledger, name: str, *, level: str = "township", code: str = "") -> str:
    name = name.strip()
    if not name:
        raise ValidationError("name", i18n.tr("请填写乡镇名称"))
    if unit_id_by_name(ledger, name) and not department_unit(ledger, name):
        raise ValidationError("name", i18n.tr("单位“{name}”已存在").format(name=name))
    seq = ledger.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM units WHERE level != 'department'").fetchone()[0]
    with ledger.write() as w:
        if dept := department_unit(ledger, name):  # a 责任单位 that turns out to be a zone or township: one unit
            w.update("units", dept[0], {"level": level, "code": code or None, "seq": seq,
                                        "reports": _with(dept[1], TERRITORY)})
            return dept[0]
        unit_id = w.insert("units", {"name": name, "level": level, "code": code or None,
                                     "parent_id": ledger.unit.id, "seq": seq, "reports": TERRITORY})
        ledger.conn.execute("UPDATE units SET unit_id = id WHERE id = ?", (unit_id,))
    return unit_id


def department_unit(ledger: Ledger, name: str) -> tuple[str, str] | None:
    row = ledger.conn.execute("SELECT id, reports FROM units WHERE name = ? AND level = 'department' "
                              "AND deleted_at IS NULL", (name,)).fetchone()
    return (row[0], row[1]) if row else None
