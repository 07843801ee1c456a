"""The list queries behind the tabs: search (FTS and LIKE), filters, sort."""

from db.listing import build_query
from desktop_app.services import enterprises, talent, tasks
from desktop_app.services.listing import ListQuery, ListSource


def names(src, **kw):
    q = ListQuery(**kw)
    ids = src.rowids(q)
    rows = src.rows(ids)
    return [rows[i][0] for i in ids]


def test_three_char_search_uses_trigrams_short_uses_character_index(demo_ledger):
    spec = enterprises.LIST
    sql3, _ = build_query(spec, ListQuery(search="煤层气"))
    sql2, p2 = build_query(spec, ListQuery(search="蓝焰"))
    sql1, p1 = build_query(spec, ListQuery(search="顺"))
    assert "enterprises_fts MATCH" in sql3 and "LIKE" not in sql3
    assert "enterprise_name_chars WHERE chars = ?" in sql2 and p2[-1] == "蓝焰" and "LIKE" not in sql2
    assert "chars >= ? AND chars < ?" in sql1 and p1[-2:] == ["顺", chr(ord("顺") + 1)]
    src = ListSource(demo_ledger, spec)
    assert names(src, search="蓝焰") == ["山西蓝焰煤层气集团有限责任公司"]
    three = names(src, search="煤层气")
    assert "山西蓝焰煤层气集团有限责任公司" in three and "沁水县恒泰食品有限公司" not in three
    assert names(src, search="顺") == ["沁水县顺世达铸业有限公司"]
    # the character index gives substring semantics: adjacent, in order
    assert names(src, search="焰蓝") == []
    assert set(names(src, search="精铸")) == {"山西鑫伟精铸有限公司"}


def test_character_index_follows_writes(ledger):
    eid = enterprises.save(ledger, {"name": "沁水县泽华铸造有限公司", "uscc": "91350100M000100Y43"})
    src = ListSource(ledger, enterprises.LIST)
    assert names(src, search="泽华") == ["沁水县泽华铸造有限公司"]
    enterprises.save(ledger, {**enterprises.get(ledger, eid), "name": "沁水县润丰铸造有限公司"}, eid)
    assert names(src, search="泽华") == [] and names(src, search="润丰") == ["沁水县润丰铸造有限公司"]
    enterprises.delete(ledger, eid)
    assert names(src, search="润丰") == []


def test_search_by_credit_code_fragment(demo_ledger):
    src = ListSource(demo_ledger, enterprises.LIST)
    code = demo_ledger.conn.execute(
        "SELECT uscc FROM enterprises WHERE name = '山西易高煤层气有限公司'").fetchone()[0]
    assert names(src, search=code[-8:]) == ["山西易高煤层气有限公司"]


def test_special_characters_do_not_break_search(demo_ledger):
    src = ListSource(demo_ledger, enterprises.LIST)
    for text in ('"', "%", "_", "'", 'a"b"c', "OR", "煤*"):
        assert isinstance(names(src, search=text), list)


def test_filters_and_sort(demo_ledger):
    src = ListSource(demo_ledger, enterprises.LIST)
    coal = names(src, filters={"industry": "煤炭"})
    assert coal and all(r for r in coal)
    below = names(src, filters={"above_scale": 0})
    assert set(below) == {"沁水县菲利普斯智能装备有限公司", "沁水县圣康蜂产品有限公司"}
    asc = names(src, sort_key="name")
    assert asc == sorted(asc)
    assert names(src, sort_key="name", descending=True) == asc[::-1]


def test_task_list_shows_multi_person_cells(demo_ledger):
    src = ListSource(demo_ledger, tasks.LIST)
    keys = src.keys
    ids = src.rowids(ListQuery(search="秦鹏飞"))
    rows = src.rows(ids)
    assert len(ids) == 1
    row = rows[ids[0]]
    assert row[keys.index("leader")] == "刘建武 张 雁"
    assert row[keys.index("section")] == "市场监管股 技改与投资规划股"
    # the 县发改局 line pair under 推动跨区域协同创新 is one assignment with two contacts
    ids = src.rowids(ListQuery(search="推动跨区域协同创新"))
    depts = [src.rows(ids)[i][keys.index("department")] for i in ids]
    assert depts.count("县发改局") == 1
    fagai = next(src.rows(ids)[i] for i in ids if src.rows([i])[i][keys.index("department")] == "县发改局")
    assert fagai[keys.index("handler")] == "刘海胜；韩春彤"


def test_talent_filters_combine(demo_ledger):
    src = ListSource(demo_ledger, talent.LIST)
    got = names(src, filters={"category": "专业技术人才", "industry": "煤层气"})
    assert set(got) == {"张遂安", "李沁阳", "程静怡"}  # 程静怡: demo step talent.py


def test_sort_expression_with_commas_stays_one_term(demo_ledger):
    from db.listing import Column, ListSpec

    spec = ListSpec(table="enterprises", columns=(Column("n", "t.name", sort_sql="substr(t.name, 3, 4)"),),
                    default_sort="n")
    src = ListSource(demo_ledger, spec)
    got = [src.rows([i])[i][0] for i in src.rowids(ListQuery())]
    assert [g[2:6] for g in got] == sorted(g[2:6] for g in got)
