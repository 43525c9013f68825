"""Reading: files in, sheets of cells out. Nothing here judges a value or finds a table.

Workbooks are read with calamine (:mod:`ltl_plan.read.workbook`), CSV with pandas' C
reader (:mod:`ltl_plan.read.csv`). Files are only ever opened for reading, and each is
checked against the limits before it is parsed: its size and what it unpacks to
(:mod:`ltl_plan.read.files`), and the cells its sheets would make once calamine or pandas
allocates them (:mod:`ltl_plan.read.bounds`, :attr:`Limits.max_cells`), so a file built
to exhaust memory is refused, not read. A file calamine cannot read, a panic in its Rust
code included, is an :class:`~ltl_plan.errors.InputError` naming the file. Every message
names a file by :func:`display_name` (printable: ``<stdin>`` for ``-``, escapes for bytes
that are not UTF-8 and for control characters). pandas is imported by the functions that
make tables, not by these modules: opening a workbook may run while the program is still
starting.

The error cells of an .xlsx sheet come into the cells as their Excel text ("#REF!"), and
a formula without a cached value as :data:`NO_CACHED_VALUE` ("#NO-VALUE"); validation
maps the text to a problem (an error value is a ``formula-error``; ``#NO-VALUE``, a
formula whose value was never calculated).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ltl_plan.read.csv import read_csv
from ltl_plan.read.errorcells import NO_CACHED_VALUE
from ltl_plan.read.files import (
    CSV_SUFFIXES,
    STDIN,
    STDIN_NAME,
    SUPPORTED_SUFFIXES,
    WORKBOOK_KINDS,
    WORKBOOK_SUFFIXES,
    Limits,
    Sheet,
    check_file,
    display_name,
    expand,
    is_stdin,
    sniff_kind,
    written_by_ltl_plan,
)
from ltl_plan.read.workbook import StartedParse, read_workbook

__all__ = [
    "CSV_SUFFIXES",
    "NO_CACHED_VALUE",
    "STDIN",
    "STDIN_NAME",
    "SUPPORTED_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "Limits",
    "Sheet",
    "StartedParse",
    "check_file",
    "display_name",
    "expand",
    "is_stdin",
    "read_sheets",
    "written_by_ltl_plan",
]


def read_sheets(
    path: Path, limits: Limits | None = None, started: StartedParse | None = None
) -> Iterator[Sheet]:
    """The sheets of one file, in the order a table is looked for in them. Raises
    InputError when the file cannot be read at all. ``started``: a parse of the file
    begun earlier, taken over when it is this file's. ``path`` may be :data:`STDIN`
    (``-``): standard input, read as the kind of file its content shows."""
    limits = limits or Limits()
    if (
        sniff_kind(check_file(path, limits)) not in WORKBOOK_KINDS
        if is_stdin(path)
        else path.suffix.lower() in CSV_SUFFIXES
    ):
        return read_csv(path, limits)
    return read_workbook(path, limits, started)
