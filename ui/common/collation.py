"""Chinese text in the order a clerk expects: by pinyin (阿, 白, 陈 …), as QCollator orders zh_CN."""

from PySide6.QtCore import QCollator, QLocale

_collator = QCollator(QLocale("zh_CN"))
_collator.setNumericMode(True)  # 第2组 before 第10组
_keys: dict[str, object] = {}
_MAX_KEYS = 300_000


def sort_key(text: str):
    """An orderable key for ``text`` (cached: a list sorts the same names again and again)."""
    key = _keys.get(text)
    if key is None:
        if len(_keys) >= _MAX_KEYS:
            _keys.clear()
        key = _keys[text] = _collator.sortKey(text)
    return key


def compare(a: str, b: str) -> int:
    return _collator.compare(a, b)
