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


def nested_spans(levels: Sequence[tuple[Sequence[object], Sequence[int]]]) -> list[Span]:
    """Spans for nested groups: each level is (row keys, columns to merge), merged
    only within the runs of the level above (序号/重点任务 → 具体任务 → 责任单位)."""
    spans: list[Span] = []

    def walk(level: int, start: int, end: int) -> None:
        if level == len(levels):
            return
        keys, cols = levels[level]
        for a, b in runs(keys[start:end]):
            a, b = a + start, b + start
            if b - a > 1:
                spans.extend(Span(a, col, b - a) for col in cols)
            walk(level + 1, a, b)

    n = len(levels[0][0]) if levels else 0
    walk(0, 0, n)
    return spans
