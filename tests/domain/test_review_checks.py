"""Rule S08: what "nothing behind" a filled 创新活动方向 or a ticked box means (review_checks module text)."""

import pytest

from desktop_app.domain.review_checks import change, filled, unbacked
from desktop_app.domain.survey import Institution, Project, SurveyReturn

INST = Institution("企业技术中心", count=1, staff=5, spending=20, equipment_value=30)
BARE_INST = Institution("研发中心", count=1, staff=3)
PROJ = Project("瓦斯抽采研究", staff=2, spending=10, assets=5)


def ret(directions=None, ticks=(), institutions=(), projects=()):
    return SurveyReturn("e", "2026-10", tuple(institutions), tuple(projects), directions or {}, tuple(ticks))


@pytest.mark.parametrize("key, empty, backed", [
    ("innovation_input", ret(), ret(projects=[PROJ])),
    ("innovation_talent", ret(), ret(ticks=[10])),
    ("innovation_project", ret(institutions=[INST]), ret(projects=[PROJ])),
    ("innovation_platform", ret(projects=[PROJ]), ret(institutions=[BARE_INST])),
    ("tech_rd", ret(institutions=[BARE_INST]), ret(institutions=[INST])),
    ("tech_cooperation", ret(institutions=[INST], projects=[PROJ], ticks=[3]), ret(ticks=[11])),
])
def test_each_direction_needs_its_own_backing(key, empty, backed):
    text = {key: "开展了相关工作"}
    assert unbacked(ret(text, empty.other_activities, empty.institutions, empty.projects)) == ([key], [])
    assert unbacked(ret(text, backed.other_activities, backed.institutions, backed.projects))[0] == []


def test_ticks():
    assert unbacked(ret(ticks=[1])) == ([], [1])                                  # 研究机构: none in section 一
    assert unbacked(ret(ticks=[1], institutions=[BARE_INST])) == ([], [])
    assert unbacked(ret(ticks=[8], institutions=[BARE_INST])) == ([], [8])          # 设备: no equipment, no assets
    assert unbacked(ret(ticks=[8], projects=[PROJ])) == ([], [])
    assert unbacked(ret(ticks=[5, 12])) == ([], [5, 12])                            # not one word written
    assert unbacked(ret({"innovation_talent": "引进博士2名"}, ticks=[5, 12], institutions=[INST])) == ([], [])


@pytest.mark.parametrize("text, is_filled", [("无", False), (" 暂无 ", False), ("/", False), ("", False),
                                             ("建成省级技术中心", True)])
def test_placeholders_are_not_claims(text, is_filled):
    assert filled(text) is is_filled


def test_change_needs_a_base():
    assert change(150, 100) == 0.5 and change(40, 100) == -0.6
    assert change(100, None) is None and change(100, 0) is None
