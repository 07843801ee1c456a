"""Font roles: Windows faces when present, bundled Noto otherwise."""

import os

from desktop_app.paths import resource
from desktop_app.reports import fonts


def test_every_role_has_a_font_file():
    chosen = fonts.chosen_fonts()
    assert set(chosen) == set(fonts.ROLES)
    for choice in chosen.values():
        assert choice.path.is_file()
    names = fonts.ensure_fonts()
    assert set(names) == set(fonts.ROLES)


def test_windows_faces_win_when_present(tmp_path):
    noto = resource("fonts", "NotoSerifSC-Regular.ttf")
    os.symlink(noto, tmp_path / "SIMFANG.TTF")  # Windows names are case-insensitive
    os.symlink(resource("fonts", "NotoSansSC-Bold.ttf"), tmp_path / "simhei.ttf")
    chosen = fonts.select_fonts([tmp_path])
    assert chosen[fonts.BODY].path.name == "SIMFANG.TTF" and not chosen[fonts.BODY].bundled
    assert chosen[fonts.HEI].path.name == "simhei.ttf"
    assert chosen[fonts.TITLE].bundled and chosen[fonts.TITLE].path.name == "NotoSerifSC-Bold.ttf"
    assert chosen[fonts.SONG].path.name == "NotoSerifSC-Regular.ttf"


def test_a_broken_windows_font_falls_back(tmp_path):
    (tmp_path / "simfang.ttf").write_bytes(b"not a font at all")
    chosen = fonts.select_fonts([tmp_path])
    assert chosen[fonts.BODY].bundled


def test_no_windows_dirs_off_windows(monkeypatch):
    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.delenv("SystemRoot", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    assert fonts.windows_font_dirs() == []
