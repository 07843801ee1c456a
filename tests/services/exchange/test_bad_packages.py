"""A package that is not for this ledger, or not a package at all: one clear line, the ledger untouched."""

import json
import shutil
import sqlite3
import zipfile

import pytest

from desktop_app import cli
from desktop_app.services.exchange import distribute, lower_ledger
from tests.conftest import file_state


@pytest.fixture
def lower(demo_ledger, tmp_path):
    """郑庄镇's ledger (closed), the county still open, and a second distribution package."""
    county = demo_ledger
    first = distribute.export_for(county, "郑庄镇", tmp_path / "zz.bsb").path
    lg, _ = lower_ledger.create_from_package(first, tmp_path / "zz.sqlite3", operator="填报员")
    lg.close()
    return county, tmp_path / "zz.sqlite3", distribute.export_for(county, "郑庄镇", tmp_path / "zz2.bsb").path


def _import(db, pkg, capsys):
    code = cli.run(["--db", str(db), "import-package", str(pkg)])
    err = capsys.readouterr().err.strip()
    return code, err


def _rewrite_manifest(pkg, change):
    with sqlite3.connect(pkg) as c:
        body = json.loads(c.execute("SELECT body FROM manifest").fetchone()[0])
        change(body)
        c.execute("UPDATE manifest SET body = ?", (json.dumps(body, ensure_ascii=False),))
    c.close()


def test_bad_packages_are_refused_with_one_line_and_change_nothing(lower, tmp_path, capsys):
    county, db, good = lower
    other = distribute.export_for(county, "嘉峰镇", tmp_path / "jf.bsb").path
    cases = {"发给“嘉峰镇”": other}

    newer = tmp_path / "newer.bsb"
    shutil.copy(good, newer)
    _rewrite_manifest(newer, lambda b: b.update(schema_version=b["schema_version"] + 1))
    cases["较新版本"] = newer

    stranger = tmp_path / "stranger.bsb"
    shutil.copy(good, stranger)
    _rewrite_manifest(stranger, lambda b: b["from_unit"].update(id="someone-else", name="阳城县"))
    cases["不是本单位的上级"] = stranger

    tampered = tmp_path / "tampered.bsb"
    shutil.copy(good, tampered)
    with sqlite3.connect(tampered) as c:
        c.execute("UPDATE enterprises SET name = '改过的'")
    c.close()
    cases["校验和不符"] = tampered

    truncated = tmp_path / "truncated.bsb"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    cases["损坏"] = truncated

    text = tmp_path / "text.bsb"
    text.write_text("这不是一个包", encoding="utf-8")
    cases["不是报送包文件"] = text

    workbook = tmp_path / "台账.bsb"
    with zipfile.ZipFile(workbook, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    cases["Excel 工作簿"] = workbook

    plain = tmp_path / "plain.bsb"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    cases["没有包清单"] = plain

    before = file_state(db)
    for expected, pkg in cases.items():
        code, err = _import(db, pkg, capsys)
        assert code == 2, expected
        assert expected in err and pkg.name in err and len(err.splitlines()) == 1, (expected, err)
        assert file_state(db) == before, expected


def test_a_good_package_still_imports_after_the_refusals(lower, capsys):
    _, db, good = lower
    before = file_state(db)
    code = cli.run(["--db", str(db), "import-package", str(good), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and "试导入" in out and "企业" in out
    assert file_state(db) == before  # a dry run writes nothing
    assert cli.run(["--db", str(db), "import-package", str(good)]) == 0
    assert cli.run(["--db", str(db), "import-package", str(good)]) == 0
    assert "已导入过" in capsys.readouterr().out
