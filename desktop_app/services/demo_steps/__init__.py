"""Steps that fill the demo ledger after its base (units, built-in data, registry).

Each module here defines ``ORDER`` (int) and ``fill(ledger, ctx)``; the demo
runs them in order. A tab's sample data lives with the tab's own step.
"""

import importlib
import pkgutil
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain import titles as titles_rule
from desktop_app.services import catalogs
from desktop_app.services.ledger import Ledger


@dataclass
class DemoContext:
    enterprise_ids: dict[str, str]   # name → id of the sample enterprises
    periods: tuple[str, str]         # the two demo months, oldest first
    today: date
    rng: random.Random


def title_dates(name: str, year: int, day: int, today: date, *, month: int = 11) -> tuple[str, str | None]:
    """(issued_on, valid_until) of a sample title: never dated after ``today``, and valid for as long as
    ``domain.titles`` says (the catalogue's years from the certificate date), as a typed-in title would be."""
    issued = min(date(year, month, day), today - timedelta(days=1))
    years = int(next((t.get("valid_years") or 0 for t in catalogs.enterprise_titles() if t["name"] == name), 0))
    until = titles_rule.valid_until(years, issued.year, issued)
    return issued.isoformat(), until.isoformat() if until else None



def short_name(name: str) -> str:
    """An enterprise's name without its legal form (有限公司 …), for the names of its own centre or project:
    山西蓝焰煤层气集团有限责任公司 → 山西蓝焰煤层气集团, never a name cut mid-word."""
    return re.sub(r"(股份有限公司|有限责任公司|有限公司|公司$)", "", name, count=1) or name


def steps() -> list[Callable[[Ledger, DemoContext], None]]:
    found = []
    for mod in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{mod.name}")
        if hasattr(module, "fill"):
            found.append((getattr(module, "ORDER", 100), mod.name, module.fill))
    return [fill for _, _, fill in sorted(found)]
