"""Chinese line breaking and the small text flowables around a table.

Cells and headings are laid out here rather than with reportlab's Paragraph:
the forms hold plain text, and a direct layout is several times faster on a
2,000-row table while following the same CJK rules (break between any two
Han characters, keep Latin words and numbers whole, no line starting with a
closing punctuation mark or ending with an opening one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

NO_START = set("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%‰")
NO_END = set("（《「『【〔〈“‘([{")
_WORD = re.compile(r"[A-Za-z0-9_.,%+\-/#&@:'°]+|.", re.S)

Widths = Callable[[str], float]


@lru_cache(maxsize=65536)
def text_width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def tokens(text: str) -> list[str]:
    """Break units: one Han character, one space, or one Latin word / number."""
    return _WORD.findall(text)


class Tok(str):
    """A token that remembers its font (for paragraphs mixing faces)."""

    font = ""

    @classmethod
    def make(cls, text: str, font: str) -> Tok:
        tok = cls(text)
        tok.font = font
        return tok


def _explode(tok: str) -> list[str]:
    if isinstance(tok, Tok):
        return [Tok.make(ch, tok.font) for ch in tok]
    return list(tok)


def wrap_tokens(
    toks: Sequence[str], width_of: Widths, limit: float, first_extra: float = 0.0
) -> list[list[str]]:
    """Greedy line filling with the usual Chinese kinsoku rules.

    ``first_extra`` is width already taken on the first line (an indent; negative
    for a hanging indent).
    """
    lines: list[list[str]] = []
    cur: list[str] = []
    cur_w = first_extra
    queue = list(toks)
    i = 0
    while i < len(queue):
        tok = queue[i]
        i += 1
        if not cur and tok == " " and lines:
            continue  # a wrapped line does not start with a space
        w = width_of(tok)
        if cur_w + w <= limit + 0.01 or not cur:
            if not cur and w > limit + 0.01 and len(tok) > 1:
                queue[i - 1 : i] = _explode(tok)  # an over-long word breaks by character
                i -= 1
                continue
            cur.append(tok)
            cur_w += w
            continue
        carry: list[str] = []
        if tok in NO_START and len(cur) > 1:
            carry.append(cur.pop())  # take the last character down with the punctuation
            while len(cur) > 1 and carry[0] in NO_START:
                carry.insert(0, cur.pop())  # "（试行）》": a run of closing marks goes down whole
        while len(cur) > 1 and cur[-1] in NO_END:
            carry.insert(0, cur.pop())
        while cur and cur[-1] == " ":
            cur.pop()
        lines.append(cur)
        cur = [*carry, tok]
        cur_w = sum(width_of(t) for t in cur)
    if cur or not lines:
        lines.append(cur)
    return lines


def _balanced(toks: list[str], width_of: Widths, limit: float) -> list[list[str]]:
    """The same number of lines as greedy filling, but as even as possible.

    A cell reading "创新环境优化行 / 动" looks careless; "创新环境 / 优化行动" is
    what a clerk would type.
    """
    lines = wrap_tokens(toks, width_of, limit)
    if len(lines) < 2:
        return lines
    known: dict[str, float] = {}
    measure = width_of

    def width_of(tok: str) -> float:  # the search wraps the same tokens ten times: measure each once
        w = known.get(tok)
        if w is None:
            w = known[tok] = measure(tok)
        return w

    lo = sum(width_of(t) for t in toks) / len(lines)
    hi = limit
    for _ in range(8):
        mid = (lo + hi) / 2
        if len(wrap_tokens(toks, width_of, mid)) == len(lines):
            hi = mid
        else:
            lo = mid
    return wrap_tokens(toks, width_of, hi)


def break_lines(
    text: str, font: str, size: float, limit: float, *, balance: bool = False
) -> list[str]:
    """Lines of ``text`` (honouring explicit newlines) that fit ``limit`` points."""
    return list(_break_lines(str(text), font, size, limit, balance))


@lru_cache(maxsize=8192)
def _break_lines(text: str, font: str, size: float, limit: float, balance: bool) -> tuple[str, ...]:
    """Cached: a long table repeats its unit names, statuses and flags on every page."""
    out: list[str] = []
    for para in str(text).split("\n"):
        if text_width(para, font, size) <= limit + 0.01:
            out.append(para)
            continue
        toks = tokens(para)
        width_of = lambda t: text_width(t, font, size)  # noqa: E731
        wrapped = _balanced(toks, width_of, limit) if balance else wrap_tokens(toks, width_of, limit)
        out.extend("".join(line) for line in wrapped)
    return tuple(out)


def draw_aligned(canv, text: str, x: float, y: float, width: float, align: str) -> None:
    """Draw one line inside [x, x + width] with the canvas's current font."""
    if align == "center":
        canv.drawCentredString(x + width / 2, y, text)
    elif align == "right":
        canv.drawRightString(x + width, y, text)
    else:
        canv.drawString(x, y, text)


class TextBlock(Flowable):
    """Wrapped lines in one font: titles, labels, notes under a table."""

    def __init__(
        self,
        text: str,
        font: str,
        size: float,
        *,
        leading: float | None = None,
        align: str = "left",
        space_after: float = 0.0,
        indent: float = 0.0,
        color=None,
        balance: bool = False,
    ):
        super().__init__()
        self.text, self.font, self.size, self.balance = text, font, size, balance
        self.leading = leading or size * 1.35
        self.align, self.space_after, self.indent, self.color = align, space_after, indent, color
        self.lines: list[str] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.lines = break_lines(self.text, self.font, self.size, aw - self.indent,
                                 balance=self.balance)
        self.height = len(self.lines) * self.leading + self.space_after
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        fit = int(ah // self.leading)
        if fit <= 0 or fit >= len(self.lines):
            return []
        head = "\n".join(self.lines[:fit])
        tail = "\n".join(self.lines[fit:])
        kw = dict(leading=self.leading, align=self.align, indent=self.indent, color=self.color)
        return [
            TextBlock(head, self.font, self.size, **kw),
            TextBlock(tail, self.font, self.size, space_after=self.space_after, **kw),
        ]

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, self.size)
        if self.color is not None:
            c.setFillColor(self.color)
        y = self.height - self.space_after - self.leading + (self.leading - self.size) / 2 + 0.12 * self.size
        for line in self.lines:
            draw_aligned(c, line, self.indent, y, self.width - self.indent, self.align)
            y -= self.leading


class SpreadLine(Flowable):
    """Items spread over one line: first flush left, last flush right (form furniture)."""

    def __init__(self, items: Sequence[str], font: str, size: float, *, space_before: float = 0.0,
                 space_after: float = 0.0):
        super().__init__()
        self.items, self.font, self.size = list(items), font, size
        self.space_before, self.space_after = space_before, space_after
        self.rows: list[list[str]] = []

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        gap_min = self.size * 2
        self.rows, cur, cur_w = [], [], 0.0
        for item in self.items:
            w = text_width(item, self.font, self.size)
            if cur and cur_w + gap_min + w > aw:
                self.rows.append(cur)
                cur, cur_w = [], 0.0
            cur_w += (gap_min if cur else 0) + w
            cur.append(item)
        if cur:
            self.rows.append(cur)
        self.height = self.space_before + len(self.rows) * self.size * 1.6 + self.space_after
        return aw, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, self.size)
        y = self.height - self.space_before - self.size * 1.25
        for row in self.rows:
            widths = [text_width(t, self.font, self.size) for t in row]
            if len(row) == 1:
                c.drawString(0, y, row[0])
            else:
                gap = (self.width - sum(widths)) / (len(row) - 1)
                x = 0.0
                for text, w in zip(row, widths, strict=True):
                    c.drawString(x, y, text)
                    x += w + gap
            y -= self.size * 1.6
