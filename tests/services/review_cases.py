"""A small ledger whose 2026-10 returns pass every 审核 rule, and ways to break each rule."""

from dataclasses import dataclass
from datetime import date

from desktop_app.services import evidence, tasks
from desktop_app.services.enterprises import surveys
from desktop_app.services.tasks import progress
from tests.services.enterprises.helpers import INSTITUTION, PROJECT, add_enterprise, add_return

P, BEFORE, LAST = "2026-10", "2026-09", "2025-10"
TODAY = date(2026, 11, 20)
NAME = "沁水县审核测试能源有限公司"
TASK = "打造双创要素集聚平台"


@dataclass
class Case:
    ledger: object
    eid: str
    sid: str
    assignment: str
    entry: str

    def values(self) -> dict:
        return surveys.as_values(surveys.get(self.ledger, self.sid))

    def resave(self, **changes) -> None:
        surveys.save(self.ledger, self.eid, {**self.values(), **changes}, self.sid)

    def institution(self, **changes) -> None:
        self.resave(institutions=[{**INSTITUTION, **changes}])

    def project(self, **changes) -> None:
        self.resave(projects=[{**PROJECT, **changes}])

    def progress(self, period: str, status: str, *, files: int = 0) -> str:
        eid = progress.save_entry(self.ledger, self.assignment, {
            "period": period, "status": status, "work_done": "召开推进会", "problems": "用地手续未批",
            "submitted_on": f"{period}-28"}, today=TODAY)
        for i in range(files):
            evidence.attach_bytes(self.ledger, "progress_entries", eid, f"照片{i}.jpg", f"{eid}{i}".encode())
        return eid


def clean_case(ledger) -> Case:
    """One enterprise with a return for last year's and this period (same figures, evidence attached),
    one assignment 推进中 in 2026-09 and 已完成 with evidence in 2026-10."""
    eid = add_enterprise(ledger, 1, name=NAME)
    add_return(ledger, eid, LAST, institutions=[INSTITUTION], projects=[PROJECT], evidence_files=1)
    sid = add_return(ledger, eid, P, institutions=[INSTITUTION], projects=[PROJECT], evidence_files=1)
    doc = tasks.save_document(ledger, {"title": "测试方案", "doc_no": "沁测〔2026〕1号"})
    key = tasks.save_key_task(ledger, doc, {"name": "创新载体建设行动"})
    task = tasks.save_task(ledger, key, {"name": TASK})
    a = tasks.save_assignment(ledger, task, {"department": "县发改局", "role": "lead", "contacts": []})
    case = Case(ledger, eid, sid, a, "")
    case.progress(BEFORE, "推进中")
    case.entry = case.progress(P, "已完成", files=1)
    return case
