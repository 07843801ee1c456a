"""The bundle collects by package: a new form or demo step is in it without editing a list."""

import importlib.util
import pkgutil
from pathlib import Path

import desktop_app
import ui
from desktop_app.services import demo_steps, printing

ROOT = Path(__file__).resolve().parents[2]


def load_contents():
    spec = importlib.util.spec_from_file_location("bundle_contents", ROOT / "packaging" / "bundle_contents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_package(root: Path, dotted: str) -> Path:
    folder = root
    for part in dotted.split("."):
        folder = folder / part
        folder.mkdir(exist_ok=True)
        (folder / "__init__.py").touch()
    return folder


def test_a_module_dropped_into_a_form_or_demo_step_package_is_collected(tmp_path):
    bc = load_contents()
    for pkg in ("desktop_app.services.printing", "desktop_app.services.demo_steps"):
        (make_package(tmp_path, pkg) / "new_one.py").write_text("")
    (tmp_path / "desktop_app" / "stray").mkdir()  # no __init__.py: not a package
    (tmp_path / "desktop_app" / "stray" / "x.py").write_text("")
    found = bc.own_modules(tmp_path)
    assert "desktop_app.services.printing.new_one" in found
    assert "desktop_app.services.demo_steps.new_one" in found
    assert "desktop_app.stray.x" not in found


def test_every_module_pkgutil_finds_in_the_source_is_collected():
    found = set(load_contents().own_modules())
    for package in (desktop_app, ui, printing, demo_steps):
        for mod in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            assert mod.name in found, mod.name
    assert "db.migrate" in found and "desktop_app.__main__" in found


def test_data_files_carry_migrations_fonts_and_translations_not_sources():
    pairs = load_contents().data_files()
    dests = {(Path(src).name, dest) for src, dest in pairs}
    assert ("0001_initial.sql", "db/migrations") in dests
    assert ("qt_zh_CN.qm", "resources/i18n") in dests
    assert ("NotoSerifSC-Regular.ttf", "resources/fonts") in dests
    assert ("app.ico", "resources/icons") in dests
    assert not any(name.endswith(".ts") for name, _ in dests)


def test_qt_parts_we_do_not_use_are_dropped_and_the_ones_we_need_kept():
    unused = load_contents().qt_unused
    for dropped in ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
                    "PySide6/Qt/plugins/imageformats/libqpdf.so", "PySide6/Qt/lib/libQt6Quick.so.6",
                    "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt6WebEngineCore.dll", "PySide6/Qt6PdfQuick.dll",
                    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/opengl32sw.dll"):
        assert unused(dropped), dropped
    for kept in ("PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/plugins/platforms/qwindows.dll",
                 "PySide6/plugins/platforms/qoffscreen.dll", "PySide6/plugins/styles/qmodernwindowsstyle.dll",
                 "PySide6/Qt/plugins/imageformats/libqico.so", "PySide6/Qt/lib/libQt6Charts.so.6",
                 "PySide6/Qt6OpenGL.dll", "PySide6/QtWidgets.pyd", "resources/fonts/NotoSansSC-Bold.ttf",
                 "PySide6/Qt6Pdf.dll", "PySide6/QtPdf.pyd", "PySide6/Qt/lib/libQt6Pdf.so.6",  # 打印预览
                 "PySide6/Qt6Network.dll", "PySide6/Qt6PrintSupport.dll"):  # Qt6Pdf links QtNetwork
        assert not unused(kept), kept
