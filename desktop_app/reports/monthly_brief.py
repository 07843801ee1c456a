"""月度调度情况通报 in 公文 layout: the default wording and how its text becomes paragraphs.

The wording is a template: plain paragraphs, one per line, with data items in
braces ({按时报送数}) that are filled from the ledger when printed, so an
edit of the wording cannot change a number. A line that starts like a
公文 heading gets that level: "一、" 黑体, "（一）" 楷体 (run in up to its
first "。"), "1." 仿宋 (run in likewise).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from desktop_app import i18n
from desktop_app.errors import ValidationError
from desktop_app.reports.document_model import Attachment, DocParagraph, DocumentForm

PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")
_LEVEL3 = re.compile(r"^\d+[.．]")


@dataclass
class BriefWording:
    """What a clerk may edit; every field may hold {data items}."""

    title: str = ""
    recipients: str = ""
    body: str = ""          # paragraphs, one per line
    signature: str = ""
    cc: str = ""
    printed_by: str = ""

    def fields(self) -> dict[str, str]:
        return {"title": self.title, "recipients": self.recipients, "body": self.body,
                "signature": self.signature, "cc": self.cc, "printed_by": self.printed_by}


def default_wording(unit: str, scope: str) -> BriefWording:
    """The wording a brief starts from (``scope``: 全县 / 全镇)."""
    office = i18n.tr("{u}创新生态建设领导小组办公室").format(u=unit)
    body = "\n".join((
        i18n.tr("为贯彻落实《{文件名称}》（{文号}）要求，按照“每月调度、排队通报”工作机制，现将{月份}{范围}"
           "创新生态建设重点任务推进情况通报如下。").replace("{范围}", scope),
        i18n.tr("一、总体情况"),
        i18n.tr("{月份}，{范围}{具体任务数}项具体任务共涉及{责任单位数}个责任单位、{应报条数}条责任分工，"
           "应于{截止日期}前报送推进情况。截至{统计日期}，按时报送{按时报送数}条，逾期报送{逾期报送数}条，"
           "未报送{未报送数}条，按时报送率{按时报送率}。").replace("{范围}", scope),
        i18n.tr("从推进情况看，{具体任务数}项具体任务中已完成{已完成任务数}项，正常推进{推进中任务数}项，"
           "滞后{滞后任务数}项，未启动{未启动任务数}项。"),
        i18n.tr("二、主要指标"),
        i18n.tr("规上工业企业创新活动覆盖率为{覆盖率}，{规上企业数}家规上工业企业中已销号{已销号企业数}家。"
           "{年度}年新认定高新技术企业{新认定高新技术企业数}家，有效高新技术企业{有效高新技术企业数}家；"
           "新认定各类创新平台{新认定平台数}个，其中本月{本月认定平台数}个；引进各类人才{引进人才数}名，"
           "其中高层次人才{引进高层次人才数}名。"),
        i18n.tr("三、排名情况"),
        i18n.tr("按照按时报送率、完成率等排名，{排名情况}（排名见附件1）。{逾期未报单位}存在逾期报送或未报送情况，"
           "请于收到通报后3日内补报（事项见附件2）。"),
        i18n.tr("四、督办事项"),
        i18n.tr("截至{统计日期}，在办督办事项{在办督办事项数}项，其中超期{超期督办事项数}项；本月办结销号{本月销号督办事项数}项。"),
        i18n.tr("五、下步工作"),
        i18n.tr("（一）按时报送进展。各责任单位要对照工作任务清单，于每月1日前报送上月推进情况，并附印证材料。"),
        i18n.tr("（二）抓好滞后事项整改。对滞后和未报送事项，责任单位要明确整改时限和责任人，确保各项任务按期完成。"),
    ))
    return BriefWording(
        title=i18n.tr("关于{月份}{范围}创新生态建设重点任务\n推进情况的通报").replace("{范围}", scope),
        recipients=i18n.tr("各乡（镇）人民政府，县直各有关单位") if scope == i18n.tr("全县")
        else i18n.tr("各村（社区），镇直各有关单位"),
        body=body,
        signature=office,
        cc=i18n.tr("县委办公室，县政府办公室，县创新生态建设领导小组各成员单位") if scope == i18n.tr("全县") else "",
        printed_by=office,
    )


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def fill(text: str, values: Mapping[str, str], field_name: str = "body") -> str:
    """Put the ledger's figures into the wording; an unknown {item} is the clerk's typo."""
    unknown = [p for p in placeholders(text) if p not in values]
    if unknown:
        raise ValidationError(field_name, i18n.tr("通报中有不认识的数据项：{items}（可用的数据项见右侧列表）").format(
            items="、".join("{" + u + "}" for u in dict.fromkeys(unknown))))
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


def paragraphs(body: str) -> list[DocParagraph]:
    out = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _LEVEL1.match(line):
            out.append(DocParagraph(line, level=1))
            continue
        level = 2 if _LEVEL2.match(line) else 3 if _LEVEL3.match(line) else 0
        if level and "。" in line[:40]:
            cut = line.index("。") + 1
            out.append(DocParagraph(line[cut:], level=level, lead=line[:cut]))
        else:
            out.append(DocParagraph(line, level=level))
    return out


@dataclass(frozen=True)
class BriefParts:
    issuer: str
    number: str
    date: str
    attachments: tuple[Attachment, ...] = field(default=())


def build_brief(wording: BriefWording, values: Mapping[str, str], parts: BriefParts) -> DocumentForm:
    filled = {k: fill(v, values, k) for k, v in wording.fields().items()}
    return DocumentForm(
        issuer=parts.issuer,
        number=parts.number,
        title=filled["title"],
        recipients=filled["recipients"],
        paragraphs=tuple(paragraphs(filled["body"])),
        attachments=parts.attachments,
        signature=filled["signature"],
        date=parts.date,
        cc=filled["cc"],
        printed_by=filled["printed_by"],
        printed_on=parts.date,
    )
