"""Shared helpers for the seed-data tests: paths, seed texts, text comparison."""

from __future__ import annotations

import csv
import re
import tomllib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SEEDS_DIR = RESOURCES / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"

SEED_FILES = {
    "000": "000_fdda05ffbff4c6f0.txt",
    "001": "001_c8f4131bbe5747e6.txt",
    "002": "002_c474933bd7949b64.txt",
    "003": "003_c4075536d8f13653.txt",
    "004": "004_8d654de711ee5fb2.txt",
}

CSV_HEADER = "序号,重点任务,具体任务,责任单位,责任领导,责任科室,具体承办人"


@cache
def seed(key: str) -> str:
    return (FIXTURES / SEED_FILES[key]).read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Remove all whitespace: line/page breaks of the print become irrelevant."""
    return re.sub(r"\s+", "", text)


def occurs(fragment: str, text: str) -> bool:
    return squash(fragment) in squash(text)


def between(text: str, start: str, end: str | None = None) -> str:
    i = text.index(start)
    if end is None:
        return text[i:]
    return text[i : text.index(end, i + len(start))]


# --- 000 parts ---------------------------------------------------------------


def qinshui_body() -> str:
    """000 from the plan's title to the list of attachments (附件：)."""
    return between(seed("000"), "# 关于打造创新生态小气候的实施方案（试行）", "附件：1.")


def qinshui_annex1() -> str:
    return between(seed("000"), "# 沁水县创新生态建设领导小组成员名单", "附件 2")


def qinshui_annex2() -> str:
    return between(seed("000"), "# 贯彻落实《关于打造创新生态小气候的实施方案（试行）》")


# --- data files --------------------------------------------------------------


@cache
def toml(name: str) -> dict:
    path = RESOURCES / name if name == "catalogs.toml" else SEEDS_DIR / name
    with path.open("rb") as f:
        return tomllib.load(f)


def csv_rows() -> list[dict[str, str]]:
    with (SEEDS_DIR / "qinshui_tasks.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def readme() -> str:
    return (SEEDS_DIR / "README.md").read_text(encoding="utf-8")


def readme_count(label: str) -> int:
    """The number in the README counts table row that starts with ``label``."""
    m = re.search(r"^\|\s*" + re.escape(label) + r"[^|]*\|\s*(\d+)\s*\|", readme(), re.M)
    assert m, f"README has no count row {label!r}"
    return int(m.group(1))


# --- numbers -----------------------------------------------------------------

CN_NUMERALS = {1: "一", 2: "两二", 3: "三", 4: "四", 5: "五", 10: "十"}


def number_text(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def number_printed(value: float, text: str, unit: str = "") -> bool:
    """Is ``value`` printed in ``text``? Digits, a Chinese numeral, or 全覆盖 for 100 %."""
    flat = squash(text)
    digits = number_text(value)
    if re.search(r"(?<![\d.])" + re.escape(digits) + r"(?!\d|\.\d)", flat):
        return True
    if value in CN_NUMERALS and re.search("[" + CN_NUMERALS[value] + "][个项家名处]", flat):
        return True
    return value == 100 and unit == "%" and "全覆盖" in flat
