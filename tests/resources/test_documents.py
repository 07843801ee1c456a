import datetime
import re

from tests.resources.seedtext import FIXTURES, SEED_FILES, occurs, seed, toml

SCOPES = {"000": "沁水县", "001": "绛县", "002": "沁水县", "003": "运城市", "004": "晋城市"}


def documents():
    return toml("documents.toml")["document"]


def test_five_documents_in_order():
    assert [d["key"] for d in documents()] == ["000", "001", "002", "003", "004"]


def test_source_files_present():
    for d in documents():
        assert d["source_file"] == SEED_FILES[d["key"]]
        assert (FIXTURES / d["source_file"]).is_file()


def test_doc_no_printed():
    for d in documents():
        if d["key"] == "003":
            assert d.get("doc_no", "") == ""
            continue
        assert re.fullmatch(r".+〔\d{4}〕\d+号", d["doc_no"]), d["doc_no"]
        assert d["doc_no"] in seed(d["key"])


def test_title_printed():
    for d in documents():
        assert occurs(d["title"], seed(d["key"])), d["title"]
    assert documents()[0]["title"] == "关于打造创新生态小气候的实施方案（试行）"


def test_issuers_printed():
    for d in documents():
        assert isinstance(d["issuer"], list)
        for issuer in d["issuer"]:
            assert issuer in seed(d["key"]), issuer
    assert documents()[3]["issuer"] == []


def test_dates():
    for d in documents():
        day = datetime.date.fromisoformat(d["issued_on"])
        if d["key"] == "003":
            assert d["issued_on_text"] == "二〇二二年一月"
            assert d["issued_on_text"] in seed("003")
            assert day == datetime.date(2022, 1, 1)
        else:
            assert f"{day.year}年{day.month}月{day.day}日" in seed(d["key"])


def test_scopes():
    for d in documents():
        assert d["scope"] == SCOPES[d["key"]]
