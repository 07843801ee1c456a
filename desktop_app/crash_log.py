"""Where an uncaught error goes: a rotating log file in the user's data folder.

No Qt widgets here; the window's dialog (``ui.crash_dialog``) adds itself on top.
"""

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

LOGGER = "innovation_ledger"
_installed: Path | None = None


def log_path() -> Path:
    from desktop_app.paths import default_data_dir

    return default_data_dir() / "logs" / "ledger.log"


def setup(path: Path | None = None) -> Path:
    """Send the program's log to ``path`` (1 MB a file, 3 kept); idempotent."""
    global _installed
    path = path or log_path()
    if _installed == path:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                   encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER)
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _installed = path
    return path


def details(exc_type, exc, tb) -> str:
    from desktop_app import __version__

    return f"版本 {__version__}，Python {sys.version.split()[0]}，{sys.platform}\n" + "".join(
        traceback.format_exception(exc_type, exc, tb))


def record(exc_type, exc, tb) -> str:
    """Write the error to the log; return the details text shown to the clerk."""
    text = details(exc_type, exc, tb)
    logging.getLogger(LOGGER).error("未捕获的错误\n%s", text)
    for handler in logging.getLogger(LOGGER).handlers:
        handler.flush()
    return text


def install_headless() -> None:
    """Headless commands: log the error, then let Python print it and exit as before."""
    try:
        setup()
    except OSError:
        return
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        if not issubclass(exc_type, KeyboardInterrupt):
            record(exc_type, exc, tb)
        previous(exc_type, exc, tb)

    sys.excepthook = hook
