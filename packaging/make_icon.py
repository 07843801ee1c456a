"""Draw the program's icon: resources/icons/app.ico (16–256 px) and app.png (256 px).

A ledger book in the red of official documents, with a rising green bar chart on
its page. Run once after changing the drawing: ``python packaging/make_icon.py``.
"""

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256)
OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#b71c1c"))  # the cover
    p.drawRoundedRect(QRectF(20 * s, 12 * s, 216 * s, 232 * s), 28 * s, 28 * s)
    p.setBrush(QColor("#fff8e1"))  # the page
    p.drawRoundedRect(QRectF(48 * s, 36 * s, 168 * s, 184 * s), 12 * s, 12 * s)
    p.setBrush(QColor("#7f0000"))  # the spine
    p.drawRect(QRectF(20 * s, 12 * s, 18 * s, 232 * s))
    if size >= 32:  # ruled lines only where they can be seen
        p.setPen(QPen(QColor("#d7ccc8"), max(1.0, 5 * s)))
        for y in (72, 104):
            p.drawLine(int(70 * s), int(y * s), int(194 * s), int(y * s))
        p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#2e7d32"))  # rising bars: the work moving forward
    for i, h in enumerate((44, 72, 104)):
        x = 72 + i * 44
        p.drawRect(QRectF(x * s, (200 - h) * s, 32 * s, h * s))
    p.end()
    return img


def dib(img: QImage) -> bytes:
    """One icon entry as a 32-bit BMP (header, BGRA rows bottom-up, AND mask)."""
    size = img.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(size - 1, -1, -1):
        row = bytearray()
        for x in range(size):
            c = img.pixelColor(x, y)
            row += bytes((c.blue(), c.green(), c.red(), c.alpha()))
        rows.append(bytes(row))
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + b"\0" * (mask_row * size)


def png(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data)


def write_ico(path: Path, images: list[QImage]) -> None:
    """PNG for 256 px (as Windows itself does), BMP for the small sizes."""
    blobs = [png(i) if i.width() >= 256 else dib(i) for i in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for img, blob in zip(images, blobs, strict=True):
        w = img.width() if img.width() < 256 else 0
        out += struct.pack("<BBBBHHII", w, w, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(out + b"".join(blobs))


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    images = [draw(s) for s in SIZES]
    write_ico(OUT / "app.ico", images)
    images[-1].save(str(OUT / "app.png"), "PNG")
    print(OUT / "app.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
