"""The `report` command: FORM names → builders (filled in as forms land)."""
