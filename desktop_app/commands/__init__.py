"""Headless commands of CLI.md, one module per group; they call services, never the reverse.

A module registers its commands with :func:`command`; ``desktop_app.cli``
imports the modules listed in :data:`MODULES` and builds the parser once.
Heavy libraries (the form engine, openpyxl) are imported inside the command
functions that need them, so ``check`` or ``backup`` start fast.
"""

import argparse
from collections.abc import Callable
from pathlib import Path

Command = Callable[[argparse.Namespace], int]
Configure = Callable[[argparse.ArgumentParser], None]
COMMANDS: dict[str, tuple[Command, Configure]] = {}

MODULES = ("ledger", "report", "tasks", "exchange", "review", "survey")  # desktop_app.commands.<name>


def command(name: str, configure: Configure = lambda p: None) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[name] = (fn, configure)
        return fn
    return register


def db_path(args: argparse.Namespace) -> Path:
    """``--db``, or the ledger in the user's data folder."""
    if not args.db:
        from desktop_app.paths import default_ledger_path
        return default_ledger_path()
    return Path(args.db)


def ledger_for(args: argparse.Namespace, *, write: bool = True):
    """The ledger of ``--db``; a writing command holds its lock (a reader such as ``report`` does not)."""
    from desktop_app.services.ledger import open_ledger

    return open_ledger(db_path(args), write=write)
