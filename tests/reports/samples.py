"""Sample documents and forms for tests, the bench and looking at the output."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.reports.document_model import Attachment, DocParagraph, DocumentForm
from desktop_app.reports.model import Column, Furniture, HeaderCell, Span, TableForm, Totals


def sample_brief(*attached: TableForm) -> DocumentForm:
    """A 月度调度情况 brief in 公文 layout, the shape the service layer will fill."""
    return DocumentForm(
        issuer="沁水县创新生态建设领导小组办公室文件",
        number="沁创领办〔2026〕3号",
        title="沁水县创新生态建设领导小组办公室关于\n2026年2月创新生态建设工作调度情况的通报",
        recipients="各乡（镇）人民政府，沁水经济技术开发区管委会，县直各有关单位",
        paragraphs=(
            DocParagraph(
                "按照《关于打造创新生态小气候的实施方案（试行）》（沁办发〔2020〕24号）和月度调度"
                "制度要求，现将2026年2月全县创新生态建设工作推进情况通报如下。"
            ),
            DocParagraph("一、总体进展", level=1),
            DocParagraph(
                "截至2月底，九大行动共31项具体任务中，已完成6项，推进中22项，滞后3项；"
                "73条责任分工中按时报送进展的71条，报送率97.3%。全县高新技术企业达到10家，"
                "科技型中小企业入库23家，技术合同交易额0.42亿元。"
            ),
            DocParagraph("二、存在问题", level=1),
            DocParagraph(
                "部分单位报送不及时、印证材料不完整；个别任务进度滞后，跨部门协同事项推进缓慢。",
                level=2,
                lead="（一）报送质量有待提高。",
            ),
            DocParagraph(
                "规上工业企业研发活动覆盖率较上月提高2.1个百分点，但仍有企业尚未开展研发活动。",
                level=2,
                lead="（二）企业创新活动覆盖不均衡。",
            ),
            DocParagraph("三、下步工作", level=1),
            DocParagraph(
                "各责任单位要对照工作任务清单，于每月1日前报送上月进展情况，对滞后任务明确"
                "整改时限和责任人，确保各项任务按期完成。",
            ),
        ),
        attachments=tuple(
            Attachment(f.title, (f,)) for f in attached
        ),
        signature="沁水县创新生态建设领导小组办公室",
        date="2026年3月5日",
        cc="县委办公室，县政府办公室，县创新生态建设领导小组各成员单位",
        printed_by="沁水县创新生态建设领导小组办公室",
        printed_on="2026年3月5日",
    )


AMOUNT_COLUMNS = (
    Column("seq", "序号", width_mm=14, kind="int"),
    Column("township", "乡（镇）", width=22),
    Column("enterprise", "企业名称", width=44, align="left"),
    Column("industry", "所属行业", width=18),
    Column("staff", "研发人员（人）", width=17, kind="int", align="right"),
    Column("spend", "研发费用（万元）", width=19, kind="money", align="right"),
    Column("assets", "仪器设备原价（万元）", width=19, kind="money", align="right"),
    Column("ratio", "研发投入强度", width=16, kind="percent", align="right"),
)
AMOUNT_HEADER = (
    HeaderCell("序号", 0, 0, rowspan=2),
    HeaderCell("乡（镇）", 0, 1, rowspan=2),
    HeaderCell("企业名称", 0, 2, rowspan=2),
    HeaderCell("所属行业", 0, 3, rowspan=2),
    HeaderCell("研究开发活动情况", 0, 4, colspan=4),
    HeaderCell("研发人员（人）", 1, 4),
    HeaderCell("研发费用（万元）", 1, 5),
    HeaderCell("仪器设备原价（万元）", 1, 6),
    HeaderCell("研发投入强度", 1, 7),
)
TOWNSHIPS = ("龙港镇", "中村镇", "郑庄镇", "端氏镇", "嘉峰镇", "郑村镇", "柿庄镇", "樊村河乡")
INDUSTRIES = ("煤层气", "装备制造", "化工", "食品", "建材", "电力", "医药")


def amounts_form(n_rows: int, *, group: int = 25, orientation: str = "portrait") -> TableForm:
    """A numbers-heavy table (研发 figures by enterprise) with township merges and totals."""
    rows, spans = [], []
    for i in range(n_rows):
        rows.append((
            i + 1,
            TOWNSHIPS[(i // group) % len(TOWNSHIPS)],
            f"山西沁水{'示范' * (i % 3)}{INDUSTRIES[i % 7]}科技有限公司第{i + 1}分公司",
            INDUSTRIES[i % 7],
            3 + i % 17,
            Decimal(120 + (i * 37) % 900) + Decimal("0.5"),
            Decimal(40 + (i * 53) % 700) / 4,
            Decimal((i % 40) + 1) / 1000,
        ))
    for start in range(0, n_rows, group):
        length = min(group, n_rows - start)
        if length > 1:
            spans.append(Span(start, 1, length))
    return TableForm(
        form_id="rd-summary",
        version="1",
        title="规上工业企业研究开发活动情况汇总表",
        subtitle="（2026年2月）",
        columns=AMOUNT_COLUMNS,
        header=AMOUNT_HEADER,
        rows=rows,
        spans=spans,
        totals=Totals(("staff", "spend", "assets"), label_cols=4),
        notes=("注：1. 研发投入强度＝研发费用÷主营业务收入。2. 排名规则：按研发投入强度由高到低排序，"
               "强度相同的按研发费用排序。",),
        orientation=orientation,
        furniture=Furniture(unit="沁水县工业和信息化局", period="2026年2月", filler="",
                            phone="", reviewer="", date="2026年3月1日"),
        unit="沁水县工业和信息化局",
        period="2026-02",
    )
