"""Keep a form that nearly fits on one page on that page, and mark pages for the page furniture.

An office prints a form that runs a few lines over one page on one page, a
little smaller, rather than hand out a second sheet holding a table's last
row, its 合计 and the sign-off. :func:`fit_scale` finds the largest scale
(down to a floor, so the print stays legible) at which the form's flowables,
laid out at the wider width that scale gives, fit the frame; :class:`Scaled`
draws them so. Laying out again at the wider width, rather than shrinking the
page as drawn, keeps the table as wide as the page.

:class:`RunningHead` and :class:`BlankBack` are zero-size markers read by the
page template (``pdf_page``): the enterprise and period on a form's later
pages, and a sheet's back left blank for duplex printing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, PageBreak
from reportlab.platypus.flowables import DocIf

BIG = 1e6
MIN_TABLE_SCALE = 0.8   # 11 pt cell text prints no smaller than about 9 pt (小五)
MIN_GRID_SCALE = 0.84   # 10.5 pt (五号) questionnaire text no smaller than about 9 pt (小五)


def stacked_height(flowables: Sequence[Flowable], width: float) -> float:
    return sum(f.wrap(width, BIG)[1] for f in flowables)


def fit_scale(build: Callable[[float], list[Flowable]], width: float, height: float,
              min_scale: float) -> tuple[float, list[Flowable]] | None:
    """(scale, flowables) for the largest scale in [min_scale, 1] at which ``build(width / scale)``
    fits ``height / scale``; None when it does not fit even at ``min_scale``."""
    def fits(scale: float) -> list[Flowable] | None:
        flowables = build(width / scale)
        return flowables if stacked_height(flowables, width / scale) <= height / scale else None

    found = fits(1.0)
    if found is not None:
        return 1.0, found
    best = fits(min_scale)
    if best is None:
        return None
    lo, hi = min_scale, 1.0
    for _ in range(6):
        mid = (lo + hi) / 2
        got = fits(mid)
        if got is not None:
            lo, best = mid, got
        else:
            hi = mid
    return lo, best


class Scaled(Flowable):
    """Flowables laid out at ``width / scale`` and drawn at ``scale``, stacked top to bottom."""

    def __init__(self, flowables: list[Flowable], scale: float, width: float):
        super().__init__()
        self.flowables, self.scale, self.inner_w = flowables, scale, width / scale
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._sizes = [f.wrap(self.inner_w, BIG) for f in self.flowables]
        self.width = self.inner_w * self.scale
        self.height = sum(h for _, h in self._sizes) * self.scale
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.scale(self.scale, self.scale)
        y = self.height / self.scale
        for f, (_, h) in zip(self.flowables, self._sizes, strict=True):
            y -= h
            f.drawOn(c, 0, y)
        c.restoreState()


class RunningHead(Flowable):
    """Zero-size marker: from the page after the one it lands on, ``text`` prints above the frame."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._running_head = (self.text, self.canv.getPageNumber())


class BlankBack(Flowable):
    """Zero-size marker of a page left blank on purpose (the back of a sheet): no page number."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._blank_page = self.canv.getPageNumber()


class NewSheet(DocIf):
    """A page break that, for duplex printing, also leaves the back of an odd page blank, so the next
    form starts on the front of a new sheet."""

    def __init__(self, duplex: bool):
        DocIf.__init__(self, "", [PageBreak(), BlankBack(), PageBreak()], [PageBreak()])
        self.duplex = duplex

    def funcWrap(self, aw: float, ah: float) -> bool:
        return self.duplex and self._doctemplateAttr("page") % 2 == 1


__all__ = ["BlankBack", "NewSheet", "RunningHead", "Scaled", "fit_scale", "stacked_height"]
