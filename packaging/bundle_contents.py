"""What goes into the PyInstaller bundle: collected by package, Qt trimmed to what we use.

Plain Python (no PyInstaller import) so that the normal test suite can check it:
a module dropped into a form or demo-step package must be listed here without
anyone editing a list.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Our own packages, collected whole: forms and demo steps are found by pkgutil at run time.
OWN_PACKAGES = ("desktop_app", "ui", "db")
# Third-party packages imported lazily that PyInstaller's import scan misses.
LAZY_PACKAGES = ("reportlab.graphics.barcode",)

# Data folders: (source relative to ROOT, destination inside the bundle).
DATA_DIRS = (("resources", "resources"), ("db/migrations", "db/migrations"))
# Files inside DATA_DIRS that the program never reads.
DATA_SKIP = re.compile(r"(\.ts|README\.md|__pycache__.*|\.pyc)$")

# Qt libraries and plugins the program does not use. Matched against the bundle path.
# QtPdf (打印预览, 打印) stays, and QtNetwork with it: Qt6Pdf links it (nothing connects anywhere).
QT_DROP = re.compile(
    r"(Qt6?(Quick|Qml|VirtualKeyboard|WebEngine|WebChannel|WebSockets|3D|Multimedia|PdfQuick|"
    r"Designer|Sensors|SerialPort|Bluetooth|Nfc|Positioning|Location|RemoteObjects|Scxml|"
    r"StateMachine|TextToSpeech|SpatialAudio|Graphs|DataVisualization|Lottie|ShaderTools|"
    r"Test|Help|Sql|Svg|Wayland|LabsStyleKit|HttpServer|Labs)[A-Za-z0-9]*[.-]"
    r"|/(qml|translations)/"
    r"|/plugins/(platforminputcontexts|egldeviceintegrations|generic|tls|networkinformation|"
    r"sqldrivers|multimedia|qmltooling|position|sensors|renderers|sceneparsers|assetimporters|"
    r"geometryloaders|texttospeech|canbus|webview|wayland-[a-z-]+|designer|vectorimageformats|"
    r"iconengines|platformthemes|scxmldatamodel|renderplugins|qmllint|geoservices)/"
    r"|/plugins/imageformats/(lib)?q(pdf|svg|tga|tiff|webp|wbmp|icns)"
    r"|/plugins/platforms/(lib)?q(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay|wayland[a-z-]*)"
    r"|ffmpeg|avcodec|avformat|avutil|swscale|swresample"
    r"|opengl32sw)",
    re.IGNORECASE,
)
# Kept even if a pattern above matches: Qt's own Chinese strings for 确定/取消 come from resources/i18n.
QT_KEEP = re.compile(r"^resources/", re.IGNORECASE)


def package_modules(package: str, root: Path = ROOT) -> list[str]:
    """Every module and subpackage under ``root/package`` (found on disk, nothing imported)."""
    base = root.joinpath(*package.split("."))
    found = []
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(root).with_suffix("")
        parts = rel.parts
        if "__pycache__" in parts or any(not p.isidentifier() for p in parts):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
            if not (base.parent.joinpath(*parts) / "__init__.py").exists():
                continue
        if not all((root.joinpath(*parts[:i]) / "__init__.py").exists() for i in range(1, len(parts))):
            continue  # a stray folder without __init__.py is no package
        found.append(".".join(parts))
    return found


def own_modules(root: Path = ROOT) -> list[str]:
    """All modules of our packages, for ``hiddenimports``."""
    return [m for pkg in OWN_PACKAGES for m in package_modules(pkg, root)]


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for ``Analysis(datas=...)``."""
    pairs = []
    for src, dest in DATA_DIRS:
        base = root / src
        for path in sorted(base.rglob("*")):
            if path.is_file() and not DATA_SKIP.search(path.name):
                sub = path.parent.relative_to(base)
                pairs.append((str(path), str(Path(dest) / sub) if str(sub) != "." else dest))
    return pairs


def qt_unused(dest: str) -> bool:
    """True for a bundle path (binary or data) of a Qt part we do not ship."""
    dest = "/" + dest.replace("\\", "/")
    if QT_KEEP.search(dest.lstrip("/")):
        return False
    return bool(QT_DROP.search(dest))


def trim(toc):
    """A PyInstaller TOC without the Qt parts we do not use."""
    return [entry for entry in toc if not qt_unused(entry[0])]


def _system_lib(src: str) -> bool:
    return src.startswith(("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/"))


def _ldd(path: str) -> set[str]:
    out = subprocess.run(["ldd", path], capture_output=True, text=True, check=False).stdout
    return {os.path.realpath(line.split("=>")[1].split("(")[0].strip())
            for line in out.splitlines() if "=>" in line and "/" in line.split("=>")[1]}


def prune_system_libs(binaries):
    """Linux: drop system libraries that only the Qt parts we removed needed (GTK for the
    gtk3 theme plugin, and so on); the rest of the bundle is linked against what stays."""
    if not sys.platform.startswith("linux"):
        return binaries
    needed: set[str] = set()
    for _, src, _ in binaries:
        if not _system_lib(src) and (src.endswith(".so") or ".so." in src):
            needed |= _ldd(src)
    return [e for e in binaries if not _system_lib(e[1]) or os.path.realpath(e[1]) in needed]
