"""Units (county, townships, zones) and departments of the ledger."""

from dataclasses import dataclass

from desktop_app import i18n
from desktop_app.domain.codes import division_code_error
from desktop_app.errors import UserError, ValidationError
from desktop_app.services.ledger import Ledger


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


def townships(ledger: Ledger) -> list[Choice]:
    """Townships and zones under this ledger's unit (or the unit itself for a township; at a city, those
    of its counties, county by county)."""
    rows = ledger.conn.execute(
        "SELECT t.id, t.name FROM units t LEFT JOIN units c ON c.id = t.parent_id "
        "WHERE t.deleted_at IS NULL AND t.level IN ('township', 'zone') "
        "AND (t.parent_id = ? OR t.id = ? OR c.parent_id = ?) ORDER BY c.parent_id = ?, c.seq, t.level = 'zone', "
        "t.seq, t.name", (ledger.unit.id, ledger.unit.id, ledger.unit.id, ledger.unit.id),
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
EVERYTHING = f"{ASSIGNMENTS},{TERRITORY}"


def _with(reports: str, more: str) -> str:
    have = [r for r in reports.split(",") if r]
    return ",".join(have + [m for m in more.split(",") if m not in have])


MEMBER_LEVELS = {"county": ("township", "zone"), "city": ("county", "zone")}  # who reports to whom


def add_township(ledger: Ledger, name: str, *, level: str = "township", code: str = "") -> str:
    """A reporting unit under this ledger's unit: a 乡（镇） or 开发区 of a county, a 县（市、区） of a city."""
    name, code = name.strip(), code.strip()
    if level not in MEMBER_LEVELS.get(ledger.unit.level, ()):
        raise UserError(i18n.tr("{unit}的报送单位不能是这一级别：县（市、区）报市，乡镇、开发区报县").format(
            unit=ledger.unit.name), option="--level")
    if not name:
        raise ValidationError("name", i18n.tr("请填写单位名称"))
    if err := division_code_error(code):
        raise ValidationError("code", err)
    if unit_id_by_name(ledger, name) and not department_unit(ledger, name):
        raise ValidationError("name", i18n.tr("单位“{name}”已存在").format(name=name))
    seq = ledger.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM units WHERE level != 'department'").fetchone()[0]
    with ledger.write() as w:
        if dept := department_unit(ledger, name):  # a 责任单位 that turns out to be a zone or township: one unit
            w.update("units", dept[0], {"level": level, "code": code or None, "seq": seq,
                                        "reports": _with(dept[1], TERRITORY)})
            return dept[0]
        reports = EVERYTHING if level == "county" else TERRITORY  # a county reports all it holds to its city
        unit_id = w.insert("units", {"name": name, "level": level, "code": code or None,
                                     "parent_id": ledger.unit.id, "seq": seq, "reports": reports})
        ledger.conn.execute("UPDATE units SET unit_id = id WHERE id = ?", (unit_id,))
    return unit_id


def department_unit(ledger: Ledger, name: str) -> tuple[str, str] | None:
    row = ledger.conn.execute("SELECT id, reports FROM units WHERE name = ? AND level = 'department' "
                              "AND deleted_at IS NULL", (name,)).fetchone()
    return (row[0], row[1]) if row else None


def reports_of(ledger: Ledger) -> set[str]:
    """What this ledger's unit reports upward: assignments, enterprises, talent, platforms."""
    row = ledger.conn.execute("SELECT reports FROM units WHERE id = ?", (ledger.unit.id,)).fetchone()
    return {r for r in (row[0] if row else "").split(",") if r}


REPORT_LABELS = {"assignments": "任务推进", "enterprises": "辖区企业", "talent": "人才", "platforms": "平台"}


def register_builtin_members(ledger: Ledger) -> int:
    """A new 晋城市 ledger: its 县（市、区） of 004 as reporting units (once; by name)."""
    if ledger.unit.level != "city" or ledger.unit.name != "晋城市":
        return 0
    from desktop_app.services import catalogs

    added = 0
    for entry in catalogs.names("jincheng_counties"):
        name, code = entry.split()
        if not unit_id_by_name(ledger, name):
            add_township(ledger, name, level="county", code=code)
            added += 1
    return added


@dataclass(frozen=True)
class ReportingUnit:
    id: str
    name: str
    level: str
    code: str
    contact_person: str
    contact_phone: str
    reports: tuple[str, ...]
    last_sent: str          # when the last distribution package went to it ('' never)
    last_seq: int

    @property
    def reports_label(self) -> str:
        return "、".join(i18n.tr(REPORT_LABELS.get(r, r)) for r in self.reports)


def reporting_units(ledger: Ledger) -> list[ReportingUnit]:
    """A county's reporting units: 乡镇/开发区 first, then the 责任单位, with their last distribution."""
    rows = ledger.conn.execute(
        "SELECT u.id, u.name, u.level, COALESCE(u.code, ''), u.contact_person, u.contact_phone, u.reports, "
        "COALESCE(MAX(p.at), ''), COALESCE(MAX(p.seq), 0) FROM units u "
        "LEFT JOIN package_log p ON p.peer_unit_id = u.id AND p.direction = 'export' AND p.kind = 'distribution' "
        "WHERE u.parent_id = ? AND u.deleted_at IS NULL AND u.level IN ('township', 'zone', 'department', 'county') "
        "GROUP BY u.id ORDER BY u.level = 'department', u.seq, u.name", (ledger.unit.id,))
    return [ReportingUnit(*r[:6], tuple(x for x in r[6].split(",") if x), r[7], r[8]) for r in rows]


def save_contact(ledger: Ledger, unit_id: str, values: dict[str, str]) -> None:
    """A reporting unit's code, contact person and phone (shown on 报送情况 and the packages)."""
    code = (values.get("code") or "").strip()
    if err := division_code_error(code):
        raise ValidationError("code", err)
    person = (values.get("contact_person") or "").strip()
    phone = (values.get("contact_phone") or "").strip()
    if len(person) > 40 or len(phone) > 40:
        raise ValidationError("contact_person" if len(person) > 40 else "contact_phone", i18n.tr("内容过长（最多 40 字）"))
    with ledger.write() as w:
        w.update("units", unit_id, {"code": code or None, "contact_person": person, "contact_phone": phone})
