"""Reading: files in, sheets of cells out. Nothing here judges a value or finds a table.

Workbooks are read with calamine (:mod:`ltl_plan.read.workbook`), CSV with pandas' C
reader (:mod:`ltl_plan.read.csv`). Files are only ever opened for reading, and each is
checked against size limits before it is parsed (:mod:`ltl_plan.read.files`), so a file
built to exhaust memory is refused, not read. pandas is imported by the functions that
make tables, not by these modules: opening a workbook may run while the program is still
starting.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ltl_plan.read.csv import read_csv
from ltl_plan.read.files import (
    CSV_SUFFIXES,
    SUPPORTED_SUFFIXES,
    WORKBOOK_SUFFIXES,
    Limits,
    Sheet,
    expand,
)
from ltl_plan.read.workbook import StartedParse, read_workbook

__all__ = [
    "CSV_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "Limits",
    "Sheet",
    "StartedParse",
    "expand",
    "read_sheets",
]


def read_sheets(
    path: Path, limits: Limits | None = None, started: StartedParse | None = None
) -> Iterator[Sheet]:
    """The sheets of one file, in the order a table is looked for in them. Raises
    InputError when the file cannot be read at all. ``started``: a parse of the file
    begun earlier, taken over when it is this file's."""
    limits = limits or Limits()
    if path.suffix.lower() in CSV_SUFFIXES:
        return read_csv(path, limits)
    return read_workbook(path, limits, started)
