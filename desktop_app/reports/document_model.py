"""The data of a 公文 (GB/T 9704-2012) document: what `document.write_document_pdf` prints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.reports.model import TableForm


@dataclass(frozen=True)
class DocParagraph:
    """A body paragraph; ``level`` 1 一、 (黑体), 2 （一） (楷体), 3 1. , 4 (1) (仿宋).

    With ``lead`` the heading runs in: "（一）强化组织领导。" in the level's face,
    then ``text`` in 仿宋 in the same paragraph.
    """

    text: str
    level: int = 0
    lead: str = ""


@dataclass(frozen=True)
class Attachment:
    name: str  # as listed in the 附件说明
    forms: Sequence[TableForm] = ()  # printed on their own pages after the body


@dataclass(frozen=True)
class DocumentForm:
    issuer: str  # 发文机关标志, e.g. 沁水县创新生态建设领导小组办公室文件; "\n" breaks lines
    number: str  # 发文字号, e.g. 沁创领办〔2026〕3号
    title: str  # "\n" where the title should break (keep 词意完整)
    recipients: str = ""  # 主送机关, printed with a trailing "："
    paragraphs: Sequence[DocParagraph] = ()
    attachments: Sequence[Attachment] = ()
    signature: str = ""  # 发文机关署名
    date: str = ""  # 成文日期, e.g. 2026年3月5日
    cc: str = ""  # 抄送
    printed_by: str = ""  # 印发机关
    printed_on: str = ""  # 印发日期
