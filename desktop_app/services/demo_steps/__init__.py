"""Steps that fill the demo ledger after its base (units, built-in data, registry).

Each module here defines ``ORDER`` (int) and ``fill(ledger, ctx)``; the demo
runs them in order. A tab's sample data lives with the tab's own step.
"""

import importlib
import pkgutil
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_app.services.ledger import Ledger


@dataclass
class DemoContext:
    enterprise_ids: dict[str, str]   # name → id of the sample enterprises
    periods: tuple[str, str]         # the two demo months, oldest first
    today: date
    rng: random.Random


def steps() -> list[Callable[[Ledger, DemoContext], None]]:
    found = []
    for mod in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{mod.name}")
        if hasattr(module, "fill"):
            found.append((getattr(module, "ORDER", 100), mod.name, module.fill))
    return [fill for _, _, fill in sorted(found)]
