"""A reporting unit's own ledger, made from the distribution package its county sent."""

from pathlib import Path

from db import connection
from desktop_app import i18n
from desktop_app.errors import UserError
from desktop_app.services.exchange import package_file, receive
from desktop_app.services.ledger import Ledger, create_ledger


def describe(path: Path | str) -> package_file.Manifest:
    """The manifest of a distribution package (checked), for the setup dialog to show before creating."""
    with package_file.opened(path) as pkg:
        _require_distribution(pkg)
        return pkg.manifest


def _require_distribution(pkg: package_file.Package) -> None:
    if pkg.manifest.kind != package_file.DISTRIBUTION:
        raise UserError(i18n.tr("{file} 是{kind}，只有上级单位的下发包才能用来创建台账").format(
            file=pkg.path.name, kind=pkg.manifest.kind_label))


def create_from_package(package: Path | str, ledger_path: Path | str, *, operator: str) -> tuple[Ledger, receive.Result]:
    """``init --from-package``: the unit's ledger, holding exactly its share."""
    with package_file.opened(package) as pkg:
        _require_distribution(pkg)
        m = pkg.manifest
        to, sender = m.to_unit, m.from_unit
        ledger = create_ledger(ledger_path, unit_name=to["name"], level=to["level"], code=to.get("code") or "",
                               parent_name=sender["name"], operator=operator, unit_id=to["id"],
                               parent_id=sender["id"])
        try:
            result = receive.import_opened(ledger, pkg)
        except BaseException:
            ledger.close()
            connection._remove_quietly(Path(ledger_path))
            raise
    return ledger, result
