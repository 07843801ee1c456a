import hashlib

import pytest

from desktop_app.errors import UserError, ValidationError
from desktop_app.services import enterprises, evidence
from tests.conftest import file_state


def _survey(ledger, name="沁水县测试煤业有限公司", uscc="91140521MA0K3F2L1W"):
    eid = enterprises.save(ledger, {"name": name, "uscc": uscc})
    with ledger.write() as w:
        return w.insert("surveys", {"enterprise_id": eid, "period": "2024-05"})


def test_attach_list_export_and_dedup(ledger, tmp_path):
    sid = _survey(ledger)
    scan = tmp_path / "研发中心批复.pdf"
    scan.write_bytes(b"%PDF-1.4 scan one")
    first = evidence.attach(ledger, "surveys", sid, scan, note="批准文件")
    files = evidence.list_files(ledger, "surveys", sid)
    assert [(f.file_name, f.size, f.note) for f in files] == [("研发中心批复.pdf", 17, "批准文件")]
    assert files[0].sha256 == hashlib.sha256(b"%PDF-1.4 scan one").hexdigest()

    # the same content under another owner is stored once
    other = _survey_other(ledger)
    evidence.attach(ledger, "surveys", other, scan)
    assert ledger.conn.execute("SELECT COUNT(*) FROM file_blobs").fetchone()[0] == 1
    # … but twice on the same owner is refused
    with pytest.raises(ValidationError, match="内容相同"):
        evidence.attach(ledger, "surveys", sid, scan)

    out = evidence.export(ledger, first, tmp_path / "out.pdf")
    assert out.read_bytes() == b"%PDF-1.4 scan one"
    folder = tmp_path / "all"
    folder.mkdir()
    (folder / "研发中心批复.pdf").write_bytes(b"already here")
    written = evidence.export_all(ledger, "surveys", sid, folder)
    assert [p.name for p in written] == ["研发中心批复（2）.pdf"]


def _survey_other(ledger):
    return _survey(ledger, "沁水县另一公司", "91140521MA0K3F2L20")


def test_remove_is_soft_and_audited(ledger, tmp_path):
    sid = _survey(ledger)
    ev = evidence.attach_bytes(ledger, "surveys", sid, "照片.jpg", b"\xff\xd8jpeg")
    evidence.remove(ledger, ev, reason="传错文件")
    assert evidence.count(ledger, "surveys", sid) == 0
    row = ledger.conn.execute("SELECT reason FROM audit_log WHERE table_name = 'evidence_files' "
                              "AND action = 'delete'").fetchone()
    assert row[0] == "传错文件"
    with pytest.raises(UserError, match="不存在"):
        evidence.content(ledger, ev)


def test_bad_files_leave_the_ledger_unchanged(ledger, tmp_path):
    sid = _survey(ledger)
    before = file_state(ledger.path)
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="空文件"):
        evidence.attach(ledger, "surveys", sid, empty)
    with pytest.raises(ValidationError, match="找不到文件"):
        evidence.attach(ledger, "surveys", sid, tmp_path / "nope.pdf")
    with pytest.raises(UserError, match="不存在或已删除"):
        evidence.attach_bytes(ledger, "surveys", "no-such-id", "a.pdf", b"x")
    assert file_state(ledger.path) == before


def test_too_big(ledger, monkeypatch, tmp_path):
    sid = _survey(ledger)
    monkeypatch.setattr(evidence, "MAX_BYTES", 10)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 11)
    with pytest.raises(ValidationError, match="上限"):
        evidence.attach(ledger, "surveys", sid, big)


def test_corrupt_blob_is_reported(ledger):
    sid = _survey(ledger)
    ev = evidence.attach_bytes(ledger, "surveys", sid, "a.pdf", b"good")
    ledger.conn.execute("UPDATE file_blobs SET data = ?", (b"evil",))
    with pytest.raises(UserError, match="校验不符"):
        evidence.content(ledger, ev)


def test_copy_all_shares_blobs(ledger):
    sid, other = _survey(ledger), _survey_other(ledger)
    evidence.attach_bytes(ledger, "surveys", sid, "a.pdf", b"one")
    evidence.attach_bytes(ledger, "surveys", sid, "b.pdf", b"two")
    assert evidence.copy_all(ledger, "surveys", sid, other) == 2
    assert evidence.copy_all(ledger, "surveys", sid, other) == 0
    assert [f.file_name for f in evidence.list_files(ledger, "surveys", other)] == ["a.pdf", "b.pdf"]
    assert ledger.conn.execute("SELECT COUNT(*) FROM file_blobs").fetchone()[0] == 2


def test_hostile_names_are_stored_plain_and_export_stays_in_the_folder(ledger, tmp_path):
    sid = _survey(ledger)
    for i, name in enumerate(("../../逃逸.pdf", "..\\..\\x.pdf", "坏\x00名.pdf", "CON.pdf")):
        evidence.attach_bytes(ledger, "surveys", sid, name, f"content {i}".encode())
    names = [f.file_name for f in evidence.list_files(ledger, "surveys", sid)]
    assert names == ["逃逸.pdf", "x.pdf", "坏名.pdf", "_CON.pdf"]
    # a ledger from elsewhere may hold a bad name already: export still stays in the folder
    ledger.conn.execute("UPDATE evidence_files SET file_name = '../../outside.pdf' WHERE file_name = 'x.pdf'")
    folder = tmp_path / "导出"
    folder.mkdir()
    written = evidence.export_all(ledger, "surveys", sid, folder)
    assert all(p.resolve().parent == folder.resolve() for p in written)
    assert sorted(p.name for p in written) == sorted(["逃逸.pdf", "outside.pdf", "坏名.pdf", "_CON.pdf"])
    assert not (tmp_path.parent / "outside.pdf").exists()


def _big_file(path, size):
    with path.open("wb") as fh:  # distinct pieces so a shuffled or repeated chunk would show
        for i in range(0, size, 4096):
            fh.write(hashlib.sha256(str(i).encode()).digest() * 128)
        fh.truncate(size)
    return path


def test_a_file_bigger_than_a_chunk_goes_in_and_out_whole(ledger, tmp_path, monkeypatch):
    monkeypatch.setattr(evidence, "CHUNK", 64 * 1024)
    sid = _survey(ledger)
    scan = _big_file(tmp_path / "扫描件.pdf", 64 * 1024 * 5 + 123)  # five chunks and a bit
    ev = evidence.attach(ledger, "surveys", sid, scan)
    data = scan.read_bytes()
    assert tuple(ledger.conn.execute("SELECT length(data), size FROM file_blobs").fetchone()) == (len(data),) * 2
    out = evidence.export(ledger, ev, tmp_path / "导出.pdf")
    assert out.read_bytes() == data
    assert evidence.content(ledger, ev) == data
    assert evidence.get(ledger, ev).sha256 == hashlib.sha256(data).hexdigest()


def test_memory_does_not_grow_with_the_file(ledger, tmp_path):
    import tracemalloc

    sid = _survey(ledger)
    peaks = []
    for n, size in enumerate((4 * evidence.CHUNK, 24 * evidence.CHUNK)):
        scan = _big_file(tmp_path / f"f{n}.pdf", size)
        tracemalloc.start()
        ev = evidence.attach(ledger, "surveys", sid, scan)
        evidence.export(ledger, ev, tmp_path / f"out{n}.pdf")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert (tmp_path / f"out{n}.pdf").stat().st_size == size
    assert max(peaks) < 3 * evidence.CHUNK, peaks  # a 24 MB file never whole in memory
    assert peaks[1] < peaks[0] + evidence.CHUNK, peaks  # six times the file, about the same peak


def test_a_file_changed_while_it_is_attached_is_refused(ledger, tmp_path, monkeypatch):
    monkeypatch.setattr(evidence, "CHUNK", 1024)
    sid = _survey(ledger)
    scan = _big_file(tmp_path / "正在编辑.docx", 10 * 1024)
    real = evidence._digest

    def digest_then_edit(fh, size, name):
        d = real(fh, size, name)
        with scan.open("r+b") as other:  # another program saves it between the hash and the copy
            other.write(b"edited")
        return d

    monkeypatch.setattr(evidence, "_digest", digest_then_edit)
    before = file_state(ledger.path)
    with pytest.raises(ValidationError, match="被改动"):
        evidence.attach(ledger, "surveys", sid, scan)
    assert ledger.conn.execute("SELECT COUNT(*) FROM file_blobs").fetchone()[0] == 0
    assert evidence.count(ledger, "surveys", sid) == 0
    assert file_state(ledger.path) == before


def test_a_corrupt_blob_leaves_no_exported_file(ledger, tmp_path):
    sid = _survey(ledger)
    ev = evidence.attach_bytes(ledger, "surveys", sid, "a.pdf", b"good")
    ledger.conn.execute("UPDATE file_blobs SET data = ?", (b"evil",))
    out = tmp_path / "导出"
    out.mkdir()
    with pytest.raises(UserError, match="校验不符"):
        evidence.export(ledger, ev, out)
    assert list(out.iterdir()) == []


def test_reuse_links_the_stored_content_without_copying_it(ledger, tmp_path):
    sid, other = _survey(ledger), _survey_other(ledger)
    ev = evidence.attach(ledger, "surveys", sid, _big_file(tmp_path / "批复.pdf", 3 * 4096))
    new = evidence.reuse(ledger, "surveys", other, ev)
    assert evidence.get(ledger, new).sha256 == evidence.get(ledger, ev).sha256 and new != ev
    assert ledger.conn.execute("SELECT COUNT(*) FROM file_blobs").fetchone()[0] == 1
    with pytest.raises(ValidationError, match="内容相同"):
        evidence.reuse(ledger, "surveys", other, ev)
    ledger.conn.execute("UPDATE file_blobs SET data = ?", (b"evil",))
    third = _survey(ledger, "沁水县第三公司", "91140521MA0K3F2L33")
    with pytest.raises(UserError, match="校验不符"):
        evidence.reuse(ledger, "surveys", third, ev)


def test_an_export_is_in_the_audit_log_with_where_it_went(ledger, tmp_path):
    sid = _survey(ledger)
    scan = tmp_path / "法人身份证复印件.jpg"
    scan.write_bytes(b"\xff\xd8 id card")
    ev = evidence.attach(ledger, "surveys", sid, scan)
    out = evidence.export(ledger, ev, tmp_path / "导出.jpg")
    row = ledger.conn.execute("SELECT action, table_name, row_id, new_values, operator FROM audit_log "
                              "ORDER BY seq DESC LIMIT 1").fetchone()
    assert row[:3] == ("bulk", "evidence_files", ev) and str(out) in row[3] and "法人身份证复印件.jpg" in row[3]
    assert row[4] == ledger.operator
    before = ledger.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    with pytest.raises(UserError):
        evidence.export(ledger, ev, tmp_path / "没有这个文件夹" / "x.jpg")
    assert ledger.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before  # nothing exported, nothing logged
