"""Fuzz: 2,000+ mutated task workbooks, fixed seeds; each refused with a UserError or read as a
valid preview, quickly, with no other exception, and the ledger's bytes never change."""

import random
import re
import time
import zipfile

import pytest

from desktop_app.errors import UserError
from desktop_app.services.tasks import task_import
from tests.conftest import file_state
from tests.services.tasks.sheets import seed_rows, task_sheet

COUNT = 2000
DOC = {"doc_no": "沁办发〔2026〕99号", "title": "模糊测试"}


def _members(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def _zip(members) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _flip(rng, data: bytes, n: int) -> bytes:
    b = bytearray(data)
    for _ in range(n):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _mutate_xml(rng, data: bytes) -> bytes:
    kind = rng.randrange(7)
    if kind == 0:
        return _flip(rng, data, rng.randint(1, 8))
    if kind == 1:
        return data[: rng.randrange(len(data) + 1)]
    if kind == 2:  # duplicate a slice
        i, j = sorted(rng.randrange(len(data) + 1) for _ in range(2))
        return data[:j] + data[i:j] + data[j:]
    if kind == 3:  # a lying dimension
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:%s%d"' % (
            rng.choice([b"A", b"B", b"XFD"]), rng.choice([1, 3, 1048576])), data)
    if kind == 4:  # huge numbers in row / cell references and values
        return re.sub(rb'(r=")([A-Z]*)(\d+)', lambda m: m.group(1) + m.group(2) + (
            rng.choice([b"99999999", b"1048576", b"0", b"-1"]) if rng.random() < 0.2 else m.group(3)), data)
    if kind == 5:
        return re.sub(rb"<v>[^<]*</v>", lambda m: rng.choice(
            [b"<v>1e999999</v>", b"<v>-1e308</v>", b"<v>nan</v>", b"<v>99999999999999999999</v>", m.group(0)]), data)
    return re.sub(rb'ref="[^"]*"', lambda m: rng.choice([b'ref="A1:XFD1048576"', b'ref="B2:A1"', b'ref=""',
                                                         m.group(0)]), data)


def mutants(good: bytes, members, seed: int):
    rng = random.Random(seed)
    names = [n for n, _ in members]
    for _ in range(COUNT):
        choice = rng.random()
        if choice < 0.3:  # bytes of the zip itself
            data = good
            op = rng.randrange(3)
            if op == 0:
                data = _flip(rng, data, rng.randint(1, 16))
            elif op == 1:
                data = data[: rng.randrange(len(data))]
            else:
                i = rng.randrange(len(data))
                data = data[:i] + data[i: i + rng.randint(1, 500)] + data[i:]
            yield data
            continue
        m = list(members)
        if choice < 0.4:  # swap, drop or duplicate members
            i, j = rng.randrange(len(m)), rng.randrange(len(m))
            op = rng.randrange(3)
            if op == 0:
                m[i], m[j] = (m[i][0], m[j][1]), (m[j][0], m[i][1])
            elif op == 1:
                del m[i]
            else:
                m.append(m[i])
        else:  # XML of one member (mostly the sheet, shared strings, workbook, styles)
            target = rng.choice([n for n in names if n.endswith(".xml") or n.endswith(".rels")]
                                + ["xl/worksheets/sheet1.xml"] * 4)
            m = [(n, _mutate_xml(rng, d) if n == target else d) for n, d in m]
        yield _zip(m)


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("seed", [13])
def test_mutated_task_workbooks_are_refused_or_read_cleanly(ledger, tmp_path, seed):
    good = task_sheet(tmp_path / "good.xlsx", seed_rows()[:4])
    members = _members(good)
    raw = good.read_bytes()
    before = file_state(ledger.path)
    path = tmp_path / "变异.xlsx"
    outcomes = {"refused": 0, "accepted": 0}
    slowest = 0.0
    started = time.monotonic()
    for n, data in enumerate(mutants(raw, members, seed)):
        path.write_bytes(data)
        t0 = time.monotonic()
        preview = task_import.read_sheet(path)  # no exception other than UserError may escape
        if preview.errors:
            assert all("Traceback" not in e.text() for e in preview.errors)
            with pytest.raises(UserError):
                task_import.import_tasks(ledger, preview, DOC)
            outcomes["refused"] += 1
        else:
            assert preview.ok, n
            outcomes["accepted"] += 1
        slowest = max(slowest, time.monotonic() - t0)
        assert slowest < 1.0, (n, slowest)
        if n % 250 == 0:
            assert file_state(ledger.path) == before
    assert file_state(ledger.path) == before
    assert sum(outcomes.values()) == COUNT
    assert outcomes["refused"] > COUNT // 4 and outcomes["accepted"] > 0  # the mutations really bite
    print(f"fuzz seed {seed}: {outcomes}, slowest {slowest:.3f}s, total {time.monotonic() - started:.1f}s")
