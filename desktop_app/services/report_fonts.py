"""Which fonts the printed forms use (for the About box)."""

from desktop_app import i18n

ROLE_LABELS = {"body": "仿宋（正文）", "song": "宋体", "title": "小标宋（标题）", "hei": "黑体", "kai": "楷体"}


def describe() -> str:
    from desktop_app.reports.fonts import chosen_fonts

    parts = []
    for role, choice in chosen_fonts().items():
        origin = i18n.tr("内置") if choice.bundled else i18n.tr("系统")
        parts.append(f"{i18n.tr(ROLE_LABELS.get(role, role))}：{choice.path.name}（{origin}）")
    return "；".join(parts)
