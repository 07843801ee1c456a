"""Paragraphs on the GB/T 9704 character grid (28 characters x 22 lines).

Word's 公文 templates snap each Han character to a grid cell, so every full
line holds exactly 28 characters and every page 22 lines. reportlab's
Paragraph has no such grid, so this flowable places each token itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from desktop_app.reports.model import display_width
from desktop_app.reports.pdf_page import BODY_SIZE, LINE, PITCH
from desktop_app.reports.pdf_text import Tok, text_width, tokens, wrap_tokens

ASCENT = 0.88


class GridParagraph(Flowable):
    """Runs of (text, font) laid on the grid; splits across pages line by line.

    ``first_indent`` / ``rest_indent`` are in characters (2 for a body
    paragraph; a hanging indent for an attachment list).
    """

    def __init__(
        self,
        runs: Sequence[tuple[str, str]],
        *,
        size: float = BODY_SIZE,
        leading: float = LINE,
        first_indent: float = 2,
        rest_indent: float = 0,
        align: str = "justify",
        color=None,
    ):
        super().__init__()
        self.runs = list(runs)
        self.size, self.leading, self.align, self.color = size, leading, align, color
        self.pitch = PITCH * size / BODY_SIZE
        self.first_indent, self.rest_indent = first_indent, rest_indent
        self.lines: list[list[str]] | None = None
        self.is_first = True  # this piece starts the paragraph (first-line indent)
        self.ends = True  # this piece ends the paragraph (last line not justified)

    def _width(self, tok: str) -> float:
        if display_width(tok) == 2 * len(tok):
            return self.pitch * len(tok)  # Han characters and full-width punctuation
        return text_width(tok, tok.font, self.size)  # type: ignore[attr-defined]

    def _layout(self, aw: float) -> None:
        toks = [Tok.make(t, font) for text, font in self.runs for t in tokens(text)]
        limit = aw - self.rest_indent * self.pitch
        extra = (self.first_indent - self.rest_indent) * self.pitch if self.is_first else 0.0
        self.lines = wrap_tokens(toks, self._width, limit, first_extra=extra)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        if self.lines is None:
            self._layout(aw)
        assert self.lines is not None
        self.height = len(self.lines) * self.leading
        return aw, self.height

    def _piece(self, lines: list[list[str]], is_first: bool, ends: bool) -> GridParagraph:
        p = GridParagraph(
            self.runs, size=self.size, leading=self.leading, first_indent=self.first_indent,
            rest_indent=self.rest_indent, align=self.align, color=self.color,
        )
        p.lines, p.is_first, p.ends = lines, is_first, ends
        return p

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        assert self.lines is not None
        fit = int((ah + 0.01) // self.leading)
        if fit < 1 or fit >= len(self.lines):
            return []
        return [
            self._piece(self.lines[:fit], self.is_first, False),
            self._piece(self.lines[fit:], False, self.ends),
        ]

    def draw(self) -> None:
        c = self.canv
        assert self.lines is not None
        if self.color is not None:
            c.setFillColor(self.color)
        y = self.height - (self.leading - self.size) / 2 - ASCENT * self.size
        font = None
        for i, line in enumerate(self.lines):
            indent = self.first_indent if (i == 0 and self.is_first) else self.rest_indent
            x0 = indent * self.pitch
            widths = [self._width(t) for t in line]
            room = self.width - x0 - sum(widths)
            last = i == len(self.lines) - 1 and self.ends
            gap = 0.0
            if self.align == "justify" and not last and len(line) > 1 and room > 0:
                gap = room / (len(line) - 1)
            elif self.align == "center":
                x0 += room / 2
            elif self.align == "right":
                x0 += room
            x = x0
            for tok, w in zip(line, widths, strict=True):
                if tok.font != font:  # type: ignore[attr-defined]
                    font = tok.font  # type: ignore[attr-defined]
                    c.setFont(font, self.size)
                if tok != " ":
                    c.drawString(x + (w - text_width(tok, font, self.size)) / 2
                                 if len(tok) == 1 and display_width(tok) == 2 else x, y, tok)
                x += w + gap
            y -= self.leading
