"""Every visible string reaches pyside6-lupdate in the context the program looks it up in.

At run time ``self.tr(s)`` looks ``s`` up under the class names of ``type(self)``'s MRO,
``i18n.tr(s)`` under "i18n", ``translate(ctx, s)`` under ``ctx``. lupdate files
``self.tr`` under the enclosing class, ``x.tr`` under "x", a bare ``tr`` under no
class at all, and cannot read a variable. It says nothing about any of this, so
the source is read here with ``ast`` as well.
"""

import ast
import importlib.util
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)

I18N = "i18n"
TR_NAMES = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _assembled(node: ast.AST) -> bool:
    """An f-string or a concatenation: lupdate reads a text the program never looks up."""
    return any(isinstance(n, (ast.JoinedStr, ast.BinOp)) for n in ast.walk(node))


@dataclass
class Scan:
    tr_classes: dict[str, str] = field(default_factory=dict)  # class calling self.tr -> its module
    explicit: set[str] = field(default_factory=set)           # literal contexts of translate()
    marked: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # QT_TRANSLATE_NOOP
    bases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    dynamic: list[tuple[str, str]] = field(default_factory=list)   # (where, context) of tr(variable)
    problems: list[str] = field(default_factory=list)

    def allowed(self) -> set[str]:
        return set(self.tr_classes) | self.explicit | {I18N}

    def subclasses(self, name: str) -> set[str]:
        out, todo = {name}, [name]
        while todo:
            base = todo.pop()
            for cls, bs in self.bases.items():
                if base in bs and cls not in out:
                    out.add(cls)
                    todo.append(cls)
        return out


class _Visitor(ast.NodeVisitor):
    def __init__(self, scan: Scan, path: str):
        self.scan, self.path, self.classes = scan, path, []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 (ast API)
        self.scan.bases[node.name] |= {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
                                       for b in node.bases}
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Assign(self, node: ast.Assign) -> None:  # noqa: N802 (ast API)
        if isinstance(node.value, ast.Attribute) and node.value.attr == "tr":
            self.scan.problems.append(f"{self.path}:{node.lineno}: alias of .tr (lupdate loses the class)")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 (ast API)
        self.generic_visit(node)
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
        if name not in TR_NAMES:
            return
        where = f"{self.path}:{node.lineno}: {ast.unparse(node)[:90]}"
        receiver = ast.unparse(f.value) if isinstance(f, ast.Attribute) else ""
        two = name in ("translate", "QT_TRANSLATE_NOOP")
        if len(node.args) < (2 if two else 1):
            return  # e.g. str.translate(table)
        ctx_node, text = (node.args[0], node.args[1]) if two else (None, node.args[0])
        if name == "QT_TR_NOOP":
            self.scan.problems.append(f"{where}: use QT_TRANSLATE_NOOP with an explicit context")
            return
        if _assembled(text):
            self.scan.problems.append(f"{where}: f-string or concatenation inside tr()")
            return
        if two:
            if not _literal(ctx_node):
                self.scan.problems.append(f"{where}: context is not a literal")
                return
            context = ctx_node.value
            if name == "QT_TRANSLATE_NOOP":
                self.scan.marked[context].add(text.value if _literal(text) else "")
                if not _literal(text):
                    self.scan.problems.append(f"{where}: QT_TRANSLATE_NOOP marks a literal")
                return
            self.scan.explicit.add(context)
        elif receiver == "self" and self.classes:
            context = self.classes[-1]
            self.scan.tr_classes[context] = self.path.removesuffix(".py").replace("/", ".")
        elif receiver == I18N:
            context = I18N
        else:
            self.scan.problems.append(f"{where}: lupdate files this under {receiver!r}, not the class "
                                      "it runs in; use self.tr, translate(\"Class\", …) or i18n.tr")
            return
        if not _literal(text):
            self.scan.dynamic.append((where, context))


@pytest.fixture(scope="module")
def scan() -> Scan:
    result = Scan()
    for path in tool.sources():
        rel = path.relative_to(ROOT).as_posix()
        _Visitor(result, rel).visit(ast.parse(path.read_text(encoding="utf-8"), rel))
    return result


def _messages(ts: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            out[name].add(m.findtext("source") or "")
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> tuple[dict[str, set[str]], list[str]]:
    ts = tmp_path_factory.mktemp("lupdate") / "fresh_en.ts"
    said = tool.run_lupdate(ts, locations="absolute")
    return _messages(ts), said


def test_lupdate_runs_without_complaint(extracted):
    messages, said = extracted
    assert said == []
    assert sum(map(len, messages.values())) > 1000


def test_no_message_without_a_context(extracted):
    messages, _ = extracted
    assert sorted(messages.get("", ())) == []


def test_every_context_is_one_the_program_looks_up(extracted, scan):
    messages, _ = extracted
    assert sorted(set(messages) - scan.allowed()) == []
    assert {"MainWindow", I18N, "picker"} <= set(messages)


def test_tr_calls_are_extractable_where_they_stand(scan):
    assert scan.problems == []


def test_self_tr_classes_are_qobjects(scan):
    """A class that is no QObject has no ``tr``; one defined twice would share a context."""
    import importlib

    from PySide6.QtCore import QObject

    names = defaultdict(list)
    for path in tool.sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names[node.name].append(path)
    assert sorted(n for n in scan.tr_classes if len(names[n]) > 1) == []
    not_qt = [n for n, module in scan.tr_classes.items()
              if not issubclass(getattr(importlib.import_module(module), n), QObject)]
    assert not_qt == []


def test_marked_strings_use_a_context_that_is_looked_up(scan):
    assert sorted(set(scan.marked) - scan.allowed()) == []


def test_translated_variables_come_from_marked_strings(scan):
    """``tr(value)`` finds a translation only for texts marked (QT_TRANSLATE_NOOP) in its context.

    For ``self.tr`` in class C the lookup walks the MRO, so marks in a subclass of C count.
    """
    unmarked = [where for where, context in scan.dynamic
                if not any(scan.marked.get(c) for c in scan.subclasses(context))]
    assert unmarked == []
    assert len(scan.dynamic) > 10


def test_committed_english_catalogue_is_up_to_date(extracted):
    fresh, _ = extracted
    committed = _messages(tool.TS_FILE)
    missing = sorted((c, s) for c, texts in fresh.items() for s in texts - committed.get(c, set()))
    stale = sorted((c, s) for c, texts in committed.items() for s in texts - fresh.get(c, set()))
    assert (missing, stale) == ([], []), "run: .venv/bin/python tools/update_translations.py"


def test_the_checks_catch_what_lupdate_gets_wrong():
    src = '''
class Page(QWidget):
    def f(self, label, window):
        tr = self.tr
        window.tr("a")
        self.tr(f"b{label}")
        self.tr(label)
        translate(label, "c")
'''
    s = Scan()
    _Visitor(s, "x.py").visit(ast.parse(src))
    assert len(s.problems) == 4
    assert s.dynamic == [("x.py:7: self.tr(label)", "Page")] and not s.marked
