"""Merged body cells over runs of equal values (a type, a document, an enterprise)."""

from collections.abc import Sequence

from desktop_app.reports.model import Span


def runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """Maximal runs [a, b) of equal consecutive values."""
    out, a = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[a]:
            out.append((a, i))
            a = i
    return out


def merged_runs(keys: Sequence[object], col: int, offset: int = 0) -> list[Span]:
    """One Span in column ``col`` over each run longer than one row (rows counted from ``offset``)."""
    return [Span(offset + a, col, b - a) for a, b in runs(keys) if b - a > 1]
