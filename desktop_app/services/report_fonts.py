"""Which fonts the printed forms use (for the About box)."""

from desktop_app import i18n
from desktop_app.i18n import QT_TRANSLATE_NOOP

ROLE_LABELS = {"body": QT_TRANSLATE_NOOP("i18n", "仿宋（正文）"), "song": QT_TRANSLATE_NOOP("i18n", "宋体"),
               "title": QT_TRANSLATE_NOOP("i18n", "小标宋（标题）"), "hei": QT_TRANSLATE_NOOP("i18n", "黑体"),
               "kai": QT_TRANSLATE_NOOP("i18n", "楷体")}


def describe() -> str:
    from desktop_app.reports.fonts import chosen_fonts

    parts = []
    for role, choice in chosen_fonts().items():
        origin = i18n.tr("内置") if choice.bundled else i18n.tr("系统")
        parts.append(f"{i18n.tr(ROLE_LABELS.get(role, role))}：{choice.path.name}（{origin}）")
    return "；".join(parts)
