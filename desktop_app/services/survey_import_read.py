"""Reading a filled-in 附件3 workbook back: cells to the plain values ``surveys.save`` takes.

The form is found by its meta sheet (``reports.survey_xlsx``) or, in a workbook
without one (the form copied into an enterprise's own file), by the layout of
附件3: the title and the three section headings. Within a sheet every answer
is found beside or under its printed caption, not at a fixed cell, so inserted
blank rows, an extra institution block, a moved merge or a shifted cell still
read. What people type is tolerated — full-width digits and letters, numbers
stored as text, thousands separators, “万元” in the cell, ✓/√/是/Y/1 for a
tick; anything else is refused with file, sheet, row and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app import i18n
from desktop_app.domain.codes import half_width, normalize_uscc
from desktop_app.domain.survey import DIRECTIONS, INSTITUTION_FIELDS, PROJECT_FIELDS, SECTION_TITLES
from desktop_app.errors import UserError
from desktop_app.i18n import QT_TRANSLATE_NOOP
from desktop_app.services import xlsx_in
from desktop_app.services.survey_import_cells import (
    MARKS,
    OPEN,
    SPACE,
    TICKED,
    key,
    number_text,
    period_of,
)

FORM_ID = "survey"
TITLE = QT_TRANSLATE_NOOP("i18n", "企业创新活动开展情况调查表")
META_SHEET = "_meta"
GENERATOR = "innovation-ledger"
SIGN_LABELS = (("filled_by", QT_TRANSLATE_NOOP("i18n", "填表人")), ("phone", QT_TRANSLATE_NOOP("i18n", "联系电话")),
               ("filled_on", QT_TRANSLATE_NOOP("i18n", "填表日期")))



@dataclass
class SheetReturn:
    """One return read from one sheet: the enterprise it names and the values for ``surveys.save``."""

    file: str
    sheet: str
    uscc: str
    name_on_form: str
    period: str
    values: dict[str, Any]
    rows: dict[str, int] = field(default_factory=dict)  # field path (institutions.0.spending) -> sheet row

    def where(self, path: str = "") -> str:
        row = self.rows.get(path) or self.rows.get(path.split(".")[0]) if path else None
        return place(self.file, self.sheet, row)


def place(file: str, sheet: str = "", row: int | None = None) -> str:
    text = i18n.tr("“{f}”").format(f=Path(file).name)
    if sheet:
        text += i18n.tr("工作表“{s}”").format(s=sheet)
    if row:
        text += i18n.tr("第 {r} 行").format(r=row)
    return text


class _Reader:
    def __init__(self, file: str, sheet: xlsx_in.Sheet, activities: list[str]):
        self.file, self.sheet = file, sheet
        self.keys = [[key(v) for v in row] for row in sheet.rows]
        self.activities = [key(a) for a in activities]
        labels = [lab for _, lab, _ in INSTITUTION_FIELDS + PROJECT_FIELDS] + [lab for _, lab in DIRECTIONS]
        self.labels = {key(i18n.tr(lab)) for lab in labels} | set(self.activities) | {
            key(i18n.tr(x)) for x in ("创新活动方向", "主要内容", "其他创新活动（可多选）")}
        self.rows: dict[str, int] = {}

    def fail(self, row: int | None, message: str) -> UserError:
        return UserError(message, where=place(self.file, self.sheet.title, row))

    def row_keys(self, r: int) -> list[str]:
        return self.keys[r - 1] if 0 < r <= len(self.keys) else []

    def find_row(self, text: str, start: int = 1, stop: int | None = None) -> int | None:
        want = key(text)
        for r in range(start, (stop or len(self.keys)) + 1):
            if want in self.row_keys(r):
                return r
        return None

    def beside(self, r: int, col: int) -> Any:
        """The first non-empty cell right of a caption, before the next caption of the row."""
        keys = self.row_keys(r)
        for c in range(col + 1, len(keys) + 1):
            if keys[c - 1] in self.labels:
                return None
            if keys[c - 1]:
                return self.sheet.value(r, c)
        return None

    def under(self, r: int, captions: list[tuple[int, str]], c: int, i: int) -> Any:
        """The first non-empty cell of row ``r`` from caption i's column up to the next caption's."""
        end = captions[i + 1][0] if i + 1 < len(captions) else len(self.row_keys(r)) + 1
        keys = self.row_keys(r)
        for cc in range(c, max(end, c + 1)):
            if cc <= len(keys) and keys[cc - 1]:
                return self.sheet.value(r, cc)
        return None

    # ---- sections 一 and 二 ---------------------------------------------
    def blocks(self, section: str, fields, top: int, bottom: int) -> list[dict[str, Any]]:
        lab = {k: key(i18n.tr(label)) for k, label, _ in fields}
        texts = [k for k, _, kind in fields if kind == "text"]
        figures = [k for k, _, kind in fields if kind != "text"]
        used: set[int] = set()
        out: list[dict[str, Any]] = []
        r = top + 1
        while r < bottom:
            keys = self.row_keys(r)
            if lab["name"] not in keys:
                r += 1
                continue
            n = len(out)
            block: dict[str, Any] = {}
            for k in texts:
                if lab[k] in keys:
                    block[k] = self.beside(r, keys.index(lab[k]) + 1)
                self.rows[f"{section}.{n}.{k}"] = r
            used.add(r)
            cap = next((rr for rr in range(r + 1, bottom) if lab[figures[0]] in self.row_keys(rr)), None)
            if cap is not None and lab["name"] not in sum((self.row_keys(x) for x in range(r + 1, cap)), []):
                ck = self.row_keys(cap)
                captions = sorted((ck.index(lab[k]) + 1, k) for k in figures if lab[k] in ck)
                values_row = cap + 1
                used.update((cap, values_row))
                if values_row < bottom and lab["name"] not in self.row_keys(values_row):
                    for i, (c, k) in enumerate(captions):
                        block[k] = self.under(values_row, captions, c, i)
                for k in figures:
                    self.rows[f"{section}.{n}.{k}"] = values_row
                r = values_row + 1
            else:
                r += 1
            out.append(block)
        for rr in range(top + 1, bottom):
            keys = self.row_keys(rr)
            if rr not in used and any(keys) and not set(filter(None, keys)) <= self.labels:
                raise self.fail(rr, i18n.tr("这一行的内容不在任何栏目下；新增机构或项目请复制整块（含标题行）后填写"))
        return out

    # ---- section 三 -----------------------------------------------------
    def directions(self, top: int, bottom: int) -> dict[str, Any]:
        out = {}
        for k, label in DIRECTIONS:
            r = self.find_row(i18n.tr(label), top + 1, bottom - 1)
            if r is not None:
                out[k] = self.beside(r, self.row_keys(r).index(key(i18n.tr(label))) + 1)
                self.rows[k] = r
        return out

    def ticks(self, top: int, bottom: int) -> list[int]:
        picked: set[int] = set()
        for r in range(top + 1, bottom):
            for c, k in enumerate(self.row_keys(r), start=1):
                if not k:
                    continue
                raw = str(self.sheet.value(r, c))
                lines = [key(x) for x in raw.splitlines() if key(x)]
                for line in lines:  # a caption, with its mark in front (an old sheet: ☑ caption, one a line)
                    mark, caption = (line[0], line[1:]) if line[0] in MARKS else ("", line)
                    if caption not in self.activities:
                        continue
                    n = self.activities.index(caption) + 1
                    if not mark and len(lines) == 1:
                        mark = self._tick_left_of(r, c)
                    self.rows["other_activities"] = r
                    if self._ticked(r, mark, caption):
                        picked.add(n)
        return sorted(picked)

    def _tick_left_of(self, r: int, c: int) -> str:
        keys = self.row_keys(r)
        for cc in range(c - 1, 0, -1):
            k = keys[cc - 1]
            if k in self.labels or k.lstrip(MARKS) in self.activities:
                return ""
            if k:
                v = self.sheet.value(r, cc)
                return "1" if v is True else "0" if v is False else k
        return ""

    def _ticked(self, r: int, mark: str, caption: str) -> bool:
        m = mark.upper()
        if isinstance(m, str) and m.endswith(".0"):
            m = m[:-2]
        if m in TICKED:
            return True
        if m in OPEN:
            return False
        raise self.fail(r, i18n.tr("其他创新活动“{a}”的勾选应为 ✓（或 √、是、Y、1）或留空，现为“{v}”").format(
            a=caption, v=mark))

    def signature(self, top: int) -> dict[str, Any]:
        labels = [(k, key(i18n.tr(lab))) for k, lab in SIGN_LABELS]
        row = next((r for r in range(len(self.keys), top, -1)
                    if any(x.startswith(lab) for x in self.row_keys(r) for _, lab in labels)), None)
        if row is None:
            return {}
        out: dict[str, Any] = {}
        self.rows.update({k: row for k, _ in labels})
        cells = [(c, self.sheet.value(row, c)) for c, k in enumerate(self.row_keys(row), start=1) if k]
        for c, raw in cells:
            text = str(raw).strip() if not isinstance(raw, datetime | date) else raw
            named = next((k for k, lab in labels if isinstance(text, str) and key(text).startswith(lab)), None)
            if named is None:  # the caption typed over: the answer is known by where it stands
                named = labels[min(2, (c - 1) * 3 // max(12, len(self.row_keys(row))))][0]
                out.setdefault(named, text)
                continue
            value = re.split(r"[:：]", text, maxsplit=1)[1] if re.search(r"[:：]", text) else ""
            out[named] = value.strip(" \u3000")
        return out


def meta_sheets(sheets: list[xlsx_in.Sheet]) -> dict[str, dict[str, str]] | None:
    """Our meta sheet's per-sheet entries (sheet -> keys), or None when the workbook has none."""
    meta = next((s for s in sheets if s.title == META_SHEET), None)
    if meta is None:
        return None
    top: dict[str, str] = {}
    out: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for row in meta.rows[1:]:
        k, v = (list(row) + [None, None])[:2]
        if k is None:
            continue
        v = "" if v is None else str(v)
        if k == "sheet":
            current = out.setdefault(v, {})
        elif current is not None:
            current[str(k)] = v
        else:
            top[str(k)] = v
    if top.get("generator") != GENERATOR:
        return None
    return {name: m for name, m in out.items() if m.get("form_id") == FORM_ID}


def _header(rd: _Reader, stop: int) -> dict[str, tuple[str, int]]:
    """企业全称 / 统一社会信用代码 / 报送期 from the lines above section 一: value and row."""
    want = {"name": key(i18n.tr("企业全称（盖章）")), "uscc": key(i18n.tr("统一社会信用代码")),
            "period": key(i18n.tr("报送期"))}
    out: dict[str, tuple[str, int]] = {}
    for r in range(1, stop):
        for c, k in enumerate(rd.row_keys(r), start=1):
            for name, lab in want.items():
                if k.startswith(lab) and name not in out:
                    raw = str(rd.sheet.value(r, c))
                    parts = re.split(r"[:：]", raw, maxsplit=1)
                    value = parts[1].strip(" \u3000") if len(parts) > 1 else ""
                    if not value:
                        value = str(rd.beside(r, c) or "")
                    out[name] = (value.strip(), r)
    return out


def is_survey_layout(sheet: xlsx_in.Sheet) -> bool:
    keys = {key(v) for row in sheet.rows[:60] for v in row if v is not None}
    return key(i18n.tr(TITLE)) in keys and key(i18n.tr(SECTION_TITLES[0])) in keys


def read_sheet(file: str, sheet: xlsx_in.Sheet, meta: dict[str, str] | None, activities: list[str]) -> SheetReturn:
    rd = _Reader(file, sheet, activities)
    tops = []
    for title in SECTION_TITLES:
        r = rd.find_row(i18n.tr(title))
        if r is None or (tops and r <= tops[-1]):
            raise rd.fail(None, i18n.tr("找不到“{t}”（表格不是完整的附件3调查表，或栏目被改动）").format(t=i18n.tr(title)))
        tops.append(r)
    head = _header(rd, tops[0])
    code_text, code_row = head.get("uscc", ("", None))
    uscc = normalize_uscc(code_text)
    if meta and meta.get("enterprise"):
        if uscc and uscc != normalize_uscc(meta["enterprise"]):
            raise rd.fail(code_row, i18n.tr("统一社会信用代码“{a}”与本表下发时的“{b}”不一致；请在下发的原表上填写").format(
                a=uscc, b=meta["enterprise"]))
        uscc = normalize_uscc(meta["enterprise"])
    if not uscc:
        raise rd.fail(code_row, i18n.tr("统一社会信用代码：没有填写"))
    period_text, period_row = head.get("period", ("", None))
    period = period_of(period_text) if period_text else None
    if period_text and period is None:
        raise rd.fail(period_row, i18n.tr("报送期：“{v}”应写成 2026年10月").format(v=period_text))
    if meta and meta.get("period"):
        if period and period != meta["period"]:
            raise rd.fail(period_row, i18n.tr("报送期“{a}”与本表下发时的“{b}”不一致").format(a=period, b=meta["period"]))
        period = meta["period"]
    if not period:
        raise rd.fail(period_row, i18n.tr("报送期：没有填写"))
    rd.rows["period"] = period_row or 0
    values: dict[str, Any] = {"period": period}
    for section, fields, a, b in (("institutions", INSTITUTION_FIELDS, tops[0], tops[1]),
                                  ("projects", PROJECT_FIELDS, tops[1], tops[2])):
        rows = []
        for n, block in enumerate(rd.blocks(section, fields, a, b)):
            row = {}
            for k, label, kind in fields:
                raw = block.get(k)
                if kind == "text":
                    row[k] = "" if raw is None else str(raw).strip()
                    continue
                try:
                    row[k] = number_text(raw, kind == "int")
                except ValueError:
                    raise rd.fail(rd.rows.get(f"{section}.{n}.{k}"), i18n.tr("{label}：“{v}”不是有效数字").format(
                        label=i18n.tr(label), v=raw)) from None
            rows.append(row)
        values[section] = rows
    end = len(rd.keys) + 1
    for k, v in rd.directions(tops[2], end).items():
        values[k] = "" if v is None else str(v).strip()
    values["other_activities"] = rd.ticks(tops[2], end)
    for k, v in rd.signature(tops[2]).items():
        if k == "phone" and isinstance(v, int | float) and not isinstance(v, bool):
            v = str(int(v)) if float(v).is_integer() else str(v)
        elif k == "phone":
            v = SPACE.sub("", half_width(str(v)))
        elif k == "filled_on" and isinstance(v, str):
            v = half_width(v).strip()
        values[k] = v.date() if isinstance(v, datetime) else v
    # the renumbering the service does: blank blocks are dropped, so paths follow the kept rows
    for section, fields, _ in (("institutions", INSTITUTION_FIELDS, 0), ("projects", PROJECT_FIELDS, 0)):
        kept = [i for i, r in enumerate(values[section]) if any(str(r.get(k) or "").strip() for k, _, _ in fields)]
        for new, old in enumerate(kept):
            for k, _, _ in fields:
                rd.rows[f"{section}.{new}.{k}"] = rd.rows.get(f"{section}.{old}.{k}", 0)
        values[section] = [values[section][i] for i in kept]
    name = head.get("name", ("", 0))[0] or (meta or {}).get("enterprise_name", "")
    return SheetReturn(file, sheet.title, uscc, name, period, values, rd.rows)


def read_workbook(path: Path | str, activities: list[str]) -> list[SheetReturn]:
    """Every return in one workbook; UserError (file, sheet, row, field) for the first thing wrong."""
    path = Path(path)
    sheets = xlsx_in.read_workbook(path)
    meta = meta_sheets(sheets)
    by_title = {s.title: s for s in sheets}
    if meta:
        chosen = []
        for title, entry in meta.items():
            if title not in by_title:
                raise UserError(i18n.tr("找不到调查表工作表“{s}”（工作表被改名或删除）").format(s=title), where=place(str(path)))
            chosen.append((by_title[title], entry))
    else:
        chosen = [(s, None) for s in sheets if s.title != META_SHEET and is_survey_layout(s)]
    if not chosen:
        raise UserError(i18n.tr("不是企业创新活动开展情况调查表（附件3）：找不到表头“企业创新活动开展情况调查表”"),
                        where=place(str(path)))
    return [read_sheet(str(path), s, entry, activities) for s, entry in chosen]
