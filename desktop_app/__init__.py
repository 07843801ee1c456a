"""创新生态工作台账: the application layer (no Qt widgets in here)."""

from desktop_app.i18n import QT_TRANSLATE_NOOP

__version__ = "0.1.0"
APP_NAME = QT_TRANSLATE_NOOP("i18n", "创新生态工作台账")  # also the QSettings application name
ORG_NAME = "ShanxiInnovationLedger"
