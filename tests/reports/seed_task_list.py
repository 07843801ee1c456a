"""Test fixture: the full 工作任务清单 parsed from the seed text (000 附件2).

The seed is PDF-extracted text: tab-separated lines, merged cells left empty
(fill down), a few cells broken by a stray space or a missing tab. This
parser undoes that so tests and the demo print the real list.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.reports.task_list import TaskListHeader, TaskListLine

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "000_fdda05ffbff4c6f0.txt"
DOCUMENT_TITLE = "关于打造创新生态小气候的实施方案（试行）"
SECTION_ENDS = tuple("股室部办组局心队站所科")


def _join_broken_sections(text: str) -> str:
    """"消费者权益保护和市场交易监 督管理股" was one cell wrapped in two."""
    parts: list[str] = []
    for frag in text.split():
        if parts and not parts[-1].endswith(SECTION_ENDS):
            parts[-1] += frag
        else:
            parts.append(frag)
    return " ".join(parts)


def _fields(line: str) -> list[str]:
    """Seven fields, right-aligned: a few lines lost a leading tab in extraction."""
    cells = [c.strip() for c in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return [""] * (7 - len(cells)) + cells


def seed_task_lines(path: Path = SEED) -> list[TaskListLine]:
    text = path.read_text(encoding="utf-8")
    table = text[text.index("附件 2") :]
    out: list[TaskListLine] = []
    seq, key_task, task, dept = 0, "", "", ""
    for raw in table.splitlines():
        if "\t" not in raw or raw.startswith("序号") or "责任单位" in raw:
            continue
        f = _fields(raw)
        if f[0]:
            seq = int(f[0])
        if f[1]:
            name = f[1].replace(" ", "")
            key_task = name if not (out and out[-1].key_seq == seq) else out[-1].key_task
        if f[2]:
            task = f[2].replace(" ", "")
        if f[3]:
            dept = f[3]
        out.append(
            TaskListLine(
                key_seq=seq,
                key_task=key_task,
                task=task,
                department=dept,
                leader=" ".join(f[4].split()),
                section=_join_broken_sections(f[5]),
                handler=" ".join(f[6].split()),
            )
        )
    return out


def seed_header(**overrides) -> TaskListHeader:
    values = dict(
        document_title=DOCUMENT_TITLE,
        unit="沁水县创新生态建设领导小组办公室",
        period="2026年3月",
        date="2026年3月31日",
        filler="",
        phone="",
        reviewer="",
        label="附件2",
    )
    values.update(overrides)
    return TaskListHeader(**values)
