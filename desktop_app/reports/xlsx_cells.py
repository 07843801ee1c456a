"""Put a value into a worksheet cell so that Excel shows it and never runs it.

openpyxl stores any string starting with ``=`` as a formula, and Excel or
WPS evaluate text that starts with ``=``, ``+``, ``-`` or ``@`` once a clerk
touches the cell (OWASP's CSV-injection rule holds for XLSX as well). A name
like ``=HYPERLINK(…)`` typed into the ledger must print as those characters.
So every string is written as a string, and a risky one also carries Excel's
quote prefix (the leading apostrophe a clerk would type). Only our own
totals, marked :class:`Formula`, are written as formulas.
"""

from typing import Any

RISKY_START = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula the form itself computes (e.g. ``=SUM(C5:C40)``)."""


def set_value(cell, value: Any):
    """Write ``value`` into ``cell``: text stays text, numbers stay numbers; returns the cell."""
    if isinstance(value, Formula):
        cell.value = str(value)
        return cell
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl made "=…" a formula
        if value.startswith(RISKY_START):
            cell.quotePrefix = True
    return cell


def put(ws, row: int, col: int, value: Any = None):
    """``ws.cell(row, col, value)`` with the text rule above."""
    return set_value(ws.cell(row, col), value)
