"""Which fonts the printed forms use (for the About box)."""


def describe() -> str:
    try:
        from desktop_app.reports import fonts
    except ImportError:
        return "—"
    return fonts.describe() if hasattr(fonts, "describe") else "—"
