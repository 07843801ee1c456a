"""创新生态工作台账: the application layer (no Qt widgets in here)."""

from desktop_app.i18n import QT_TRANSLATE_NOOP

APP_NAME = QT_TRANSLATE_NOOP("i18n", "创新生态工作台账")  # also the QSettings application name
ORG_NAME = "ShanxiInnovationLedger"
DIST_NAME = "innovation-ledger"


def _version() -> str:
    """The version written in pyproject.toml, the one place it is kept.

    Installed (venv or bundle) it comes from the package metadata; from a bare
    source tree, from pyproject.toml itself.
    """
    from importlib import metadata

    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"


__version__ = _version()
