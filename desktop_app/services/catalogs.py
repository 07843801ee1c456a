"""Drop-down catalogues from ``resources/catalogs.toml`` (taken from the seeds)."""

import tomllib
from functools import cache
from typing import Any

from desktop_app.paths import resource


@cache
def catalogs() -> dict[str, Any]:
    with resource("catalogs.toml").open("rb") as fh:
        return tomllib.load(fh)


def names(key: str) -> list[str]:
    """A catalogue as a list of names (table arrays give their ``name``)."""
    items = catalogs()[key]
    return [item["name"] if isinstance(item, dict) else item for item in items]


def industries() -> list[str]:
    return names("industries")


def platform_types() -> list[str]:
    return names("platform_types")


def platform_levels() -> list[str]:
    return names("platform_levels")


def platform_statuses() -> list[str]:
    return names("platform_statuses")


def talent_categories() -> list[str]:
    return names("talent_categories")


def intro_methods() -> list[str]:
    return names("intro_methods")


def talent_industries() -> list[str]:
    return names("talent_industries")


def progress_statuses() -> list[str]:
    return names("progress_statuses")


def other_activities() -> list[str]:
    return names("other_activities")


def enterprise_titles() -> list[dict[str, Any]]:
    return list(catalogs()["enterprise_titles"])
