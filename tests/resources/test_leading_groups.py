"""resources/seeds/leading_groups.toml against the seed texts."""

import re

from tests.resources.seedtext import between, qinshui_annex1, readme, seed, toml

ROLES = {"组长", "副组长", "成员", "办公室主任", "办公室副主任"}
LIST_ROLES = ("组长", "副组长", "成员")


def annex(document: str) -> str:
    if document == "000":
        return qinshui_annex1()
    if document == "001":
        return between(seed("001"), "## 绛县“111”创新工程领导组", "## 附件 2:")
    return between(seed("004"), "晋城市创新活动推进小组成员名单\n", "抄送：")


def groups():
    return toml("leading_groups.toml")["group"]


def test_three_groups():
    assert [g["document"] for g in groups()] == ["000", "001", "004"]
    assert len({g["key"] for g in groups()}) == 3


def test_headings_names_notes_printed():
    for g in groups():
        text = annex(g["document"])
        assert g["heading"] in text
        assert g["name"] in text
        for field in ("office_note", "duty_note", "succession_note"):
            if field in g:
                assert g[field] in text, (g["key"], field)
        assert "办公室" in g["office_note"]


def test_members_printed_with_their_position():
    for g in groups():
        text = annex(g["document"])
        for m in g["member"]:
            assert m["role"] in ROLES
            assert m["name"] in text, m
            if m["position"]:
                assert m["position"] in text, m
                # the position follows the name as printed ("郭 斌 县发展和改革委员会局长")
                assert (
                    f"{m['name']} {m['position']}" in text or f"{m['name']}{m['position']}" in text
                ), m
            else:
                assert m["note"] in text


def test_list_members_in_printed_order():
    for g in groups():
        text = annex(g["document"])
        listed = [m for m in g["member"] if m["role"] in LIST_ROLES]
        positions = [text.index(f"{m['name']} {m['position']}") for m in listed]
        assert positions == sorted(positions), g["key"]
        roles = [m["role"] for m in listed]
        assert roles == sorted(roles, key=LIST_ROLES.index)


def test_every_printed_member_line_is_present():
    """Independent count of 'name position' pairs printed after each role label."""
    for g in groups():
        text = annex(g["document"])
        listed = [m for m in g["member"] if m["role"] in LIST_ROLES]
        start = text.index("组 长")
        end = min(
            i for i in (text.find("领导小组下设"), text.find("创新活动推进小组负责")) if i > 0
        )
        lines = [
            re.sub(r"^[-\s]*(组 长|副组长|成 员)：", "", ln).strip()
            for ln in text[start:end].splitlines()
        ]
        lines = [ln for ln in lines if ln]
        assert len(lines) == len(listed), g["key"]


def test_padding_kept():
    names = {m["name"] for g in groups() for m in g["member"]}
    assert {"郭 斌", "李 翔", "刘 飞", "王 震", "郑 泽", "原 健"} <= names


def test_double_roles():
    by_key = {g["key"]: g for g in groups()}
    qs = by_key["qinshui-innovation-ecosystem"]["member"]
    assert {"role": "副组长", "name": "常志峰", "position": "县政府副县长"} in qs
    assert {"role": "办公室主任", "name": "常志峰", "position": "（兼）"} in qs
    assert [m["name"] for m in qs if m["role"] == "办公室副主任"] == ["李振强", "薛建锁"]
    jx = by_key["jiangxian-111-project"]["member"]
    assert [m["name"] for m in jx if m["role"] == "办公室主任"] == ["刘飞"]


def test_member_counts_match_readme():
    expected = {"000": 21, "001": 15, "004": 25}
    for g in groups():
        assert len(g["member"]) == expected[g["document"]]
        m = re.search(
            r"^\|\s*" + g["document"] + r" " + re.escape(g["name"]) + r"\s*\|\s*(\d+)\s*\|",
            readme(),
            re.M,
        )
        assert m and int(m.group(1)) == len(g["member"])
