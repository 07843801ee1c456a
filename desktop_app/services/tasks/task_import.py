"""Import a policy's task list from Excel, laid out like 沁办发〔2020〕24号 附件2.

The sheet has a title row, a header (序号 | 重点任务 | 具体任务 | 责任单位 |
责任领导 | 责任科室 | 具体承办人, in one row or two under 牵头部门及相关责任人),
merged cells for 序号 / 重点任务 / 具体任务 (and 责任单位 over a unit's lines),
and may repeat the header block at each page break. :func:`read_sheet`
gives a preview with every row-level problem; :func:`import_tasks` writes
the whole list in one transaction, and only when the preview is clean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app import i18n
from desktop_app.errors import Cancelled, UserError
from desktop_app.services import units, xlsx_in
from desktop_app.services.ledger import Ledger
from desktop_app.services.tasks import save_document

KEY_SEQ, KEY_TASK, TASK, UNIT, LEADER, SECTION, HANDLER = (
    "序号", "重点任务", "具体任务", "责任单位", "责任领导", "责任科室", "具体承办人")
COLUMNS = (KEY_SEQ, KEY_TASK, TASK, UNIT, LEADER, SECTION, HANDLER)
REQUIRED = COLUMNS[1:]  # 序号 may be left out: key tasks are then numbered in order
GROUP_HEADER = "牵头部门及相关责任人"
HEADER_SCAN = 30
MAX_LEN = {KEY_TASK: 200, TASK: 200, UNIT: 100, LEADER: 100, SECTION: 100, HANDLER: 100}
_FURNITURE = re.compile(r"^(填报单位|填报人|联系电话|审核人|填报日期|报送期|注|说明|填写说明|备注)\s*[（(：:]")
_CJK_GAP = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])\s+(?=[\u2e80-\u9fff\uff00-\uffef])")
_TITLE = re.compile(r"《(.+?)》")


@dataclass(frozen=True)
class RowError:
    row: int        # Excel row (1-based); 0: the file as a whole
    column: str     # header name, or "" for the whole row
    message: str

    def text(self) -> str:
        if not self.row:
            return self.message
        where = i18n.tr("第 {r} 行").format(r=self.row)
        if self.column:
            where += i18n.tr("“{c}”").format(c=self.column)
        return f"{where}：{self.message}"


@dataclass(frozen=True)
class ImportLine:
    row: int
    key_seq: int
    key_task: str
    task: str
    department: str
    leader: str
    section: str
    handler: str


@dataclass
class ImportPreview:
    file: str
    sheet: str = ""
    title: str = ""     # the document title read from the title row, if any
    lines: list[ImportLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # every data row as read (filled down)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.lines)

    def counts(self) -> dict[str, int]:
        return {"key_tasks": len({(ln.key_seq, ln.key_task) for ln in self.lines}),
                "tasks": len({(ln.key_seq, ln.task) for ln in self.lines}),
                "assignments": len({(ln.key_seq, ln.task, ln.department) for ln in self.lines}),
                "lines": len(self.lines)}

    def error_text(self, limit: int = 20) -> str:
        shown = [e.text() for e in self.errors[:limit]]
        if len(self.errors) > limit:
            shown.append(i18n.tr("……另有 {n} 处问题").format(n=len(self.errors) - limit))
        return "\n".join(shown)


def _clean(value: Any, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u3000", " ").strip()
    if column in (KEY_TASK, TASK, UNIT):
        return _CJK_GAP.sub("", re.sub(r"\s*\n\s*", "", text))  # wrap spaces, as the seed rule says
    return re.sub(r"\s*\n\s*", " ", text)  # stacked names / sections: one line, space-separated


def _squeeze(value: Any) -> str:
    return re.sub(r"\s+", "", str(value)) if value is not None else ""


_Sheet = xlsx_in.Sheet


def _open(path: Path, preview: ImportPreview) -> list[_Sheet] | None:
    """The visible sheets, every row (streaming; ``<dimension>`` not trusted), within the reader's limits."""
    try:
        return xlsx_in.read_workbook(path, skip=lambda title: title.startswith("_"))  # "_": our hidden meta sheet
    except UserError as e:
        if not path.is_file():
            raise
        preview.errors.append(RowError(0, "", str(e)))
        return None


def _header(ws: _Sheet) -> tuple[int, dict[str, int], list[str]]:
    """(last header row, column of each name, names missing) — the best candidate in the first rows."""
    best: tuple[int, dict[str, int], list[str]] = (0, {}, list(REQUIRED))
    rows = ws.rows[:HEADER_SCAN]
    for i, row in enumerate(rows):
        found = {}
        for c, v in enumerate(row, start=1):
            if _squeeze(v) in COLUMNS:
                found.setdefault(_squeeze(v), c)
        if KEY_TASK not in found and TASK not in found:
            continue
        last = i + 1  # Excel rows count from 1
        below = rows[i + 1] if i + 1 < len(rows) else ()
        if any(_squeeze(v) in (UNIT, LEADER, SECTION, HANDLER) for v in below):
            last = i + 2  # two-row header: 牵头部门及相关责任人 over the four names
            for c, v in enumerate(below, start=1):
                if _squeeze(v) in COLUMNS:
                    found.setdefault(_squeeze(v), c)
        missing = [n for n in REQUIRED if n not in found]
        if not best[0] or len(missing) < len(best[2]):
            best = (last, found, missing)
        if not missing:
            break
    return best


def _vertical_merges(ws: _Sheet) -> tuple[dict[tuple[int, int], Any], set[int]]:
    """Values of vertically merged cells filled down; rows holding a wide (title / note) merge."""
    fill: dict[tuple[int, int], Any] = {}
    wide: set[int] = set()
    for min_col, min_row, max_col, max_row in ws.merges:
        if max_col - min_col >= 2:
            wide.update(range(min_row, max_row + 1))
            continue
        value = ws.value(min_row, min_col)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                fill[(r, c)] = value
    return fill, wide


def _rows(ws: _Sheet, first: int, cols: dict[str, int]) -> Iterator[tuple[int, dict[str, str]]]:
    fill, wide = _vertical_merges(ws)
    for r in range(first, len(ws.rows) + 1):
        values = {name: _clean(fill.get((r, c), ws.value(r, c)), name) for name, c in cols.items()}
        texts = [v for v in values.values() if v]
        if not texts:
            continue
        if values.get(KEY_TASK) == KEY_TASK or values.get(UNIT) == UNIT or values.get(TASK) == TASK \
                or GROUP_HEADER in texts:
            continue  # a header block repeated at a page break
        if any(_FURNITURE.match(t) for t in texts) or (r in wide and len(set(texts)) == 1):
            continue  # 填报人 / 注 lines under the table
        yield r, values


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _seq(text: str) -> int | None:
    """1, "1.", "1、" or a Chinese numeral up to 九十九 ("三", "十二")."""
    text = text.strip().rstrip(".、．")
    if re.fullmatch(r"\d{1,3}", text):
        return int(text)
    if re.fullmatch(r"[一二三四五六七八九]?十?[一二三四五六七八九]?", text) and text:
        tens, _, ones = text.rpartition("十")
        if "十" not in text:
            return _CN_DIGITS[text]
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return None


def read_sheet(path: Path | str) -> ImportPreview:
    """Read and check a task sheet without touching the ledger."""
    path = Path(path)
    preview = ImportPreview(file=path.name)
    sheets = _open(path, preview)
    if sheets is None:
        return preview
    candidates = [(ws, *_header(ws)) for ws in sheets]
    with_header = [c for c in candidates if not c[3]]
    if not with_header:
        nonempty = [c for c in candidates if not c[0].empty]
        if not nonempty:
            preview.errors.append(RowError(0, "", i18n.tr("“{f}”里没有任何内容").format(f=path.name)))
            return preview
        ws, last, _found, missing = min(nonempty, key=lambda c: len(c[3]))
        preview.sheet = ws.title
        if len(missing) == len(REQUIRED):
            preview.errors.append(RowError(0, "", i18n.tr(
                "工作表“{s}”中找不到任务清单表头（应有：{cols}）").format(s=ws.title, cols="、".join(COLUMNS))))
        else:
            preview.errors.append(RowError(last, "", i18n.tr("表头缺少列：{cols}").format(cols="、".join(missing))))
        return preview
    ws, last, cols, _ = with_header[0]
    preview.sheet = ws.title
    for row in ws.rows[:max(1, last - 2)]:
        for v in row:
            m = _TITLE.search(str(v or ""))
            if m and not preview.title:
                preview.title = _clean(m.group(1), TASK)
    _read_lines(ws, last + 1, cols, preview)
    if not preview.lines and not preview.errors:
        preview.errors.append(RowError(0, "", i18n.tr("工作表“{s}”表头下面没有任务行").format(s=ws.title)))
    return preview


def _read_lines(ws, first: int, cols: dict[str, int], preview: ImportPreview) -> None:
    err = preview.errors.append
    prev: dict[str, str] = {}
    key_names: dict[int, str] = {}
    next_seq = 1
    seq = 0
    for r, v in _rows(ws, first, cols):
        preview.rows.append((r, v))
        # 序号 / 重点任务: a new key task starts where either is given
        if KEY_SEQ in cols and v[KEY_SEQ]:
            parsed = _seq(v[KEY_SEQ])
            if parsed is None or parsed < 1:
                err(RowError(r, KEY_SEQ, i18n.tr("序号应为正整数，现为“{v}”").format(v=v[KEY_SEQ])))
                parsed = seq or 1
        else:
            parsed = None
        key = v[KEY_TASK]
        if key and key != prev.get(KEY_TASK):
            if parsed is None:
                if KEY_SEQ in cols:
                    err(RowError(r, KEY_SEQ, i18n.tr("重点任务“{k}”没有序号").format(k=key)))
                parsed = next_seq
            seq = parsed
        elif parsed is not None and parsed != seq:
            if not key:
                err(RowError(r, KEY_TASK, i18n.tr("序号 {n} 没有填写重点任务").format(n=parsed)))
            seq = parsed
        key = key or prev.get(KEY_TASK, "")
        if not key:
            err(RowError(r, KEY_TASK, i18n.tr("没有重点任务（表中第一行任务须写明序号和重点任务）")))
            continue
        if key_names.setdefault(seq, key) != key:
            err(RowError(r, KEY_SEQ, i18n.tr("序号 {n} 已用于“{k}”").format(n=seq, k=key_names[seq])))
        next_seq = max(next_seq, seq + 1)
        new_key = key != prev.get(KEY_TASK)
        task = v[TASK] or ("" if new_key else prev.get(TASK, ""))
        if not task:
            err(RowError(r, TASK, i18n.tr("重点任务“{k}”下这一行没有具体任务").format(k=key)))
            prev = {KEY_TASK: key}
            continue
        new_task = new_key or task != prev.get(TASK)
        unit = v[UNIT] or ("" if new_task else prev.get(UNIT, ""))
        if not unit:
            err(RowError(r, UNIT, i18n.tr("具体任务“{t}”没有填写责任单位").format(t=task)))
            prev = {KEY_TASK: key, TASK: task}
            continue
        if not v[UNIT] and not (v[LEADER] or v[SECTION] or v[HANDLER]):
            err(RowError(r, UNIT, i18n.tr("这一行没有责任单位，也没有责任人")))
            continue
        for name, limit in MAX_LEN.items():
            if len(v[name]) > limit:
                err(RowError(r, name, i18n.tr("内容过长（{n} 字，最多 {m} 字）").format(n=len(v[name]), m=limit)))
        preview.lines.append(ImportLine(r, seq, key, task, unit, v[LEADER], v[SECTION], v[HANDLER]))
        prev = {KEY_TASK: key, TASK: task, UNIT: unit}


def import_tasks(ledger: Ledger, preview: ImportPreview, document: dict[str, Any],
                 progress: Callable[[int, int], bool] | None = None) -> str:
    """Write the previewed list under a new document (or a listed one without tasks); all or nothing.

    ``progress(done, total)`` is told every few lines; when it returns False
    the import stops with ``Cancelled`` and nothing is written.

    The first unit listed for a task leads it (牵头); consecutive lines of one
    unit are one assignment with several contact lines, as in the seed.
    """
    if preview.errors:
        raise UserError(i18n.tr("任务清单有 {n} 处问题，未导入：\n{e}").format(n=len(preview.errors), e=preview.error_text()))
    if not preview.lines:
        raise UserError(i18n.tr("任务清单没有任务行，未导入"))
    with ledger.write() as w:
        doc_id = document.get("id")
        if not doc_id:
            doc_no = str(document.get("doc_no") or "").strip()
            existing = ledger.conn.execute(
                "SELECT id FROM documents WHERE doc_no = ? AND doc_no != '' AND deleted_at IS NULL",
                (doc_no,)).fetchone()
            doc_id = existing[0] if existing else save_document(ledger, document)
        if ledger.conn.execute("SELECT 1 FROM key_tasks WHERE document_id = ? AND deleted_at IS NULL",
                               (doc_id,)).fetchone():
            raise UserError(i18n.tr("该文件的任务清单已在台账中；如需重新导入，请先删除原有任务"))
        key_ids: dict[tuple[int, str], str] = {}
        task_ids: dict[tuple[str, str], str] = {}
        assignment_ids: dict[tuple[str, str], str] = {}
        contact_seq: dict[str, int] = {}
        for i, ln in enumerate(preview.lines):
            if progress is not None and i % 20 == 0 and not progress(i, len(preview.lines)):
                raise Cancelled(i18n.tr("已取消导入，未写入任何任务"))
            kid = key_ids.get((ln.key_seq, ln.key_task))
            if kid is None:
                kid = key_ids[(ln.key_seq, ln.key_task)] = w.insert(
                    "key_tasks", {"document_id": doc_id, "seq": ln.key_seq, "name": ln.key_task})
            tid = task_ids.get((kid, ln.task))
            if tid is None:
                n = sum(1 for k in task_ids if k[0] == kid) + 1
                tid = task_ids[(kid, ln.task)] = w.insert(
                    "tasks", {"key_task_id": kid, "seq": n, "name": ln.task})
            aid = assignment_ids.get((tid, ln.department))
            if aid is None:
                n = sum(1 for k in assignment_ids if k[0] == tid) + 1
                aid = assignment_ids[(tid, ln.department)] = w.insert("assignments", {
                    "task_id": tid, "department_id": units.ensure_department(ledger, ln.department),
                    "role": "lead" if n == 1 else "support", "seq": n})
            contact_seq[aid] = contact_seq.get(aid, 0) + 1
            if ln.leader or ln.section or ln.handler:
                w.insert("assignment_contacts", {"assignment_id": aid, "seq": contact_seq[aid], "leader": ln.leader,
                                                 "section": ln.section, "handler": ln.handler})
        w.log("bulk", "tasks", doc_id, None, {"imported_from": preview.file, **preview.counts()})
    return doc_id
