"""``python -m desktop_app`` opens the window; with a command it runs headless."""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desktop_app.cli import build_parser, run_args

    args = build_parser().parse_args(argv)
    if args.command:
        return run_args(args)
    from db import lock
    from desktop_app import i18n
    from ui.app import run_window

    lock.set_program(i18n.tr("创新台账窗口"))

    return run_window(db=args.db, package=args.package)


if __name__ == "__main__":
    from desktop_app import crash_log

    crash_log.install_headless()  # the window replaces it with its dialog (ui.crash_dialog)
    sys.exit(main())
