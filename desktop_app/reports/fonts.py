"""Role-based Chinese faces for official forms.

A clerk's PC has the Windows faces the office above expects (仿宋, 宋体, 黑体,
often 方正小标宋); when they are missing we fall back to the bundled Noto
fonts so a form never prints boxes. Every face is a TrueType font that
reportlab embeds as a subset, so the PDF looks the same on any machine.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desktop_app.paths import resource

BODY = "body"  # 仿宋: body text and table cells
SONG = "song"  # 宋体: page numbers, small print
TITLE = "title"  # 小标宋: titles, 发文机关标志
HEI = "hei"  # 黑体: table headers, 一、 headings
KAI = "kai"  # 楷体: （一） headings
ROLES = (BODY, SONG, TITLE, HEI, KAI)


@dataclass(frozen=True)
class FontChoice:
    """The physical font file serving one role."""

    role: str
    path: Path
    subfont: int  # index inside a .ttc collection, 0 for a plain .ttf
    bundled: bool  # True when the Windows face was missing and Noto stands in


# Windows file names per role, best first (compared case-insensitively).
WINDOWS_CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    BODY: (("simfang.ttf", 0), ("仿宋_GB2312.ttf", 0), ("FS_GB2312.ttf", 0)),
    SONG: (("simsun.ttc", 0), ("simsun.ttf", 0)),
    TITLE: (
        ("FZXBSJW.TTF", 0),
        ("方正小标宋简体.ttf", 0),
        ("FZXBSJW--GB1-0.ttf", 0),
        ("方正小标宋_GBK.ttf", 0),
        ("FZXBSK.TTF", 0),
    ),
    HEI: (("simhei.ttf", 0),),
    KAI: (("simkai.ttf", 0), ("楷体_GB2312.ttf", 0), ("KT_GB2312.ttf", 0)),
}

BUNDLED: dict[str, str] = {
    BODY: "NotoSerifSC-Regular.ttf",
    SONG: "NotoSerifSC-Regular.ttf",
    TITLE: "NotoSerifSC-Bold.ttf",
    HEI: "NotoSansSC-Bold.ttf",
    KAI: "NotoSerifSC-Bold.ttf",  # bold 仿宋 stand-in for 楷体
}

# Font names Excel should ask for; Excel substitutes when a face is absent.
XLSX_BODY = "宋体"
XLSX_HEADER = "黑体"
XLSX_TITLE = "方正小标宋简体"

_lock = threading.Lock()
_choices: dict[str, FontChoice] | None = None
_names: dict[str, str] = {}  # role -> registered reportlab font name


def windows_font_dirs() -> list[Path]:
    """System and per-user font folders on Windows (empty elsewhere)."""
    dirs = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return [d for d in dirs if d.is_dir()]


def _index_dir(folder: Path) -> dict[str, Path]:
    try:
        return {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    except OSError:
        return {}


def _usable(path: Path, subfont: int) -> bool:
    """reportlab refuses CFF outlines and fonts whose licence forbids embedding."""
    try:
        TTFont("_probe", str(path), subfontIndex=subfont)
    except (TTFError, OSError, ValueError, KeyError):
        return False
    return True


def select_fonts(search_dirs: Iterable[Path], *, probe: bool = True) -> dict[str, FontChoice]:
    """Pick a font file per role: the first usable Windows face, else bundled Noto."""
    indexes = [_index_dir(Path(d)) for d in search_dirs]
    chosen: dict[str, FontChoice] = {}
    for role in ROLES:
        for name, subfont in WINDOWS_CANDIDATES[role]:
            hit = next((ix[name.lower()] for ix in indexes if name.lower() in ix), None)
            if hit is not None and (not probe or _usable(hit, subfont)):
                chosen[role] = FontChoice(role, hit, subfont, bundled=False)
                break
        else:
            chosen[role] = FontChoice(role, resource("fonts", BUNDLED[role]), 0, bundled=True)
    return chosen


def _register(choices: dict[str, FontChoice]) -> dict[str, str]:
    """Register each distinct file once; roles sharing a file share a name."""
    by_file: dict[tuple[str, int], str] = {}
    names: dict[str, str] = {}
    for role in ROLES:
        choice = choices[role]
        key = (str(choice.path), choice.subfont)
        if key not in by_file:
            font_name = f"CN-{role}"
            font = TTFont(font_name, str(choice.path), subfontIndex=choice.subfont)
            pdfmetrics.registerFont(font)
            by_file[key] = font_name
        names[role] = by_file[key]
    return names


def _chosen_locked() -> dict[str, FontChoice]:
    global _choices
    if _choices is None:
        _choices = select_fonts(windows_font_dirs())
    return _choices


def ensure_fonts() -> dict[str, str]:
    """Register the faces once per process; return role -> reportlab font name."""
    with _lock:
        if not _names:
            _names.update(_register(_chosen_locked()))
        return dict(_names)


def font_name(role: str) -> str:
    """The reportlab font name serving ``role`` (registers fonts on first use)."""
    return ensure_fonts()[role]


def chosen_fonts() -> dict[str, FontChoice]:
    """Which physical font files print each role, for the About box and tests."""
    with _lock:
        return dict(_chosen_locked())


def xlsx_title_font() -> str:
    """方正小标宋简体 when this PC has it, else 宋体 (printed bold)."""
    choice = chosen_fonts()[TITLE]
    return XLSX_BODY if choice.bundled else XLSX_TITLE
