"""resources/seeds/rewards.toml against 001 附件2 绛县支持科技创新的若干政策."""

from tests.resources.seedtext import between, number_text, seed, squash, toml

NUMERALS = "一二三四五六七八九十"
EVENTS = {
    "high_tech_new",
    "high_tech_recertified",
    "key_lab",
    "engineering_center",
    "pilot_base",
    "alliance",
    "major_project",
    "tech_transfer_deal",
    "rd_intensity_top10",
    "tech_transfer_institution",
    "incubator",
    "maker_space",
    "university_institute",
    "high_level_talent",
}
AWARD_KEYS = {"event", "level", "amount_wan", "max", "case_by_case"}


def annex2() -> str:
    return between(seed("001"), "# 绛县支持科技创新的若干政策")


def rewards():
    return toml("rewards.toml")


def test_ten_policies_in_order():
    policies = rewards()["policy"]
    assert [p["seq"] for p in policies] == list(range(1, 11))
    assert [p["numeral"] for p in policies] == list(NUMERALS)


def test_heading_and_text_verbatim():
    flat = squash(annex2())
    for p in rewards()["policy"]:
        assert squash(p["text"]) in flat, p["seq"]
        # heading "二、支持科技创新平台建设" directly followed by its paragraph
        assert squash(f"{p['numeral']}、{p['title']}{p['text']}") in flat, p["seq"]
        assert p["text"].endswith("。")


def test_intro_and_title():
    assert rewards()["document"] == "001"
    assert rewards()["title"] in annex2()
    assert rewards()["intro"] in annex2()


def test_awards():
    for p in rewards()["policy"]:
        assert p["award"], p["seq"]
        for a in p["award"]:
            assert set(a) <= AWARD_KEYS and a["event"] in EVENTS, a
            assert a["level"] in {"国家级", "省级", ""}
            if a["level"]:
                assert a["level"] in p["text"]
            if "amount_wan" in a:
                assert squash(f"{number_text(a['amount_wan'])} 万元") in squash(p["text"]), a
            else:
                assert a.get("case_by_case"), a
            if a.get("max"):
                assert "最高" in p["text"]
            if a.get("case_by_case"):
                assert "一事一议" in p["text"] or "运发〔2017〕" in p["text"]
        if "最高" in p["text"]:
            assert all(a.get("max") for a in p["award"])
        if "一事一议" in p["text"]:
            assert all(a.get("case_by_case") for a in p["award"])


def test_each_event_and_amounts():
    awards = {(a["event"], a["level"]): a for p in rewards()["policy"] for a in p["award"]}
    assert {e for e, _ in awards} == EVENTS
    assert awards[("high_tech_new", "")]["amount_wan"] == 5
    assert awards[("key_lab", "国家级")]["amount_wan"] == 20
    assert awards[("pilot_base", "省级")]["amount_wan"] == 10
    assert awards[("incubator", "国家级")]["amount_wan"] == 30
    assert awards[("maker_space", "省级")]["amount_wan"] == 10
    assert awards[("tech_transfer_deal", "")] == {
        "event": "tech_transfer_deal",
        "level": "",
        "amount_wan": 5,
        "max": True,
    }
    assert awards[("rd_intensity_top10", "")]["max"] is True
    for event in ("major_project", "university_institute", "high_level_talent"):
        assert awards[(event, "")].get("case_by_case") is True
        assert "amount_wan" not in awards[(event, "")]


def test_no_double_award_rule():
    rule = rewards()["rule"]
    assert rule["no_double_award"] is True
    assert rule["text"].startswith("同一企业(机构)的同一个项目(技术)")
    assert "不予重复奖励补助" in rule["text"]
    assert rule["text"] in annex2()
    assert rule["misconduct_text"] in annex2()
