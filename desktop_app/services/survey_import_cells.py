"""One cell of a filled-in survey as people type it: the text compared with a caption, a number, a period.

Full-width digits and letters, numbers stored as text, thousands separators,
“万元” typed after the figure and stray spaces all read; what is no number at
all is left for ``forms.number`` to refuse in the words the clerk typed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from desktop_app.domain.codes import half_width

TICKED = {"✓", "√", "☑", "✔", "✅", "是", "Y", "YES", "1", "TRUE", "有", "对"}
OPEN = {"", "□", "☐", "否", "N", "NO", "0", "FALSE", "无", "×", "✗", "✘"}
MARKS = "☑□☐✓√✔✅"
UNITS = ("万元", "万", "人", "个", "项")  # what people type after a figure
SPACE = re.compile(r"[\s\u200b\ufeff]+")
_PERIOD = re.compile(r"^(\d{4})(?:年|-|\.|/)(\d{1,2})月?$")


def key(value: Any) -> str:
    """A cell's text as compared with a printed caption: half-width, no spaces."""
    if value is None:
        return ""
    return SPACE.sub("", unicodedata.normalize("NFKC", str(value)))


def number_text(raw: Any, integer: bool) -> Any:
    """A typed number as ``forms.number`` reads it; raises ValueError for what is no number at all."""
    if raw is None or isinstance(raw, bool):
        if isinstance(raw, bool):
            raise ValueError(str(raw))
        return ""
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise ValueError(str(raw))
        return int(raw) if integer and float(raw).is_integer() else raw
    text = SPACE.sub("", half_width(str(raw))).replace(",", "")
    for unit in UNITS:
        if text.endswith(unit) and len(text) > len(unit):
            text = text[: -len(unit)]
            break
    if not text:
        return ""
    try:
        value = float(text)
    except ValueError:
        return str(raw).strip()  # forms.number says what is wrong with it, in the words typed
    if not math.isfinite(value):
        raise ValueError(text)
    if integer and value.is_integer() and re.fullmatch(r"\d+(\.0*)?", text):
        return int(value)
    return text


def period_of(text: str) -> str | None:
    m = _PERIOD.match(key(text).replace("报送期:", ""))
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}" if m else None
