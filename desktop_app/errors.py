"""The one error type a clerk ever sees.

A ``UserError`` carries a complete Chinese sentence saying what is wrong and
where (file, sheet, row, field). The CLI prints it on one line and exits 2;
the window shows it in a message box. Anything else is a bug.
"""


class UserError(Exception):
    """``option``: the command-line option that resolves it (``--force``); the
    message itself says what is wrong in the clerk's words and names no flag —
    the CLI adds the option, the window offers its own way out."""

    def __init__(self, message: str, *, where: str | None = None, option: str | None = None):
        self.message = message
        self.where = where
        self.option = option
        super().__init__(f"{where}：{message}" if where else message)

    def __str__(self) -> str:  # the one line shown to the clerk
        return self.args[0]


class ValidationError(UserError):
    """Bad field input; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str, *, where: str | None = None):
        self.field = field
        super().__init__(message, where=where)


class OtherUnitBackup(UserError):
    """A backup of another unit's ledger: restored only when asked for explicitly."""


class Cancelled(Exception):
    """The clerk pressed 取消; the operation stopped and left nothing behind."""
