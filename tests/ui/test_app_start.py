"""Start-up details: the version from pyproject.toml, the program icon, ``--package FILE``."""

import tomllib
from pathlib import Path

from PySide6.QtWidgets import QApplication

import desktop_app
from desktop_app.cli import build_parser
from ui import app as app_module

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_one_in_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert desktop_app.__version__ == pyproject["project"]["version"]


def test_the_window_icon_is_ours_in_every_size(qapp):
    app_module.make_app()
    icon = QApplication.windowIcon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes


def test_package_option_is_accepted_for_the_window():
    args = build_parser().parse_args(["--db", "x.sqlite3", "--package", "D:/收件/龙港镇.bsb"])
    assert args.command is None and args.package == "D:/收件/龙港镇.bsb"


class WithImport:
    def __init__(self):
        self.opened = []

    def open_package(self, path):
        self.opened.append(path)


def test_package_goes_to_the_windows_import_when_it_has_one():
    window = WithImport()
    app_module.open_package(window, "a.bsb")
    assert window.opened == [Path("a.bsb")]

