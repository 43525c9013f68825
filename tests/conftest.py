"""Shared helpers: tables built in memory or written to temporary workbooks."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import settings

from ltl_plan.cells import column_letter
from ltl_plan.coded import Coded
from ltl_plan.layout import Column, RawTable
from ltl_plan.plan import Plan, load_plan
from ltl_plan.validate import Dataset, check_file, merge
from ltl_plan.vocabulary import Vocabulary

# In CI the property tests run the same examples every time (a failure found by chance
# locally is fixed and kept as a test); on a developer's machine they explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

HEADERS = (
    "id",
    "name",
    "year",
    "category",
    "level",
    "district",
    "lifelong_learning",
    "digital",
    "education_program",
    "creative_support",
    "learning_activities",
    "learning_visits",
)


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


def raw_table(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str] = HEADERS,
    file: str = "test.xlsx",
    sheet: str | None = "institutions",
) -> RawTable:
    """A table as the layout step would hand it over: header in row 1, data from row 2,
    the recognised columns only."""
    vocab = Vocabulary.from_plan(load_plan())
    width = len(headers)
    padded = [list(row) + [""] * (width - len(row)) for row in rows]
    known = [(j, vocab.column_for(h)) for j, h in enumerate(headers)]
    kept = [(j, field) for j, field in known if field is not None]
    data = tuple(Coded.of(pd.Series([line[j] for line in padded], dtype=object)) for j, _ in kept)
    return RawTable(
        file=file,
        sheet=sheet,
        header_rows=(1,),
        columns=tuple(Column(field, headers[j], column_letter(j)) for j, field in kept),
        data=data,
        row_numbers=tuple(range(2, 2 + len(rows))),
    )


def row(
    ident: str,
    year: int | float | str,
    category: str,
    level: str = "",
    *,
    ll: Any = "",
    digital: Any = "",
    edu: Any = "",
    creative: Any = "",
    activities: Any = "",
    visits: Any = "",
    district: str = "",
    name: str | None = None,
) -> list[Any]:
    """One institution row in the HEADERS order."""
    return [
        ident, name or f"Institution {ident}", year, category, level, district,
        ll, digital, edu, creative, activities, visits,
    ]  # fmt: skip


def validate(tables: Sequence[tuple[str, Sequence[RawTable] | None]], plan: Plan) -> Dataset:
    """Check every table and merge them, as the pipeline does with the files' tables."""
    vocab = Vocabulary.from_plan(plan)
    return merge([check_file(file, file_tables, plan, vocab) for file, file_tables in tables], plan)


def make_dataset(plan: Plan, rows: Sequence[Sequence[Any]], **kwargs: Any) -> Dataset:
    return validate([(kwargs.get("file", "test.xlsx"), [raw_table(rows, **kwargs)])], plan)


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str] = HEADERS,
    sheet: str = "institutions",
    above: Sequence[Sequence[Any]] = (),
) -> Path:
    """A workbook with optional title rows above the header."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for line in above:
        worksheet.append(list(line))
    worksheet.append(list(headers))
    for line in rows:
        worksheet.append([None if value == "" else value for value in line])
    for cells in worksheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
    workbook.save(path)
    return path


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def build(rows: Sequence[Sequence[Any]], name: str | None = None, **kwargs: Any) -> Path:
        return write_xlsx(tmp_path / (name or f"t{next(counter)}.xlsx"), rows, **kwargs)

    return build


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests choose the language themselves: a developer's LTL_PLAN_LANG is not read."""
    monkeypatch.delenv("LTL_PLAN_LANG", raising=False)


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def benchmarks_module(stem: str) -> ModuleType:
    """benchmarks/<stem>.py, imported from its path (benchmarks/ is not a package; its
    scripts import each other, so the folder goes on the path)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    name = f"ltl_plan_benchmarks_{stem}"
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{stem}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module
