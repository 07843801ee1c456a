"""resources/catalogs.toml: lists are complete, ordered, and taken from the seeds."""

import re

from tests.resources.seedtext import between, csv_rows, seed, squash, toml

ALL_LISTS = (
    "platform_types",
    "platform_levels",
    "platform_statuses",
    "industries",
    "survey_directions",
    "other_activities",
    "talent_categories",
    "intro_methods",
    "talent_industries",
    "education_levels",
    "degrees",
    "professional_titles",
    "talent_support_kinds",
    "progress_statuses",
    "departments",
    "qinshui_townships",
    "qinshui_zones",
)


def cat():
    return toml("catalogs.toml")


def survey_form() -> str:
    return between(
        seed("004"), "企业创新活动开展情况调查表\n\n企业全称", "晋城市创新活动推进小组成员名单"
    )


def test_lists_are_string_lists_without_duplicates():
    for name in ALL_LISTS:
        items = cat()[name]
        assert items and all(isinstance(i, str) and i == i.strip() and i for i in items), name
        assert len(items) == len(set(items)), name


def test_fixed_lists():
    c = cat()
    assert len(c["platform_types"]) == 18
    assert {"重点实验室", "博士(后)工作站", "小微企业创业创新基地", "技术转移机构"} <= set(
        c["platform_types"]
    )
    assert c["platform_levels"] == ["国家级", "省级", "市级", "县级"]
    assert c["platform_statuses"] == ["培育中", "申报中", "已认定", "已撤销"]
    assert c["progress_statuses"] == ["未启动", "推进中", "已完成", "滞后"]
    assert c["talent_categories"] == [
        "党政人才",
        "企业经营管理人才",
        "专业技术人才",
        "高技能人才",
        "社会工作人才",
        "农村实用人才",
    ]
    assert len(c["intro_methods"]) == 8 and len(c["talent_industries"]) == 10
    assert c["degrees"] == ["博士", "硕士", "学士", "无"]
    assert c["professional_titles"] == ["正高级", "副高级", "中级", "初级", "无"]


def test_enterprise_titles():
    titles = {t["name"]: t for t in cat()["enterprise_titles"]}
    assert list(titles) == [
        "高新技术企业",
        "科技型中小企业",
        "专精特新",
        "专精特新“小巨人”",
        "高科技领军企业",
        "创新型领军企业",
    ]
    assert titles["高新技术企业"]["valid_years"] == 3
    assert titles["科技型中小企业"]["valid_years"] == 1
    assert titles["专精特新"]["levels"] == ["省级", "市级"]
    for t in titles.values():
        assert set(t) == {"name", "levels", "valid_years"}
        assert set(t["levels"]) <= set(cat()["platform_levels"])


def test_industries_and_their_departments():
    text = seed("004")
    sentence = between(text, "其中，市能源局负责", "。")
    c = cat()
    assert len(c["industries"]) == 13
    positions = [sentence.index(i) for i in c["industries"]]
    assert positions == sorted(positions)  # printed order
    mapping = {d["industry"]: d["department"] for d in c["industry_departments"]}
    assert list(mapping) == c["industries"]
    for clause in sentence.split("，")[1:]:
        department, _, sectors = clause.partition("负责")
        department = department.removeprefix("其中，")
        for industry in c["industries"]:
            if industry in sectors:
                assert mapping[industry] == department, industry
    assert set(mapping.values()) == {"市能源局", "市城市管理局", "市工信局"}


def test_survey_directions():
    form = between(survey_form(), "三、企业创新相关活动开展情况", "其他创新活动")
    rows = [ln.split("\t")[0] for ln in form.splitlines()[3:] if ln.strip()]
    assert rows == cat()["survey_directions"]


def test_other_activities_fourteen_checkboxes():
    line = next(ln for ln in survey_form().splitlines() if ln.startswith("其他创新活动"))
    printed = [s.strip() for s in line.split('<input type="checkbox"/>')[1:]]
    assert len(printed) == 14
    assert cat()["other_activities"] == printed
    assert "开展“五小”创新及工业设计等活动" in cat()["other_activities"]


def test_activity_catalogue():
    annex1 = between(seed("004"), "附件 1\n\n企业技术创新活动内容", "附件 2")
    flat = squash(annex1)
    rows = cat()["activity_catalogue"]
    assert [r["layer"] for r in rows] == ["基础创新活动"] * 3 + ["高端创新活动"] * 3
    assert [r["direction"] for r in rows] == [
        "技术创新投入",
        "创新人才培养",
        "创新项目实施",
        "创新平台建设",
        "关键共性技术研发",
        "国际化合作",
    ]
    for r in rows:
        assert squash(r["layer"]) in flat and r["direction"] in annex1
        assert squash(r["content"]) in flat, r["direction"]
    platform = rows[3]["content"]
    assert re.findall(r"^(\d)\. ", platform, re.M) == ["1", "2", "3"]
    assert cat()["activity_catalogue_intro"] in annex1


def test_helper_system():
    annex2 = between(seed("004"), "附件 2\n\n帮扶、指导体系主要任务表", "附件 3")
    rows = cat()["helper_system"]
    printed = [ln.split("\t") for ln in annex2.splitlines()[5:] if ln.strip()]
    assert [(r["seq"], r["category"], r["tasks"]) for r in rows] == [
        (p[0], p[1], p[2] if len(p) > 2 else "") for p in printed
    ]
    assert [r["category"] for r in rows if not r["group"]] == ["三方帮扶体系", "三层指导体系"]


def test_departments_equal_csv_units_in_first_appearance_order():
    units = list(dict.fromkeys(r["责任单位"] for r in csv_rows()))
    assert cat()["departments"] == units


def test_townships_and_zone():
    towns = cat()["qinshui_townships"]
    assert len(towns) == 12
    assert [t[-1] for t in towns] == ["镇"] * 7 + ["乡"] * 5
    assert cat()["qinshui_zones"] == ["沁水经济技术开发区"]
    assert "沁水经济技术开发区" in cat()["departments"]
