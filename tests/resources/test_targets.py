"""resources/seeds/targets.toml against the seed texts."""

import re

import pytest

from tests.resources.seedtext import csv_rows, number_printed, occurs, readme, seed, toml

METRIC_KEYS = {
    "enterprise_title_count": {"title", "level", "since_year"},
    "platform_count": {"types", "min_level", "since_year"},
    "talent_count": {"high_level", "since_year", "category"},
    "coverage_rate": set(),
    "rd_institution_share": set(),
    "rd_spending_growth": set(),
    "manual": set(),
}
FIELDS = {
    "key",
    "document",
    "scope",
    "indicator",
    "measure_unit",
    "baseline",
    "history",
    "baseline_text",
    "values",
    "annual",
    "comparison",
    "metric",
    "source_text",
    "task",
    "note",
}


def targets():
    return toml("targets.toml")["target"]


def catalogs():
    return toml("catalogs.toml")


def test_fields_known():
    for t in targets():
        assert set(t) <= FIELDS, (t["key"], set(t) - FIELDS)
        for field in (
            "key",
            "document",
            "scope",
            "indicator",
            "measure_unit",
            "values",
            "metric",
            "source_text",
        ):
            assert field in t, (t["key"], field)


def test_keys_unique_ascii_slugs():
    keys = [t["key"] for t in targets()]
    assert len(keys) == len(set(keys))
    for t in targets():
        assert re.fullmatch(r"\d{3}-[a-z0-9]+(-[a-z0-9]+)*", t["key"]), t["key"]
        assert t["key"].startswith(t["document"] + "-")


def test_scope_is_the_documents_scope():
    scope = {d["key"]: d["scope"] for d in toml("documents.toml")["document"]}
    for t in targets():
        assert t["scope"] == scope[t["document"]], t["key"]


def test_texts_verbatim():
    for t in targets():
        assert occurs(t["source_text"], seed(t["document"])), t["key"]
        if "baseline_text" in t:
            assert occurs(t["baseline_text"], seed(t["document"])), t["key"]
        if "note" in t:
            assert t["note"].strip()


PLAN_HORIZON = {"002": 2025, "003": 2025}  # the two 十四五 plans


def year_justified(t, year):
    """The year is printed in the text or note, is 十四五 (2025), or the plan's horizon."""
    if number_printed(year, t["source_text"]) or number_printed(year, t.get("note", "")):
        return True
    if "十四五" in t["source_text"] and year == 2025:
        return True
    return PLAN_HORIZON.get(t["document"]) == year


def test_values_printed_in_their_text():
    for t in targets():
        unit = t["measure_unit"]
        for v in t["values"]:
            assert number_printed(v["value"], t["source_text"], unit), (t["key"], v)
            assert year_justified(t, v["year"]), (t["key"], v["year"])
        base_text = t.get("baseline_text", t["source_text"])
        for b in [t["baseline"]] if "baseline" in t else []:
            assert number_printed(b["value"], base_text, unit), (t["key"], b)
        for h in t.get("history", []):
            assert number_printed(h["value"], base_text, unit), (t["key"], h)
            assert number_printed(h["year"], base_text), (t["key"], h)


def test_values_dated_and_sane():
    for t in targets():
        assert isinstance(t["values"], list)
        assert t["values"] or "baseline" in t, t["key"]  # a target or at least a baseline
        years = [v["year"] for v in t["values"]]
        assert years == sorted(set(years))
        for v in t["values"] + ([t["baseline"]] if "baseline" in t else []) + t.get("history", []):
            assert set(v) == {"year", "value"}
            assert 2015 <= v["year"] <= 2025
            assert isinstance(v["value"], int | float) and v["value"] >= 0
        if "baseline" in t and t["values"]:
            assert t["baseline"]["year"] < min(years)
        if t["values"]:
            assert t.get("comparison", "at_least") in {"at_least", "exactly", "at_most"}
        if t["measure_unit"] == "%":
            assert all(v["value"] <= 100 for v in t["values"])


def test_metric_kinds_and_names():
    cat = catalogs()
    titles = {e["name"]: e["levels"] for e in cat["enterprise_titles"]}
    for t in targets():
        metric = t["metric"]
        kind = metric["kind"]
        assert kind in METRIC_KEYS, t["key"]
        assert set(metric) - {"kind"} <= METRIC_KEYS[kind], t["key"]
        if kind == "platform_count":
            assert set(metric.get("types", [])) <= set(cat["platform_types"]), t["key"]
            assert metric.get("min_level", "县级") in cat["platform_levels"]
        if kind == "enterprise_title_count":
            assert metric["title"] in titles, t["key"]
            if "level" in metric:
                assert metric["level"] in titles[metric["title"]]
        if kind == "talent_count" and "category" in metric:
            assert metric["category"] in cat["talent_categories"]
        if "since_year" in metric:
            assert 2020 <= metric["since_year"] <= min(v["year"] for v in t["values"])
        if kind in {"coverage_rate", "rd_institution_share", "rd_spending_growth"}:
            assert t["measure_unit"] == "%"


def test_tasks_are_qinshui_concrete_tasks():
    tasks = {r["具体任务"] for r in csv_rows()}
    for t in targets():
        if "task" in t:
            assert t["document"] == "000"
            assert t["task"] in tasks, t["task"]
        elif t["document"] == "000":
            pytest.fail(f"{t['key']}: 000 target without task")


def test_counts_match_readme():
    for doc in ("000", "001", "002", "003", "004"):
        mine = [t for t in targets() if t["document"] == doc]
        m = re.search(
            r"^\|\s*" + doc + r"\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|", readme(), re.M
        )
        assert m, doc
        assert len(mine) == int(m.group(1))
        assert len([t for t in mine if t["values"]]) == int(m.group(2))
        assert len([t for t in mine if not t["values"]]) == int(m.group(3))


def find(document, **metric):
    """Targets of ``document`` whose metric has all the given items."""
    return [
        t
        for t in targets()
        if t["document"] == document and all(t["metric"].get(k) == v for k, v in metric.items())
    ]


def value_of(t, year):
    return next(v["value"] for v in t["values"] if v["year"] == year)


# The figures the brief and PRODUCT.md name explicitly: each must be there.


@pytest.mark.parametrize(
    "ptype,value",
    [
        ("重点实验室", 5),
        ("中试基地", 10),
        ("工程技术研究中心", 18),
        ("产业技术创新战略联盟", 6),
        ("企业技术中心", 50),
        ("新型研发机构", 10),
        ("科技企业孵化器", 10),
        ("众创空间", 20),
    ],
)
def test_003_platform_targets(ptype, value):
    hits = [t for t in find("003", kind="platform_count", types=[ptype]) if t["values"]]
    assert len(hits) == 1, ptype
    assert value_of(hits[0], 2025) == value


def test_003_enterprise_and_money_targets():
    assert (
        value_of(find("003", kind="enterprise_title_count", title="高新技术企业")[0], 2025) == 300
    )
    assert (
        value_of(find("003", kind="enterprise_title_count", title="科技型中小企业")[0], 2025)
        == 1000
    )
    assert (
        value_of(find("003", kind="enterprise_title_count", title="高科技领军企业")[0], 2025) == 100
    )
    money = [
        t
        for t in targets()
        if t["document"] == "003" and t["measure_unit"] == "亿元" and t["values"]
    ]
    assert [value_of(t, 2025) for t in money] == [60]


def test_004_targets():
    assert value_of(find("004", kind="coverage_rate")[0], 2020) == 100
    assert value_of(find("004", kind="rd_spending_growth")[0], 2020) == 10
    assert value_of(find("004", kind="rd_institution_share")[0], 2020) == 21.71


def test_000_targets():
    by_task = {}
    for t in targets():
        if t["document"] == "000":
            by_task.setdefault(t["task"], []).append(t)
    assert len(by_task["夯实基层创新基础"]) == 3
    ht = find("000", kind="enterprise_title_count", title="高新技术企业")[0]
    assert ht["values"] == [{"year": 2023, "value": 10}]
    srdi = find("000", kind="enterprise_title_count", title="专精特新")[0]
    assert srdi["values"] == [{"year": 2020, "value": 3}, {"year": 2023, "value": 10}]
    lead = find("000", kind="enterprise_title_count", title="创新型领军企业")[0]
    assert lead["values"] == [{"year": 2022, "value": 1}] and "1—2" in lead["note"]
    assert value_of(find("000", kind="platform_count", types=["重点实验室"])[0], 2022) == 2
    assert value_of(find("000", kind="platform_count", types=["企业技术中心"])[0], 2022) == 5
    assert value_of(find("000", kind="talent_count", high_level=True)[0], 2023) == 50
    assert value_of(find("000", kind="coverage_rate")[0], 2020) == 100
    manual = {t["indicator"]: t["values"] for t in find("000", kind="manual")}
    assert manual["技术合同交易额"] == [{"year": 2022, "value": 1.5}]
    assert len(manual) == 3


def test_002_baselines():
    ht = find("002", kind="enterprise_title_count", title="高新技术企业")[0]
    assert ht["baseline"] == {"year": 2020, "value": 8} and value_of(ht, 2025) == 13
    rd = next(t for t in targets() if t["key"] == "002-rd-intensity")
    assert rd["baseline"]["value"] == 1.58 and rd["history"] == [{"year": 2015, "value": 1.35}]
    assert value_of(rd, 2025) == 1.88
    base = {
        (t["metric"].get("title"), t["metric"].get("level")): t["baseline"]["value"]
        for t in find("002", kind="enterprise_title_count")
        if not t["values"]
    }
    assert base == {("科技型中小企业", None): 6, ("专精特新", "省级"): 2, ("专精特新", "市级"): 71}
    talent = {
        t["metric"].get("category"): t["baseline"]["value"]
        for t in find("002", kind="talent_count")
    }
    assert talent == {
        None: 17906,
        "党政人才": 1094,
        "企业经营管理人才": 586,
        "专业技术人才": 4939,
        "高技能人才": 824,
        "社会工作人才": 140,
        "农村实用人才": 10323,
    }


def test_001_targets():
    values = sorted(
        (t["indicator"], t["values"][0]["year"], t["values"][0]["value"])
        for t in targets()
        if t["document"] == "001"
    )
    assert ("高科技领军企业数", 2025, 5) in values
    assert ("突破关键核心共性技术数", 2025, 10) in values
    assert ("创新平台基地数", 2025, 5) in values
