"""The one error type a clerk ever sees.

A ``UserError`` carries a complete Chinese sentence saying what is wrong and
where (file, sheet, row, field). The CLI prints it on one line and exits 2;
the window shows it in a message box. Anything else is a bug.
"""


class UserError(Exception):
    def __init__(self, message: str, *, where: str | None = None):
        self.message = message
        self.where = where
        super().__init__(f"{where}：{message}" if where else message)

    def __str__(self) -> str:  # the one line shown to the clerk
        return self.args[0]


class ValidationError(UserError):
    """Bad field input; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str, *, where: str | None = None):
        self.field = field
        super().__init__(message, where=where)


class Cancelled(Exception):
    """The clerk pressed 取消; the operation stopped and left nothing behind."""
