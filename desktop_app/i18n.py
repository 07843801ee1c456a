"""Translation hook usable below the UI layer.

Domain and service code must not import Qt, yet their messages reach the
clerk. They call ``i18n.tr("…")``; the UI installs Qt's translator at start-up so
the same strings go through ``QCoreApplication.translate``. ``pyside6-lupdate``
files a call ``i18n.tr("…")`` under the context "i18n", the context used here.
"""

from collections.abc import Callable


def _identity(context: str, text: str) -> str:
    return text


_translate: Callable[[str, str], str] = _identity


def install(translate: Callable[[str, str], str]) -> None:
    global _translate
    _translate = translate


CONTEXT = "i18n"


def tr(text: str) -> str:
    return _translate(CONTEXT, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a literal for lupdate under ``context`` where it is defined; ``tr`` it where it is shown.

    The name is the one lupdate looks for; pass ``CONTEXT`` ("i18n") as a literal when the
    text is later shown through ``i18n.tr(value)``.
    """
    return text
