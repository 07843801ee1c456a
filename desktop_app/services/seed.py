"""Built-in data from the five seed documents (resources/seeds/)."""

import csv
import json
import tomllib
from functools import cache
from itertools import groupby
from typing import Any

from desktop_app.paths import resource
from desktop_app.services import units
from desktop_app.services.ledger import Ledger

QINSHUI = "沁水县"
TASK_DOCUMENT = "000"


@cache
def _toml(name: str) -> dict[str, Any]:
    with resource("seeds", name).open("rb") as fh:
        return tomllib.load(fh)


def documents() -> list[dict[str, Any]]:
    return _toml("documents.toml")["document"]


def leading_groups() -> list[dict[str, Any]]:
    return _toml("leading_groups.toml")["group"]


def targets() -> list[dict[str, Any]]:
    return _toml("targets.toml")["target"]


def rewards() -> dict[str, Any]:
    return _toml("rewards.toml")


@cache
def task_lines() -> tuple[dict[str, str], ...]:
    """000 附件2, one dict per printed line, merged cells filled down."""
    with resource("seeds", "qinshui_tasks.csv").open(encoding="utf-8-sig", newline="") as fh:
        return tuple(csv.DictReader(fh))


def _joined(value: str | list[str]) -> str:
    return "、".join(value) if isinstance(value, list) else value


def _document_ids(ledger: Ledger) -> dict[str, str]:
    return {r[0]: r[1] for r in ledger.conn.execute(
        "SELECT seed_key, id FROM documents WHERE seed_key IS NOT NULL AND deleted_at IS NULL")}


def load_documents(ledger: Ledger) -> dict[str, str]:
    """Insert the five documents once; return seed key → document id."""
    w = ledger.writer
    ids = _document_ids(ledger)
    for doc in documents():
        if doc["key"] in ids:
            continue
        ids[doc["key"]] = w.insert("documents", {
            "seed_key": doc["key"], "doc_no": doc.get("doc_no", ""), "title": doc["title"],
            "issuer": _joined(doc.get("issuer", "")), "issued_on": doc.get("issued_on"), "scope": doc.get("scope", "")})
    return ids


def load_leading_groups(ledger: Ledger, doc_ids: dict[str, str], scopes: set[str]) -> int:
    w = ledger.writer
    count = 0
    scope_of = {d["key"]: d.get("scope", "") for d in documents()}
    for group in leading_groups():
        if scope_of.get(group["document"]) not in scopes:
            continue
        doc_id = doc_ids[group["document"]]
        if ledger.conn.execute("SELECT 1 FROM leading_groups WHERE document_id = ? AND name = ?",
                               (doc_id, group["name"])).fetchone():
            continue
        gid = w.insert("leading_groups", {"document_id": doc_id, "name": group["name"],
                                          "office_note": group.get("office_note", "")})
        w.insert_many("leading_group_members", (
            {"group_id": gid, "seq": i, "role": m["role"], "name": m["name"], "position": m.get("position", "")}
            for i, m in enumerate(group["member"], start=1)))
        count += 1
    return count


def load_task_list(ledger: Ledger, doc_ids: dict[str, str]) -> int:
    """000 附件2 into key tasks → tasks → assignments → contact lines.

    Consecutive lines of one unit under one task are one assignment with
    several contact lines; the first unit listed for a task leads.
    """
    doc_id = doc_ids[TASK_DOCUMENT]
    if ledger.conn.execute("SELECT 1 FROM key_tasks WHERE document_id = ? AND deleted_at IS NULL",
                           (doc_id,)).fetchone():
        return 0
    w = ledger.writer
    contacts = []
    for (seq, key_name), key_lines in groupby(task_lines(), key=lambda r: (r["序号"], r["重点任务"])):
        key_id = w.insert("key_tasks", {"document_id": doc_id, "seq": int(seq), "name": key_name})
        for t_seq, (task_name, lines) in enumerate(groupby(key_lines, key=lambda r: r["具体任务"]), start=1):
            task_id = w.insert("tasks", {"key_task_id": key_id, "seq": t_seq, "name": task_name})
            for a_seq, (dept, dept_lines) in enumerate(groupby(lines, key=lambda r: r["责任单位"]), start=1):
                assignment_id = w.insert("assignments", {
                    "task_id": task_id, "department_id": units.ensure_department(ledger, dept),
                    "role": "lead" if a_seq == 1 else "support", "seq": a_seq})
                contacts.extend({"assignment_id": assignment_id, "seq": c_seq, "leader": line["责任领导"],
                                 "section": line["责任科室"], "handler": line["具体承办人"]}
                                for c_seq, line in enumerate(dept_lines, start=1))
    return w.insert_many("assignment_contacts", contacts)


def load_targets(ledger: Ledger, doc_ids: dict[str, str]) -> int:
    w = ledger.writer
    existing = {r[0] for r in ledger.conn.execute("SELECT seed_key FROM targets WHERE seed_key IS NOT NULL")}
    task_ids = {r[0]: r[1] for r in ledger.conn.execute(
        "SELECT name, id FROM tasks WHERE deleted_at IS NULL")}
    count = 0
    for t in targets():
        if t["key"] in existing:
            continue
        base = t.get("baseline") or {}
        tid = w.insert("targets", {
            "seed_key": t["key"], "document_id": doc_ids.get(t["document"]), "scope": t.get("scope", ""),
            "task_id": task_ids.get(t.get("task", "")), "indicator": t["indicator"],
            "measure_unit": t.get("measure_unit", ""), "baseline_year": base.get("year"),
            "baseline_value": base.get("value"), "comparison": t.get("comparison", "at_least"),
            "metric": json.dumps(t.get("metric", {"kind": "manual"}), ensure_ascii=False),
            "source_text": t.get("source_text", ""), "note": t.get("note", ""),
            "annual": int(t.get("annual", False))}, audit=False)
        w.insert_many("target_values", ({"target_id": tid, "year": v["year"], "value": v["value"]}
                                         for v in t.get("values", [])))
        count += 1
    if count:
        w.log("bulk", "targets", None, None, {"inserted": count})
    return count


def load_rewards(ledger: Ledger, doc_ids: dict[str, str]) -> int:
    """001 附件2 for a 绛县 ledger only: another county's ledger starts with its own, empty list."""
    from desktop_app.services import reward_policies

    return reward_policies.install_builtin(ledger, doc_ids)


def load_builtin(ledger: Ledger) -> dict[str, int]:
    """Everything a new ledger starts with; safe to run twice."""
    with ledger.write():
        doc_ids = load_documents(ledger)
        unit_names = {ledger.unit.name, ledger.unit.parent_name or ""}
        # leading groups of this unit's own government and of its parent
        counts = {"leading_groups": load_leading_groups(ledger, doc_ids, unit_names - {""})}
        # the task list and the targets are the county's: a lower unit gets its share by package (下发)
        county = ledger.unit.level == "county"
        counts["task_lines"] = load_task_list(ledger, doc_ids) if county and QINSHUI in unit_names else 0
        counts["targets"] = load_targets(ledger, doc_ids) if county else 0
        counts["reward_policies"] = load_rewards(ledger, doc_ids)
    from desktop_app.services import units

    if added := units.register_builtin_members(ledger):  # a 晋城市 ledger: its 县（市、区）
        counts["units"] = added
    return counts
