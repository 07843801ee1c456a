"""Small ledgers built in the tests: enterprises, returns, evidence, decisions."""

from desktop_app.domain.codes import uscc_check_char
from desktop_app.services import enterprises, evidence, units
from desktop_app.services.enterprises import surveys


def code(n: int) -> str:
    body = f"91140521MA0T{n:05d}"
    return body + uscc_check_char(body)


def add_enterprise(ledger, n: int, *, township: str = "龙港镇", industry: str = "煤炭", above: bool = True,
                   name: str | None = None) -> str:
    return enterprises.save(ledger, {
        "name": name or f"测试企业{n}有限公司", "uscc": code(n), "industry": industry, "above_scale": above,
        "township_id": units.unit_id_by_name(ledger, township)})


INSTITUTION = {"name": "企业技术中心", "approver": "晋城市工信局", "field": "煤矿安全", "count": "1",
               "staff": "12", "spending": "100.5", "equipment_value": "80"}
PROJECT = {"name": "瓦斯抽采关键技术研究", "source_doc": "晋市科字〔2024〕5号", "staff": "6",
           "spending": "40.25", "assets": "10"}


def add_return(ledger, eid: str, period: str, *, institutions=(), projects=(), activities=(),
               evidence_files: int = 0) -> str:
    sid = surveys.save(ledger, eid, {"period": period, "institutions": list(institutions),
                                     "projects": list(projects), "other_activities": list(activities),
                                     "innovation_input": "加大研发投入"})
    for i in range(evidence_files):
        evidence.attach_bytes(ledger, "surveys", sid, f"材料{i + 1}.pdf", f"{sid}-{i}".encode())
    return sid
