"""What travels, and whose it is: one reporting unit's share of a county ledger.

A record is a row of a travelling table together with its child rows (a
survey with its institutions and projects). A department's share is its
assignments with their tasks, key tasks and documents, and the progress it
reported; a township's (or zone's) share is the enterprises of its territory
with everything recorded about them, its talent and platforms. Both get the
documents, reward policies, the targets that concern them and the reporting
calendar. Rows a unit reports are its own (``unit_id`` = the unit, editable
there); everything else it receives stays the county's (read-only there).
"""

import sqlite3
from dataclasses import dataclass, field

from desktop_app import i18n
from desktop_app.errors import UserError


@dataclass(frozen=True)
class Kind:
    table: str
    children: tuple[tuple[str, str], ...] = ()   # (child table, column naming the parent)


# parents before the rows that name them
KINDS = (
    Kind("units"), Kind("departments"), Kind("documents"),
    Kind("leading_groups", (("leading_group_members", "group_id"),)),
    Kind("key_tasks"), Kind("tasks"), Kind("assignments", (("assignment_contacts", "assignment_id"),)),
    Kind("progress_entries"), Kind("supervision_items"),
    Kind("targets", (("target_values", "target_id"),)), Kind("target_actuals"),
    Kind("enterprises"), Kind("enterprise_titles"),
    Kind("surveys", (("survey_institutions", "survey_id"), ("survey_projects", "survey_id"))),
    Kind("signoffs"), Kind("helper_pairings"),
    Kind("talent"), Kind("teams", (("team_members", "team_id"),)),
    Kind("commissioner_postings"), Kind("service_records"),
    Kind("platforms", (("platform_status_history", "platform_id"),)),
    Kind("reward_policies", (("reward_rules", "policy_id"),)), Kind("reward_records"),
    Kind("evidence_files"),
    Kind("review_explanations"),  # the 核实 explanations of a unit's returns travel with them (upward)
)
KIND_OF = {k.table: k for k in KINDS}
CHILD_TABLES = {child: (k.table, col) for k in KINDS for child, col in k.children}
CALENDAR_SETTINGS = ("schedule.weekend_to_monday", "schedule.holidays")
RETURNS_SETTING = "exchange.returns"  # the 退回 the county made to this unit: JSON [{period, reason, at}]

TABLE_LABELS = {
    "units": "单位", "departments": "责任单位", "documents": "政策文件", "leading_groups": "领导小组",
    "key_tasks": "重点任务", "tasks": "具体任务", "assignments": "任务分工", "progress_entries": "推进情况",
    "supervision_items": "督办事项", "targets": "目标", "target_actuals": "目标实际值", "enterprises": "企业",
    "enterprise_titles": "企业资质", "surveys": "调查表", "signoffs": "销号", "helper_pairings": "帮扶",
    "talent": "人才", "teams": "团队", "commissioner_postings": "科技特派员", "service_records": "服务记录",
    "platforms": "平台", "reward_policies": "奖补政策", "reward_records": "奖补记录", "evidence_files": "印证材料",
    "review_explanations": "核实说明",
}


def table_label(table: str) -> str:
    return i18n.tr(TABLE_LABELS.get(table, table))


@dataclass
class Share:
    unit: dict                                       # the reporting unit: id, name, level, code, reports
    ids: dict[str, set[str]] = field(default_factory=dict)
    owned: dict[str, set[str]] = field(default_factory=dict)  # rows that become the unit's own

    def add(self, table: str, ids, *, own: bool = False) -> None:
        ids = {i for i in ids if i is not None}
        self.ids.setdefault(table, set()).update(ids)
        if own:
            self.owned.setdefault(table, set()).update(ids)

    def count(self) -> int:
        return sum(len(v) for v in self.ids.values())


def reporting_units(conn: sqlite3.Connection, county_id: str) -> list[dict]:
    rows = conn.execute(
        "SELECT id, name, level, COALESCE(code, ''), reports, contact_person, contact_phone FROM units "
        "WHERE parent_id = ? AND deleted_at IS NULL AND level IN ('township', 'zone', 'department', 'county') "
        "ORDER BY level = 'department', seq, name", (county_id,))
    keys = ("id", "name", "level", "code", "reports", "contact_person", "contact_phone")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def find_unit(conn: sqlite3.Connection, county_id: str, name: str) -> dict:
    for unit in reporting_units(conn, county_id):
        if name.strip() in (unit["name"], unit["code"]) and name.strip():
            return unit
    raise UserError(i18n.tr("本台账没有下级报送单位“{name}”（乡镇、开发区或责任单位）").format(name=name.strip()))


def _ids(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> set[str]:
    return {r[0] for r in conn.execute(sql, params)}


def _where_in(conn: sqlite3.Connection, select: str, column: str, ids: set[str]) -> set[str]:
    found: set[str] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start:start + CHUNK]
        joiner = " AND " if " WHERE " in select else " WHERE "
        found |= _ids(conn, f"{select}{joiner}{column} IN ({', '.join('?' * len(part))})", tuple(part))
    return found


CHUNK = 5000  # well under SQLite's limit on bound parameters


def compute(conn: sqlite3.Connection, county_id: str, unit: dict) -> Share:
    share = Share(unit)
    uid = unit["id"]
    reports = set(unit["reports"].split(","))
    share.add("units", {uid}, own=True)
    share.add("units", {county_id})
    # what the county accepted of the unit's 核实 explanations (they came up with its returns)
    share.add("review_explanations", _ids(conn, "SELECT id FROM review_explanations WHERE unit_id = ?", (uid,)),
              own=True)
    share.add("documents", _ids(conn, "SELECT id FROM documents"))
    share.add("reward_policies", _ids(conn, "SELECT id FROM reward_policies"))
    share.add("targets", _ids(conn, "SELECT id FROM targets WHERE scope = ?", (unit["name"],)))
    if "assignments" in reports:
        _department(conn, share, uid)
    if reports & {"enterprises", "talent", "platforms"}:
        _territory(conn, share, uid)
    share.add("leading_groups", _where_in(conn, "SELECT id FROM leading_groups", "document_id", share.ids["documents"]))
    _evidence(conn, share)
    _close_references(conn, share)
    return share


def _department(conn: sqlite3.Connection, share: Share, uid: str) -> None:
    depts = _ids(conn, "SELECT id FROM departments WHERE unit_ref = ?", (uid,))
    share.add("departments", depts)
    assignments = _where_in(conn, "SELECT id FROM assignments", "department_id", depts)
    share.add("assignments", assignments)
    tasks = _where_in(conn, "SELECT task_id FROM assignments", "id", assignments)
    share.add("tasks", tasks)
    share.add("key_tasks", _where_in(conn, "SELECT key_task_id FROM tasks", "id", tasks))
    share.add("progress_entries", _where_in(conn, "SELECT id FROM progress_entries", "assignment_id", assignments),
              own=True)
    share.add("supervision_items", _where_in(conn, "SELECT id FROM supervision_items", "department_id", depts))
    share.add("targets", _where_in(conn, "SELECT id FROM targets", "task_id", tasks))


def _territory(conn: sqlite3.Connection, share: Share, uid: str) -> None:
    firms = _ids(conn, "SELECT id FROM enterprises WHERE township_id = ?", (uid,))
    share.add("enterprises", firms, own=True)
    for table in ("enterprise_titles", "surveys", "helper_pairings"):
        share.add(table, _where_in(conn, f"SELECT id FROM {table}", "enterprise_id", firms), own=True)
    share.add("signoffs", _where_in(conn, "SELECT id FROM signoffs", "enterprise_id", firms))
    share.add("talent", _ids(conn, "SELECT id FROM talent WHERE township_id = ?", (uid,))
              | _where_in(conn, "SELECT id FROM talent", "enterprise_id", firms), own=True)
    share.add("teams", _where_in(conn, "SELECT id FROM teams", "enterprise_id", firms), own=True)
    share.add("platforms", _ids(conn, "SELECT id FROM platforms WHERE township_id = ?", (uid,))
              | _where_in(conn, "SELECT id FROM platforms", "host_enterprise_id", firms), own=True)
    postings = (_ids(conn, "SELECT id FROM commissioner_postings WHERE township_id = ?", (uid,))
                | _where_in(conn, "SELECT id FROM commissioner_postings", "enterprise_id", firms))
    share.add("commissioner_postings", postings)
    share.add("service_records", _where_in(conn, "SELECT id FROM service_records", "posting_id", postings))


def _evidence(conn: sqlite3.Connection, share: Share) -> None:
    for owner_table in ("progress_entries", "surveys", "signoffs", "supervision_items", "enterprises", "platforms"):
        owners = share.ids.get(owner_table, set())
        if not owners:
            continue
        ids = _where_in(conn, f"SELECT id FROM evidence_files WHERE owner_table = '{owner_table}'", "owner_id",
                        owners)
        share.add("evidence_files", ids, own=owner_table in share.owned and bool(owners & share.owned[owner_table]))


def _close_references(conn: sqlite3.Connection, share: Share) -> None:
    """Bring in every row a shared row names (a team's leader, a task's key task): no dangling reference."""
    changed = True
    while changed:
        changed = False
        for kind in KINDS:
            ids = share.ids.get(kind.table)
            if not ids:
                continue
            # the record's own row, and its child rows (a team's members name their talent records)
            for table, parent_column in ((kind.table, "id"), *kind.children):
                for fk in conn.execute(f"PRAGMA foreign_key_list({table})").fetchall():
                    target, column = fk[2], fk[3]
                    if target not in KIND_OF:
                        continue
                    wanted = _where_in(conn, f"SELECT {column} FROM {table}", parent_column, ids) - {None}
                    missing = wanted - share.ids.get(target, set())
                    if missing:
                        share.add(target, missing)
                        changed = True
