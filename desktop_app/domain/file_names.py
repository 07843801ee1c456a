"""File names that are safe to store, to write into a folder, and to open.

An evidence file's name comes from a clerk's disk or from a package made
elsewhere, so it may hold path parts (``../../x``, ``C:\\x``), control
characters, a name Windows reserves (``CON``, ``LPT1``), characters Windows
refuses, trailing dots, or a length no file system takes. :func:`safe_name`
turns any of these into a plain name; :func:`runs_code` says whether opening
the file with the shell would run something rather than show it.
"""

import re
import unicodedata

MAX_NAME = 120  # characters, suffix included: well inside Windows' 255 and MAX_PATH in a deep folder
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
RUNS_CODE = frozenset({
    ".exe", ".com", ".bat", ".cmd", ".msi", ".msp", ".scr", ".pif", ".lnk", ".url", ".js", ".jse", ".vbs",
    ".vbe", ".wsf", ".wsh", ".ps1", ".psm1", ".hta", ".cpl", ".jar", ".reg", ".dll", ".sys", ".inf", ".scf",
    ".appref-ms", ".application", ".gadget", ".msc", ".chm",
})


def safe_name(name: str, fallback: str = "印证材料") -> str:
    """A single plain file name: no folders, no control characters, nothing Windows refuses."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]  # the last path part, whichever separator was used
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")  # control, format, NUL …
    name = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    if not name or set(name) <= {"."}:
        name = fallback
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if stem.split(".")[0].upper() in _RESERVED or (not stem and suffix.upper() in _RESERVED):
        name = "_" + name
    if len(name) > MAX_NAME:
        keep = ("." + suffix)[: 16] if dot else ""
        name = name[: MAX_NAME - len(keep)].rstrip(". ") + keep
    return name


def runs_code(name: str) -> bool:
    """Opening it with the shell would run a program or follow a shortcut."""
    lower = str(name).lower().rstrip(". ")
    return any(lower.endswith(ext) for ext in RUNS_CODE)
