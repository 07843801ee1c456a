"""整包汇总上报 in the window: the county sends its package to the city; the city previews and imports it,
sees it in 报送情况 and holds the county's rows read-only (issue 11, the city level)."""

from PySide6.QtWidgets import QLabel

from desktop_app.services import review, seed
from desktop_app.services.ledger import create_ledger
from tests.ui.screen_fit import select_first
from tests.ui.test_exchange_windows import _menu_entries, _window, said  # noqa: F401 (said: a fixture)
from ui.exchange import receipt_flow, submit_flow


def test_the_county_reports_to_the_city_and_the_city_imports_it(qtbot, demo_ledger, tmp_path, said):  # noqa: F811
    county = demo_ledger
    for f in review.blocking(county, "2026-11"):
        review.explain(county, f, "已电话核实企业财务负责人，情况属实")
    c = _window(qtbot, county)
    assert {"下发…", "生成报送包…", "导入报送包…", "报送情况…", "导入回执…"} <= set(_menu_entries(c))
    assert "生成回执…" not in _menu_entries(c)
    out = tmp_path / "沁水县报晋城市11月.bsb"
    task = submit_flow.choose_and_export(c, "2026-11", str(out))
    qtbot.waitUntil(lambda: task.result is not None or task.error is not None, timeout=30000)
    assert out.exists() and "报送晋城市" in said[-1]

    city = create_ledger(tmp_path / "city.sqlite3", unit_name="晋城市", level="city", code="140500", operator="市办")
    seed.load_builtin(city)
    w = _window(qtbot, city)
    entries = set(_menu_entries(w))
    assert {"导入报送包…", "报送情况…", "生成回执…"} <= entries and not entries & {"下发…", "生成报送包…", "导入下发包…"}
    w.open_package(out)
    qtbot.waitUntil(lambda: getattr(w, "_import_preview", None) is not None, timeout=30000)
    preview = w._import_preview
    assert "来自：沁水县" in preview.findChild(QLabel, "head").text()
    preview.ok.click()
    qtbot.waitUntil(lambda: getattr(preview, "applied", None) is not None, timeout=30000)
    assert "生成回执" in said[-1] and "沁水县" in said[-1]
    firms = city.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0]
    assert firms == county.conn.execute("SELECT COUNT(*) FROM enterprises").fetchone()[0]

    tab = w.tab_widgets["enterprises"]
    w.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == firms, timeout=10000)
    select_first(tab.view)
    assert tab.owner_note.isVisible() and tab.owner_note.text().endswith("上报，只读")
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()
    w.grab().save(str(tmp_path.parent / "city_enterprises.png"))

    # the city's 回执 back to the county: the county's next package carries only what changed
    from desktop_app.services.exchange import receipt

    assert receipt.reported_units(city) == ["沁水县"]
    back = tmp_path / "回执.bsb"
    task = receipt_flow.choose_and_export(w, "沁水县", str(back))
    qtbot.waitUntil(lambda: task.result is not None or task.error is not None, timeout=30000)
    assert back.exists() and "交给沁水县导入" in said[-1]
    c.open_package(back)
    qtbot.waitUntil(lambda: getattr(c, "last_receipt", None) is not None, timeout=30000)
    assert "市里已有本单位报送的" in said[-1] and getattr(c, "_import_preview", None) is None
    out2 = tmp_path / "沁水县报晋城市12月.bsb"
    for f in review.blocking(county, "2026-12"):
        review.explain(county, f, "已电话核实企业财务负责人，情况属实")
    task = submit_flow.choose_and_export(c, "2026-12", str(out2))
    qtbot.waitUntil(lambda: task.result is not None or task.error is not None, timeout=30000)
    assert "空表上报" in said[-1]
