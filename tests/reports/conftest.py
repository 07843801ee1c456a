"""Shared fixtures: the seed task list, printed once per session, and PDF probes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from desktop_app.reports.pdf_form import write_pdf
from desktop_app.reports.task_list import build_task_list_form
from desktop_app.reports.xlsx import write_xlsx
from tests.reports.seed_task_list import seed_header, seed_task_lines


def pdf_text(path: Path, page: int | None = None) -> str:
    """pdftotext output (one page or all), every run of whitespace removed."""
    args = ["pdftotext"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True, text=True)
    return re.sub(r"\s+", "", out.stdout)


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


def pdf_page_sizes(path: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)],
                         capture_output=True, check=True, text=True)
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out.stdout)]


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """Rows of pdffonts: name, type and the emb column."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name type [encoding...] emb sub uni object ID: emb is 5th from the end
        rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows


@pytest.fixture(scope="session")
def task_lines():
    return seed_task_lines()


@pytest.fixture(scope="session")
def task_form(task_lines):
    return build_task_list_form(task_lines, seed_header())


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="session")
def task_pdf(task_form, out_dir) -> Path:
    return write_pdf(task_form, out_dir / "task-list.pdf")


@pytest.fixture(scope="session")
def task_xlsx(task_form, out_dir) -> Path:
    return write_xlsx(task_form, out_dir / "task-list.xlsx")
