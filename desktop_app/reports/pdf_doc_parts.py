"""The fixed parts of a GB/T 9704 document page: 版头, 署名 and 版记."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop_app.reports.pdf_page import BODY_SIZE, LINE, PITCH
from desktop_app.reports.pdf_text import break_lines, text_width

RED = Color(0.902, 0, 0.071)  # the usual 公文 red (C0 M100 Y100 K0)
ISSUER_SIZE = 36.0  # 小初; wide names are compressed horizontally, as Word templates do
MIN_SCALE = 0.62
BANJI_SIZE = 14.0  # 4号
THICK = 0.35 * mm
THIN = 0.25 * mm


class IssuerMark(Flowable):
    """发文机关标志: red, large, centred, compressed to the text block width."""

    def __init__(self, text: str, font: str, size: float = ISSUER_SIZE):
        super().__init__()
        self.lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        self.font, self.size = font, size

    def _fit(self, aw: float) -> tuple[float, float]:
        """(font size, horizontal scale) so the widest line fits."""
        size = self.size
        widest = max(text_width(ln, self.font, size) for ln in self.lines)
        scale = min(1.0, aw / widest)
        if scale < MIN_SCALE:
            size *= scale / MIN_SCALE
            scale = MIN_SCALE
        return size, scale

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.fit_size, self.scale = self._fit(aw)
        self.height = len(self.lines) * self.fit_size * 1.2
        return aw, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(RED)
        y = self.height - self.fit_size * 0.95
        for line in self.lines:
            t = c.beginText()
            t.setFont(self.font, self.fit_size)
            t.setHorizScale(self.scale * 100)
            w = text_width(line, self.font, self.fit_size) * self.scale
            t.setTextOrigin((self.width - w) / 2, y)
            t.textOut(line)
            c.drawText(t)
            y -= self.fit_size * 1.2
        c.restoreState()


class DocNumber(Flowable):
    """发文字号, centred, with the red separator line 4 mm below it."""

    def __init__(self, text: str, font: str):
        super().__init__()
        self.text, self.font = text, font

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = LINE + 4 * mm
        return aw, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, BODY_SIZE)
        base = self.height - (LINE - BODY_SIZE) / 2 - 0.88 * BODY_SIZE
        if self.text:
            c.drawCentredString(self.width / 2, base, self.text)
        c.saveState()
        c.setStrokeColor(RED)
        c.setLineWidth(1.2)
        y = base - 0.12 * BODY_SIZE - 4 * mm
        c.line(0, y, self.width, y)
        c.restoreState()


class SignatureBlock(Flowable):
    """署名 centred over 成文日期, the date 右空四字 (the layout for a sealed document)."""

    def __init__(self, signature: str, date: str, font: str):
        super().__init__()
        self.signature, self.date, self.font = signature, date, font

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = LINE * (int(bool(self.signature)) + int(bool(self.date)))
        return aw, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, BODY_SIZE)
        right = self.width - 4 * PITCH
        dw = text_width(self.date, self.font, BODY_SIZE)
        centre = right - dw / 2 if self.date else right - 2 * PITCH
        sw = text_width(self.signature, self.font, BODY_SIZE)
        centre = min(centre, self.width - 2 * PITCH - sw / 2)  # a long name keeps 右空二字
        y = self.height - (LINE - BODY_SIZE) / 2 - 0.88 * BODY_SIZE
        if self.signature:
            c.drawCentredString(centre, y, self.signature)
            y -= LINE
        if self.date:
            c.drawRightString(right, y, self.date)


class BanJi(Flowable):
    """版记 at the foot of the page: 抄送, then 印发机关 and 印发日期, between rules.

    It takes whatever height is left in the frame and draws itself at the
    bottom, so its last rule sits on the lower edge of the text block.
    Rows are (left text, right text); a long left text wraps under itself,
    aligned after its "抄送：" label.
    """

    def __init__(self, rows: Sequence[tuple[str, str]], font: str):
        super().__init__()
        self.rows = [r for r in rows if r[0] or r[1]]
        self.font = font
        self.row_h = BANJI_SIZE * 2.0
        self.line_h = BANJI_SIZE * 1.5

    def _lines(self, aw: float, left: str) -> tuple[list[str], float]:
        """Wrapped lines of ``left`` and the indent of its continuation lines."""
        inner = aw - 2 * BANJI_SIZE
        head, sep, _ = left.partition("：")
        hang = text_width(head + sep, self.font, BANJI_SIZE) if sep else 0.0
        first = break_lines(left, self.font, BANJI_SIZE, inner)
        if len(first) == 1:
            return first, 0.0
        rest = break_lines(left[len(first[0]):], self.font, BANJI_SIZE, inner - hang)
        return [first[0], *rest], hang

    def _block_h(self, n: int) -> float:
        return self.row_h + (n - 1) * self.line_h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        need = sum(self._block_h(len(self._lines(aw, left)[0])) for left, _ in self.rows) + 2
        self.height = ah if ah >= need else need
        return aw, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, BANJI_SIZE)
        c.setLineWidth(THICK)
        c.line(0, 0, self.width, 0)
        y = 0.0
        for i, (left, right) in enumerate(reversed(self.rows)):
            lines, hang = self._lines(self.width, left)
            h = self._block_h(len(lines))
            base = y + h - self.row_h / 2 - BANJI_SIZE * 0.35
            for k, line in enumerate(lines):
                c.drawString(BANJI_SIZE + (hang if k else 0.0), base, line)
                base -= self.line_h
            if right:
                c.drawRightString(self.width - BANJI_SIZE, base + self.line_h, right)
            y += h
            c.setLineWidth(THICK if i == len(self.rows) - 1 else THIN)
            c.line(0, y, self.width, y)
