"""The house's layering rules (ARCHITECTURE.md), checked on the source with ``ast``.

- domain imports neither Qt nor sqlite3 nor the store (db);
- reports import no db, no ledger service, and take no connection or ledger parameter;
- ui imports no db and no sqlite3 and writes no SQL;
- services import neither ui nor the command line.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.+\b(FROM|INTO|SET)\b", re.S)
CONNECTION_PARAMS = {"conn", "connection", "ledger"}


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _imports(tree: ast.AST) -> list[tuple[int, list[str]]]:
    """Per import statement anywhere in the file (lazy ones inside functions too), the modules it may
    name: ``from a import b`` names a and a.b (b may be a submodule)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, [a.name]) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, [node.module, *(f"{node.module}.{a.name}" for a in node.names)]))
    return out


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):  # an f-string: its literal parts, joined
            out.append((node.lineno, "".join(v.value for v in node.values
                                             if isinstance(v, ast.Constant) and isinstance(v.value, str))))
    return out


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def violations(folder: str, forbidden: tuple[str, ...], rule: str, *, sql: bool = False,
               no_connection: bool = False) -> list[str]:
    found = []
    for path in _modules(folder):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, names in _imports(tree):
            bad = [n for n in names if _under(n, forbidden)]
            if bad:
                found.append(f"{_where(path, line)}: {rule}: imports {bad[-1]}")
        if sql:
            for line, text in _strings(tree):
                if SQL.search(text):
                    found.append(f"{_where(path, line)}: {rule}: SQL literal {text[:60]!r}")
            for node in ast.walk(tree):  # reaching past the services to the ledger's connection
                if isinstance(node, ast.Attribute) and node.attr == "conn":
                    found.append(f"{_where(path, node.lineno)}: {rule}: uses .conn")
        if no_connection:
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                    a = node.args
                    for arg in (*a.posonlyargs, *a.args, *a.kwonlyargs):
                        if arg.arg in CONNECTION_PARAMS:
                            found.append(f"{_where(path, node.lineno)}: {rule}: takes a parameter {arg.arg!r}")
    return found


RULES = {
    "domain": dict(folder="desktop_app/domain", forbidden=("PySide6", "shiboken6", "sqlite3", "db"),
                   rule="domain is plain Python (no Qt, no sqlite3, no db)"),
    "reports": dict(folder="desktop_app/reports", forbidden=("db", "sqlite3", "desktop_app.services.ledger"),
                    rule="reports take plain data, not a connection", no_connection=True),
    "ui": dict(folder="ui", forbidden=("db", "sqlite3"), rule="ui never touches the store or writes SQL", sql=True),
    "services": dict(folder="desktop_app/services", forbidden=("ui", "desktop_app.cli", "desktop_app.commands"),
                     rule="services import neither ui nor the command line"),
}


@pytest.mark.parametrize("layer", list(RULES))
def test_layer_keeps_its_rule(layer):
    found = violations(**RULES[layer])
    assert not found, "\n".join(found)


def test_the_checker_catches_each_kind_of_leak(tmp_path, monkeypatch):
    """The checks above would fail: a planted module breaking each rule is reported with file:line."""
    import tests.test_layering as me

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "m.py").write_text("import os\n\ndef f(conn):\n    from PySide6 import QtCore\n"
                              "    import db.records\n    return 'SELECT id FROM enterprises', conn.conn\n", encoding="utf-8")
    monkeypatch.setattr(me, "ROOT", tmp_path)
    found = violations("bad", ("PySide6", "db"), "rule X", sql=True, no_connection=True)
    assert sorted(found) == ["bad/m.py:3: rule X: takes a parameter 'conn'",
                             "bad/m.py:4: rule X: imports PySide6.QtCore",
                             "bad/m.py:5: rule X: imports db.records",
                             "bad/m.py:6: rule X: SQL literal 'SELECT id FROM enterprises'",
                             "bad/m.py:6: rule X: uses .conn"]


def test_sql_pattern_sees_the_services_queries():
    """The ui SQL check is not blind: the same pattern finds the queries where they belong."""
    assert len(violations("desktop_app/services", (), "sql", sql=True)) > 50
