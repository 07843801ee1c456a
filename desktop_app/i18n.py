"""Translation hook usable below the UI layer.

Domain and service code must not import Qt, yet their messages reach the
clerk. They call :func:`tr`; the UI installs Qt's translator at start-up so
the same strings go through ``QCoreApplication.translate``.
"""

from collections.abc import Callable

_translate: Callable[[str, str], str] = lambda context, text: text  # noqa: E731


def install(translate: Callable[[str, str], str]) -> None:
    global _translate
    _translate = translate


def tr(text: str, context: str = "desktop_app") -> str:
    return _translate(context, text)
