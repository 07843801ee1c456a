"""What a receiving office would reject (issue 14): the demo's dates and titles, 新认定, whose reward policy,
options a form has no use for, the brief's 文号 from the CLI, and the brief's wording."""

import re
import shutil
import subprocess
from datetime import date
from types import SimpleNamespace

import pytest

from desktop_app import cli
from desktop_app.domain import titles as title_rule
from desktop_app.services import catalogs, demo, printing, reward_policies, rewards, seed
from desktop_app.services.demo_steps import short_name
from desktop_app.services.ledger import create_ledger
from desktop_app.services.printing import high_tech
from desktop_app.services.tasks import brief

# columns that hold a date still to come by their nature: a deadline, the end of a certificate
FUTURE_BY_NATURE = {("enterprise_titles", "valid_until"), ("supervision_items", "timeline")}


def text_of(pdf) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def test_demo_dates_nothing_after_the_day_it_is_built(demo_ledger):
    today = date.today().isoformat()
    conn = demo_ledger.conn
    found = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for col in [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")]:
            if (table, col) in FUTURE_BY_NATURE:
                continue
            n = conn.execute(f'SELECT COUNT(*) FROM "{table}" WHERE typeof("{col}") = \'text\' '
                             f'AND "{col}" GLOB \'[12][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*\' '
                             f'AND substr("{col}", 1, 10) > ?', (today,)).fetchone()[0]
            if n:
                found.append((table, col, n))
    assert found == []
    # a late report not in yet is missing: the brief's counts are those of a real office today
    period = demo.demo_periods()[1]
    figures = brief.figures(demo_ledger, period)
    entries = conn.execute("SELECT COUNT(*) FROM progress_entries WHERE period = ? AND deleted_at IS NULL",
                           (period,)).fetchone()[0]
    assert int(figures["按时报送数"]) + int(figures["逾期报送数"]) == entries


def test_demo_title_validity_follows_the_one_rule(demo_ledger):
    years = {t["name"]: int(t.get("valid_years") or 0) for t in catalogs.enterprise_titles()}
    rows = demo_ledger.conn.execute("SELECT title, year, issued_on, valid_until FROM enterprise_titles "
                                    "WHERE deleted_at IS NULL").fetchall()
    assert any(r[0] == "高新技术企业" for r in rows)
    for title, year, issued, until in rows:
        want = title_rule.valid_until(years.get(title, 0), year, date.fromisoformat(issued) if issued else None)
        assert until == (want.isoformat() if want else None), (title, year, issued, until)
        assert issued is None or issued <= date.today().isoformat()


def test_new_recognitions_counted_alike_on_every_form(demo_ledger):
    year = date.today().year - 1  # the demo renews 山西蓝焰's certificate that year
    at = date(year, 12, 31)
    listed = [ln for ln in high_tech.lines(demo_ledger, year, at)]
    assert any(ln.note == "重新认定" and ln.year == year for ln in listed)
    new_on_list = sum(1 for ln in listed if ln.note == "本年新认定")
    figures = brief.figures(demo_ledger, f"{year}-12", today=at)
    assert int(figures["新认定高新技术企业数"]) == new_on_list
    awards = [a for a in rewards.awards(demo_ledger, year) if a.event.event.startswith("high_tech")]
    assert sum(a.event.event == "high_tech_new" for a in awards) == new_on_list


@pytest.fixture
def jiang(tmp_path):
    lg = create_ledger(tmp_path / "jiang.sqlite3", unit_name="绛县", level="county", code="140826",
                       parent_name="运城市", operator="测试员")
    seed.load_builtin(lg)
    yield lg
    lg.close()


def test_jiang_county_gets_its_own_policy_built_in(jiang):
    info = rewards.policy(jiang)
    assert info.builtin and info.caption == "依据绛办发〔2021〕106号附件2《绛县支持科技创新的若干政策》"
    assert len(rewards.rules(jiang)) == 21


def test_another_county_starts_empty_with_the_template_to_copy(ledger):
    seed.load_builtin(ledger)  # 沁水县
    assert rewards.rules(ledger) == [] and rewards.policy(ledger).caption == "本县奖补政策尚未录入"
    assert len(reward_policies.template()) == 10
    assert reward_policies.copy_template(ledger) == 10
    info = rewards.policy(ledger)
    assert not info.builtin and "绛办发" not in info.caption and info.caption.startswith("依据《沁水县")
    assert len(rewards.rules(ledger)) == 21
    first = ledger.conn.execute("SELECT id FROM reward_policies WHERE seq = 1").fetchone()[0]
    reward_policies.save_clause(ledger, first, {"title": "支持高新技术企业", "text": "对新认定的给予奖励 8 万元。"})
    assert rewards.policy(ledger).clauses[0][1:] == ("支持高新技术企业", "对新认定的给予奖励 8 万元。")
    with pytest.raises(Exception, match="已有奖补政策"):
        reward_policies.copy_template(ledger)


def test_demo_county_prints_its_own_sample_policy(demo_ledger, tmp_path):
    info = rewards.policy(demo_ledger)
    assert info.sample and "示例" in info.caption and "绛" not in info.caption
    year = date.today().year
    text = text_of(printing.write_report(demo_ledger, "rewards", "pdf", tmp_path / "r.pdf", {"year": year}))
    assert "沁水县支持科技创新奖补政策（示例）" in text
    assert "绛" not in text and "运发" not in text


@pytest.mark.parametrize(("form", "option", "value", "words"), [
    ("coverage-summary", "--township", "龙港镇", "不按乡镇打印"),
    ("task-list", "--township", "龙港镇", "不按乡镇打印"),
    ("platforms", "--year", "2025", "不按年度打印"),
    ("platforms", "--period", "2026-10", "不按报送期打印"),
])
def test_an_option_a_form_ignores_is_refused(demo_file, tmp_path, capsys, form, option, value, words):
    out = tmp_path / "x.pdf"
    assert cli.run(["--db", str(demo_file), "report", form, option, value, "--format", "pdf", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert words in err and option in err and err.count("\n") == 1
    assert not out.exists()


def test_cli_brief_takes_doc_no_and_remembers_it(demo_file, tmp_path, capsys):
    demo_file = shutil.copy(demo_file, tmp_path / "demo.sqlite3")  # the number is written: a private copy
    older, latest = demo.demo_periods()
    year = date.today().year

    def brief_text(period, *extra):
        out = tmp_path / f"b{period}{len(extra)}.pdf"
        assert cli.run(["--db", str(demo_file), "report", "monthly-brief", "--period", period, *extra,
                        "--format", "pdf", "--out", str(out)]) == 0, capsys.readouterr().err
        return text_of(out)

    assert f"〔{year}〕7号" in brief_text(latest, "--doc-no", "7")
    assert f"〔{year}〕7号" in brief_text(latest)        # the same period: the same number
    assert f"〔{year}〕8号" in brief_text(older)         # the next brief: the next number
    assert f"〔{year}〕3号" in brief_text(older, "--doc-no", f"沁创领办〔{year}〕3号")
    assert cli.run(["--db", str(demo_file), "report", "monthly-brief", "--doc-no", "第三", "--format", "pdf",
                    "--out", str(tmp_path / "bad.pdf")]) == 2
    assert "发文字号“第三”" in capsys.readouterr().err


def _ranked(units, ranks):
    return [SimpleNamespace(rank=r, stats=SimpleNamespace(unit=u)) for u, r in zip(units, ranks, strict=True)]


def test_brief_wording_when_every_unit_ties_and_without_enterprises(ledger):
    names = [f"单位{i}" for i in range(10)]
    assert brief.ranking_text(_ranked(names, [1] * 10)) == "10个单位并列第一"
    assert brief.ranking_text(_ranked(names[:4], [1, 2, 3, 4])) == "单位0、单位1、单位2位列前三"
    assert "{排名情况}" in brief.default(ledger).body
    figures = brief.figures(ledger, "2026-10", today=date(2026, 11, 20))  # a ledger with no enterprises
    assert figures["覆盖率"] == "—" and figures["规上企业数"] == "0"


def test_demo_names_are_whole_words(demo_ledger):
    names = [r[0] for r in demo_ledger.conn.execute(
        "SELECT name FROM survey_institutions UNION SELECT name FROM survey_projects")]
    assert "山西蓝焰煤层气集团研发中心" in names
    enterprises = [r[0] for r in demo_ledger.conn.execute("SELECT name FROM enterprises")]
    for n in names:
        assert any(n.startswith(short_name(e)) for e in enterprises) or not n.startswith(("山西", "沁水")), n
    assert not any("集研发" in n or "煤层关键" in n for n in names)
