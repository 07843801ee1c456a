"""What the exchange tests share."""

from desktop_app.services import review


def explain_all(ledger, period):
    """Give every blocking 审核 finding of ``period`` a written explanation, so a package may go."""
    for f in review.blocking(ledger, period):
        review.explain(ledger, f, "已电话核实企业财务负责人，情况属实，附说明材料")


def diffs(conflict) -> list[tuple]:
    """(field, base, theirs, ours) for every field the conflict shows."""
    return [(f.name, f.base, f.theirs, f.ours) for f in conflict.fields()]
