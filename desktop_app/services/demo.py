"""The demo ledger: Qinshui county with the built-in data and a realistic sample.

Sample credit codes, ID numbers and phones are generated deterministically so
they pass the format checks (GB 32100, GB 11643) and are marked as samples.
"""

import random
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import i18n
from desktop_app.domain.codes import USCC_CHARSET, id_check_char, uscc_check_char
from desktop_app.errors import UserError
from desktop_app.paths import resource
from desktop_app.services import catalogs, demo_steps, seed, units
from desktop_app.services.demo_steps import DemoContext, title_dates
from desktop_app.services.ledger import Ledger, create_ledger, open_ledger

# Data tables a refill empties (children first); units and settings stay.
DATA_TABLES = (
    "service_records", "commissioner_postings", "team_members", "teams", "reward_records",
    "reward_rules", "reward_policies", "signoffs", "helper_pairings", "survey_projects",
    "survey_institutions", "surveys", "enterprise_titles", "platform_status_history", "platforms",
    "talent", "evidence_files", "file_blobs", "progress_entries", "supervision_items",
    "target_actuals", "target_values", "targets", "assignment_contacts", "assignments", "tasks",
    "key_tasks", "leading_group_members", "leading_groups", "documents", "people", "enterprises",
    "departments", "package_log",
)


def sample_uscc(rng: random.Random, division: str = "140521") -> str:
    body = "91" + division + "MA0" + "".join(rng.choice(USCC_CHARSET[:10] + "ABCDEFGH") for _ in range(6))
    return body + uscc_check_char(body)


def sample_id_number(rng: random.Random, birth_year: int, division: str = "140521", gender: str = "") -> str:
    born = date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
    seq = rng.randint(0, 999)
    if gender and seq % 2 != (gender == "男"):
        seq ^= 1  # GB 11643: the 17th digit is odd for men, even for women
    body = division + born.strftime("%Y%m%d") + f"{seq:03d}"
    return body + id_check_char(body)


def sample_phone(rng: random.Random) -> str:
    return "13" + str(rng.randint(0, 9)) + f"{rng.randint(0, 99999999):08d}"


def demo_periods(today: date | None = None) -> tuple[str, str]:
    """The two most recent complete months, oldest first."""
    today = today or date.today()
    y, m = today.year, today.month
    last = (y, m - 1) if m > 1 else (y - 1, 12)
    before = (last[0], last[1] - 1) if last[1] > 1 else (last[0] - 1, 12)
    return f"{before[0]}-{before[1]:02d}", f"{last[0]}-{last[1]:02d}"


def _spec() -> dict[str, Any]:
    with resource("demo", "demo.toml").open("rb") as fh:
        return tomllib.load(fh)


def build_demo(path: Path | str, *, today: date | None = None) -> Ledger:
    """Create the demo ledger at ``path``, or refill an existing demo ledger."""
    path = Path(path)
    spec = _spec()
    if path.exists():
        ledger = open_ledger(path)
        if ledger.setting("demo") != "1":
            ledger.close()
            raise UserError(i18n.tr("{path} 是正式台账，不是演示台账，不会覆盖").format(path=path))
        ledger.writer.default_reason = demo_reason()
        with ledger.write() as w:
            for table in DATA_TABLES:
                ledger.conn.execute(f"DELETE FROM {table}")
            w.log("bulk", "*", None, None, {"demo": "refill"})
    else:
        u = spec["unit"]
        ledger = create_ledger(path, unit_name=u["name"], level=u["level"], code=u["code"],
                               parent_name=u["parent"], operator=u["operator"])
        ledger.writer.default_reason = demo_reason()
        with ledger.write():  # a new file: every row logged so far (its units) is demo data
            ledger.conn.execute("UPDATE audit_log SET reason = ? WHERE reason IS NULL", (demo_reason(),))
        ledger.set_setting("demo", "1")
        for name in catalogs.names("qinshui_townships"):
            units.add_township(ledger, name)
        for name in catalogs.names("qinshui_zones"):
            units.add_township(ledger, name, level="zone")
    try:
        _fill(ledger, spec, today)
    finally:
        ledger.writer.default_reason = None  # what the clerk does next is not demo data
    return ledger


def _fill(ledger: Ledger, spec: dict[str, Any], today: date | None) -> None:
    seed.load_builtin(ledger)
    rng = random.Random(20201210)  # the date of 沁办发〔2020〕24号
    with ledger.write():
        enterprise_ids = _enterprises(ledger, spec, rng, today or date.today())
        _platforms(ledger, spec, enterprise_ids)
        _talent(ledger, spec, enterprise_ids, rng)
    ctx = DemoContext(enterprise_ids, demo_periods(today), today or date.today(), rng)
    for step in demo_steps.steps():
        step(ledger, ctx)


def demo_reason() -> str:
    """The reason every audit row of the demo builder carries, so demo data can be told apart."""
    return i18n.tr("演示数据")


def _enterprises(ledger: Ledger, spec: dict[str, Any], rng: random.Random, today: date) -> dict[str, str]:
    w = ledger.writer
    ids: dict[str, str] = {}
    for i, e in enumerate(spec["enterprise"]):
        eid = w.insert("enterprises", {
            "name": e["name"], "uscc": sample_uscc(rng), "industry": e["industry"],
            "township_id": units.unit_id_by_name(ledger, e["township"]),
            "above_scale": int(e["above_scale"]), "legal_person": "", "contact": "",
            "phone": sample_phone(rng), "founded_on": f"{2003 + i % 15}-0{1 + i % 9}-15",
            "is_sample": 1, "note": i18n.tr("示例数据：统一社会信用代码、电话为格式有效的示例值")})
        ids[e["name"]] = eid
        for t_i, title in enumerate(e.get("titles", [])):
            name, _, level = title.partition(":")
            year = 2022 + (i + t_i) % 4 if name == "高新技术企业" else 2025 + (i % 2)
            issued_on, valid_until = title_dates(name, year, 10 + i % 18, today)
            w.insert("enterprise_titles", {
                "enterprise_id": eid, "title": name, "level": level, "year": int(issued_on[:4]),
                "cert_no": f"GR{year}14{rng.randint(0, 999999):06d}" if name == "高新技术企业" else "",
                "issued_on": issued_on, "valid_until": valid_until}, audit=False)
    return ids


def _platforms(ledger: Ledger, spec: dict[str, Any], enterprise_ids: dict[str, str]) -> None:
    w = ledger.writer
    for p in spec["platform"]:
        pid = w.insert("platforms", {
            "name": p["name"], "type": p["type"], "level": p["level"],
            "host_enterprise_id": enterprise_ids.get(p.get("host", "")), "host_name": p.get("host_name", ""),
            "approver": p.get("approver", ""), "approved_on": p.get("approved_on"), "status": p["status"],
            "field": p.get("field", "")})
        w.insert("platform_status_history", {"platform_id": pid, "status": p["status"],
                                             "changed_on": p.get("approved_on") or "2026-01-01",
                                             "operator": ledger.operator}, audit=False)


def _talent(ledger: Ledger, spec: dict[str, Any], enterprise_ids: dict[str, str], rng: random.Random) -> None:
    w = ledger.writer
    for t in spec["talent"]:
        sample = t.get("sample", True)
        birth_year = rng.randint(1965, 1998)
        w.insert("talent", {
            "name": t["name"], "gender": t["gender"], "birth_year": birth_year if sample else None,
            "id_number": sample_id_number(rng, birth_year, gender=t["gender"]) if sample else "",
            "phone": sample_phone(rng) if sample else "", "education": t.get("education", ""),
            "degree": t.get("degree", ""), "prof_title": t.get("prof_title", ""),
            "specialty": t.get("specialty", ""), "employer": t["employer"],
            "enterprise_id": enterprise_ids.get(t["employer"]), "category": t["category"],
            "high_level": int(t.get("high_level", False)), "high_level_tier": t.get("tier", ""),
            "intro_method": t["intro_method"], "intro_date": t["intro_date"], "industry": t["industry"],
            "note": i18n.tr("示例数据") if sample else i18n.tr("见沁政办发〔2023〕43号")})


def counts(ledger: Ledger) -> dict[str, int]:
    """Live rows of the tables the demo fills (what `demo` prints)."""
    return {t: ledger.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE deleted_at IS NULL").fetchone()[0]
            for t in ("enterprises", "assignments", "progress_entries", "surveys", "platforms", "talent")}
