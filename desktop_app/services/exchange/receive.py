"""Reading a package into a ledger: check who it is from and for, classify, then apply.

Every incoming record is compared with this ledger's row and with the base
(what this ledger last accepted from the sender, EXCHANGE.md):

    ours none                      → new
    ours == theirs                 → unchanged
    ours == base,   theirs differs → changed: apply
    theirs == base, ours differs   → ours is newer: keep
    all three differ               → conflict: queued, never applied without a choice

Nothing is written before the whole package is classified; the apply is one
transaction; ``dry_run`` stops after the classification.
"""

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from db.records import new_id, now
from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services.exchange import package_file, receipt, records, same_firm, share, upward
from desktop_app.services.exchange.base import (
    Base,
    FieldDiff,
    bases,
    diff,
    read_accepted,
    record_dict,
    remember_base,
)
from desktop_app.services.exchange.field_labels import record_label
from desktop_app.services.ledger import Ledger

NEW, UNCHANGED, CHANGED, OURS_NEWER, CONFLICT = "new", "unchanged", "changed", "ours_newer", "conflict"
_T = i18n.QT_TRANSLATE_NOOP
CLASS_LABELS = {NEW: _T("i18n", "新增"), CHANGED: _T("i18n", "更新"), UNCHANGED: _T("i18n", "未变"),
                OURS_NEWER: _T("i18n", "本地较新（保留）"), CONFLICT: _T("i18n", "冲突待处理")}


def class_label(cls: str) -> str:
    return i18n.tr(CLASS_LABELS[cls])


@dataclass
class Incoming:
    cls: str
    theirs: records.Record
    ours: records.Record | None
    base: Base | None
    sent: records.Record | None = None   # the record as the sender wrote it, when its ids were read as ours

    def fields(self) -> list[FieldDiff]:
        """Every field where the package and this ledger differ, with the base's value beside them."""
        return diff(record_dict(self.theirs), record_dict(self.ours), self.base.values if self.base else None,
                    had_base=self.base is not None)

    def label(self, ledger: Ledger) -> str:
        return conflict_label(ledger, self.theirs)


@dataclass
class Result:
    package: package_file.Manifest
    file_name: str
    dry_run: bool
    already: str | None = None                   # when it was imported before
    rows: list[Incoming] = field(default_factory=list)
    same_code: list[same_firm.SameCode] = field(default_factory=list)   # 是同一企业吗? to ask before importing
    accepted: int | None = None    # a 回执: how many of this ledger's rows the city says it holds

    def counts(self) -> dict[str, Counter]:
        out: dict[str, Counter] = {}
        for inc in self.rows:
            out.setdefault(inc.theirs.table, Counter())[inc.cls] += 1
        return out

    def to_review(self) -> list[Incoming]:
        """The rows a clerk looks at one by one before importing: conflicts, then updates, then ours kept."""
        order = {CONFLICT: 0, CHANGED: 1, OURS_NEWER: 2}
        return sorted((inc for inc in self.rows if inc.cls in order and inc.ours is not None),
                      key=lambda inc: order[inc.cls])

    def totals(self) -> Counter:
        return Counter(inc.cls for inc in self.rows)

    def total_line(self) -> str:
        t = self.totals()
        return i18n.tr("合计：新增 {new}，更新 {changed}，未变 {same}，本地较新 {ours}，冲突 {conflict}").format(
            new=t[NEW], changed=t[CHANGED], same=t[UNCHANGED], ours=t[OURS_NEWER], conflict=t[CONFLICT])

    def lines(self) -> list[str]:
        """The summary a clerk reads: one line per table, then the totals."""
        if self.already:
            return [i18n.tr("该包已导入过（{at}），本次未作改动").format(at=self.already[:16].replace("T", " "))]
        if self.accepted is not None:
            line = i18n.tr("{city}的回执：市里已有本单位报送的 {n} 条记录，下次报送只含此后新增或改过的").format(
                city=self.package.from_unit.get("name"), n=self.accepted)
            return [line] + ([i18n.tr("（试导入，未写入台账）")] if self.dry_run else [])
        out = []
        for table, counter in self.counts().items():
            parts = [f"{class_label(c)} {counter[c]}" for c in CLASS_LABELS if counter[c]]
            out.append(f"{share.table_label(table)}：{'，'.join(parts)}")
        out.append(self.total_line())
        if self.dry_run:
            out.append(i18n.tr("（试导入，未写入台账）"))
        return out


def _check_addressee(ledger: Ledger, m: package_file.Manifest, path: Path) -> dict[str, str]:
    """Refuse a package not meant for this ledger; the ids it names for us that we know by others (a city)."""
    if m.kind == package_file.RECEIPT:
        receipt.check_addressee(ledger, m, path.name)
        return {}
    if m.kind in (package_file.SUBMISSION, package_file.EMPTY_SUBMISSION):
        return upward.sender_aliases(ledger, m, path.name)
    name = path.name
    if m.kind != package_file.DISTRIBUTION:
        raise UserError(i18n.tr("{file} 是{kind}，本台账只能导入上级单位的下发包").format(file=name, kind=m.kind_label))
    if m.to_unit.get("id") != ledger.unit.id and m.to_unit.get("name") == ledger.unit.name:
        raise UserError(i18n.tr("本台账不是用“{sender}”的下发包创建的，无法接收 {file}；请用“从下发包创建”新建本单位台账").format(
            sender=m.from_unit.get("name"), file=name), option="init --from-package FILE")
    if m.to_unit.get("id") != ledger.unit.id:
        raise UserError(i18n.tr("{file} 是发给“{to}”的下发包，本台账属于“{me}”，未导入").format(
            file=name, to=m.to_unit.get("name"), me=ledger.unit.name))
    if m.from_unit.get("id") != ledger.unit.parent_id:
        raise UserError(i18n.tr("{file} 来自“{sender}”，不是本单位的上级单位，未导入").format(
            file=name, sender=m.from_unit.get("name")))
    return {}


def _imported_at(ledger: Ledger, package_id: str) -> str | None:
    row = ledger.conn.execute("SELECT at FROM package_log WHERE package_id = ? AND direction = 'import'",
                              (package_id,)).fetchone()
    return row[0] if row else None


def _last_seq(ledger: Ledger, peer: str) -> int:
    row = ledger.conn.execute("SELECT MAX(seq) FROM package_log WHERE direction = 'import' AND peer_unit_id = ?",
                              (peer,)).fetchone()
    return row[0] or 0


def import_package(ledger: Ledger, path: Path | str, *, dry_run: bool = False,
                   same: dict[str, str] | None = None) -> Result:
    """``same``: the firms the clerk confirmed 是同一企业 (the package's id → ours, from a dry run's ``same_code``)."""
    path = Path(path)
    with package_file.opened(path) as pkg:
        return import_opened(ledger, pkg, dry_run=dry_run, same=same)


def import_opened(ledger: Ledger, pkg: package_file.Package, *, dry_run: bool = False,
                  same: dict[str, str] | None = None) -> Result:
    m, path = pkg.manifest, pkg.path
    aliases = _check_addressee(ledger, m, path)
    result = Result(m, path.name, dry_run, already=_imported_at(ledger, m.package_id))
    if result.already:
        return result
    receipt_ = m.kind == package_file.RECEIPT  # from the city this county reports to, filed as its parent
    peer = ledger.unit.parent_id if receipt_ else upward.local_peer(aliases, m.from_unit["id"])
    if m.seq < (last := _last_seq(ledger, peer)):
        raise UserError(i18n.tr("{file} 是第 {seq} 号{kind}，早于已导入的第 {last} 号，未导入（以免数据倒退）").format(
            file=path.name, seq=m.seq, kind=m.kind_label, last=last))
    down, fresh = m.kind == package_file.DISTRIBUTION, dict(same or {})
    try:
        if receipt_:
            result.accepted = receipt.apply(ledger, pkg, dry_run=dry_run)
            return result
        merged = same_firm.read_down(pkg.rows("settings")) if down else same_firm.known(ledger.conn, peer)
        result.rows = classify(ledger, pkg, peer, aliases | merged | fresh, asked=result.same_code, fresh=fresh)
        if result.same_code and (down or not dry_run):
            raise same_firm.refusal(path.name, m.from_unit.get("name") or "", result.same_code[0], down=down)
        if not dry_run:
            _apply(ledger, pkg, result, peer, aliases, fresh)
    except (sqlite3.Error, KeyError, TypeError, ValueError) as exc:  # the package's rows: nothing is kept
        raise UserError(i18n.tr("{file} 的内容无法读取（文件被改动或不是本程序生成的），未导入：{why}").format(
            file=path.name, why=_short(exc))) from exc
    return result


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] + ("…" if len(text) > 120 else "")


def classify(ledger: Ledger, pkg: package_file.Package, peer: str, aliases: dict[str, str], *,
             asked: list, fresh: dict[str, str]) -> list[Incoming]:
    """``asked`` collects the new firms whose code this ledger holds under another record (是同一企业吗?);
    ``fresh`` are the merges confirmed for this import, checked here against what the package holds."""
    conn = ledger.conn
    back = {ours: theirs for theirs, ours in aliases.items()}
    # a ledger made from this distribution: its unit rows are the package's
    down = pkg.manifest.kind == package_file.DISTRIBUTION
    first = down and _last_seq(ledger, peer) == 0
    accepted = read_accepted(pkg) if down else {}
    out = []
    for kind in share.KINDS:
        if kind.table not in pkg.manifest.counts:
            continue
        raw_all = list(records.read(pkg.conn, kind.table))
        theirs_all = [upward.read_as_ours(conn, r, aliases, peer) for r in raw_all]
        if not theirs_all:
            continue
        ours_by_id = {r.id: r for r in records.read(conn, kind.table, [r.id for r in theirs_all])}
        known = bases(conn, peer, kind.table)
        for raw, theirs in zip(raw_all, theirs_all, strict=True):
            ours, base = ours_by_id.get(theirs.id), known.get(theirs.id)
            if raw.id in fresh and (ours is None or ours.row.get("uscc") != theirs.row.get("uscc")):
                raise UserError(i18n.tr("要合并的企业“{name}”与本台账的记录不符，请重新导入").format(
                    name=theirs.row.get("name")))
            cls = _class(theirs, ours, base)
            if cls == CONFLICT and base is None and (first or (kind.table == "units" and theirs.id == peer)):
                cls = CHANGED  # a ledger made from this package; a sender's first word on its own unit row
            elif cls in (CONFLICT, OURS_NEWER) and (seen := accepted.get((kind.table, raw.id))) and \
                    seen == upward.read_as_ours(conn, ours, back, "").hash():
                cls = CHANGED  # the county decided this row with our values in view: its word stands
            if kind.table == "enterprises" and cls in (NEW, CHANGED) and (found := same_firm.find(conn, theirs)):
                asked.append(found)
            out.append(Incoming(cls, theirs, ours, base, raw if theirs is not raw else None))
    return out


def _class(theirs: records.Record, ours: records.Record | None, base: Base | None) -> str:
    if ours is None:
        return NEW
    t, o = theirs.hash(), ours.hash()
    if t == o:
        return UNCHANGED
    if base is None:  # never accepted from this sender, yet both hold it differently
        return CONFLICT
    if o == base.hash:
        return CHANGED
    if t == base.hash:
        return OURS_NEWER
    return CONFLICT


def _apply(ledger: Ledger, pkg: package_file.Package, result: Result, peer: str, aliases: dict[str, str],
           fresh: dict[str, str]) -> None:
    conn, m = ledger.conn, result.package
    reason = i18n.tr("导入{kind}：{file}").format(kind=m.kind_label, file=result.file_name)
    with ledger.write() as w:
        w.receiving = True
        try:
            conn.execute("PRAGMA defer_foreign_keys = ON")
            if (sender := m.from_unit["id"]) in aliases:
                upward.remember(conn, {sender: aliases[sender]})
            same_firm.remember(conn, peer, fresh)
            for blob in pkg.rows("file_blobs"):
                conn.execute("INSERT OR IGNORE INTO file_blobs (sha256, size, data) VALUES (?, ?, ?)",
                             (blob["sha256"], blob["size"], blob["data"]))
            for inc in result.rows:
                if inc.cls in (NEW, CHANGED):
                    try:
                        write_record(ledger, inc.theirs, inc.ours, reason)
                    except sqlite3.IntegrityError as exc:  # a rule of this ledger the row breaks: nothing is kept
                        raise UserError(i18n.tr("{file}：{what} 与本台账已有的记录冲突（{why}），整包未导入").format(
                            file=result.file_name, what=conflict_label(ledger, inc.theirs), why=exc)) from exc
                if inc.cls == CONFLICT:
                    _queue(ledger, inc, peer, m.package_id)
                else:
                    remember_base(conn, peer, inc.theirs, inc.sent)
            for row in pkg.rows("settings"):
                if row["key"] in share.CALENDAR_SETTINGS or row["key"] == share.RETURNS_SETTING:
                    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                                 "SET value = excluded.value", (row["key"], row["value"]))
            totals = result.totals()
            w.insert("package_log", {
                "unit_id": peer, "direction": "import", "period": m.period or "", "file_name": result.file_name,
                "sha256": pkg.sha256, "at": now(), "operator": ledger.operator, "package_id": m.package_id,
                "kind": m.kind, "peer_unit_id": peer, "seq": m.seq,
                "summary": json.dumps(dict(totals), ensure_ascii=False)})
        finally:
            w.receiving = False


def conflict_label(ledger: Ledger, rec: records.Record) -> str:
    return record_label(ledger, rec.table, rec.row)


def write_record(ledger: Ledger, theirs: records.Record, ours: records.Record | None, reason: str) -> None:
    """Make this ledger's record equal ``theirs`` (children by id), with audit rows."""
    w, conn = ledger.writer, ledger.conn
    row = _known(w, theirs.table, theirs.row)
    _upsert(conn, theirs.table, row)
    old = ours.row if ours else None
    changed = {k: v for k, v in row.items() if old is None or old.get(k) != v}
    w.log("insert" if old is None else "update", theirs.table, theirs.id,
          None if old is None else {k: old.get(k) for k in changed}, _printable(changed), reason)
    for child, rows in theirs.children.items():
        kept = {r["id"] for r in rows}
        for gone in (ours.children.get(child, []) if ours else []):
            if gone["id"] not in kept:
                conn.execute(f"DELETE FROM {child} WHERE id = ?", (gone["id"],))
        for r in rows:
            _upsert(conn, child, _known(w, child, r))
        if rows or ours:
            w.touch(child, None)


def _known(w, table: str, row: dict) -> dict:
    cols = w.columns(table)
    return {k: v for k, v in row.items() if k in cols}


def _upsert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    names = list(row)
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
    conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
                 f"ON CONFLICT(id) DO UPDATE SET {updates}", [row[n] for n in names])


def _printable(row: dict) -> dict:
    return {k: (f"<{len(v)} bytes>" if isinstance(v, bytes | bytearray) else v) for k, v in row.items()}


def _queue(ledger: Ledger, inc: Incoming, peer: str, package_id: str) -> None:
    conn = ledger.conn
    conn.execute("DELETE FROM exchange_conflicts WHERE peer_unit_id = ? AND table_name = ? AND row_id = ? "
                 "AND resolved_at IS NULL", (peer, inc.theirs.table, inc.theirs.id))
    conn.execute(
        "INSERT INTO exchange_conflicts (id, peer_unit_id, package_id, table_name, row_id, base_values, their_values, "
        "our_values, their_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new_id(), peer, package_id, inc.theirs.table, inc.theirs.id, inc.base.as_json() if inc.base else None,
         _record_json(inc.theirs), _record_json(inc.ours), inc.theirs.version, now()))
    ledger.writer.touch("exchange_conflicts", None)


def _record_json(rec: records.Record | None) -> str:
    if rec is None:
        return "null"
    return json.dumps({"row": rec.row, "children": rec.children}, ensure_ascii=False, default=package_file._blob)
