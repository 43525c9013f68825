"""Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) read with calamine, whatever their name
says (a workbook is recognised by its content), one sheet of cells at a time.

A parse can be started on another thread before the program has finished starting
(:class:`StartedParse`, begun by :mod:`ltl_plan.startup`): calamine lets go of Python's
lock while it parses, so the parse overlaps the imports of pandas and the rest. The
reader takes it as a parameter; whatever went wrong there is left for the reader, which
does the same again and reports it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ltl_plan.errors import InputError
from ltl_plan.read.errorcells import xlsx_error_cells
from ltl_plan.read.files import (
    Limits,
    Sheet,
    check_file,
    check_zip,
    kind_message,
    short_reason,
    sniff_kind,
)

# Sheet names read before the others (compared by matching key).
PREFERRED_SHEETS = ("institutions", "don vi", "danh sach don vi", "thiet che", "danh sach")


@dataclass(frozen=True)
class Workbook:
    """A workbook opened by calamine: its sheet names, and the worksheets in the order a
    table is looked for in them (preferred names first; chart, dialog and macro sheets
    cannot hold the table and are left out)."""

    book: Any  # python_calamine.CalamineWorkbook
    names: tuple[str, ...]
    order: tuple[int, ...]
    is_xlsx: bool


def open_workbook(path: Path, limits: Limits) -> Workbook:
    """Open a workbook after checking that it is one and keeps within the size limits;
    raises InputError saying why it cannot be read. Imports nothing heavy."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

    from ltl_plan.vocabulary import key

    head = check_file(path, limits)
    kind = sniff_kind(head)
    if kind not in ("zip", "ole"):
        raise InputError(kind_message(path, kind))
    if kind == "zip":
        check_zip(path, limits)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise InputError(
            f"{path}: the workbook is password-protected; save it without a password"
        ) from None
    except Exception as exc:  # calamine raises several types for a broken file
        try:  # named for another format (an .xlsx saved as .xls): open it by its content
            with path.open("rb") as handle:
                book = CalamineWorkbook.from_filelike(handle)
        except Exception:
            raise InputError(f"{path}: not a readable workbook ({short_reason(exc)})") from None
    names = tuple(book.sheet_names)
    kinds = [sheet.typ for sheet in book.sheets_metadata]
    worksheets = [i for i in range(len(names)) if kinds[i] == SheetTypeEnum.WorkSheet]
    order = sorted(worksheets, key=lambda i: key(names[i]) not in PREFERRED_SHEETS)
    is_xlsx = kind == "zip" and path.suffix.lower() in (".xlsx", ".xlsm")
    return Workbook(book, names, tuple(order), is_xlsx)


@dataclass(frozen=True)
class _Parsed:
    """The first worksheet to look at, parsed, with its error cells."""

    workbook: Workbook
    index: int
    sheet: Any  # python_calamine.CalamineSheet
    errors: dict[tuple[int, int], str]


class StartedParse:
    """One workbook being opened and its first worksheet parsed on a thread of its own,
    its error cells searched for on a third; :meth:`take` hands the result over once.

    Keyed by the file's path, size and modification time, and by the limits it was
    opened under: a file changed since, or read under other limits, is read afresh."""

    def __init__(self, path: Path, limits: Limits) -> None:
        status = path.stat()
        self.path = path.resolve()
        self.stamp = (status.st_size, status.st_mtime_ns)
        self.limits = limits
        self.parsed: _Parsed | None = None
        self._taken = False
        self._thread = threading.Thread(target=self._parse, name="ltl-plan-parse", daemon=True)
        self._thread.start()

    def _parse(self) -> None:
        # Nothing raised here may escape the thread (where Python would print it):
        # BaseException, since a panic in Rust code reaches Python as one.
        try:
            workbook = open_workbook(self.path, self.limits)
            if not workbook.order:
                return
            index = workbook.order[0]
            found: list[dict[tuple[int, int], str]] = []
            scan = None
            if workbook.is_xlsx:  # both let go of Python's lock
                scan = threading.Thread(
                    target=_find_errors, args=(self.path, index, found), daemon=True
                )
                scan.start()
            sheet = workbook.book.get_sheet_by_index(index)
            if scan is not None:
                scan.join()
                if not found:  # the search failed: the reader does it again
                    return
            self.parsed = _Parsed(workbook, index, sheet, found[0] if found else {})
        except BaseException:  # the reader does it again, and reports it
            self.parsed = None

    def take(self, path: Path, limits: Limits) -> _Parsed | None:
        """The parse, once, when it is of ``path`` under ``limits``, succeeded, and the
        file has not changed since it was started."""
        if self._taken or path.resolve() != self.path or limits != self.limits:
            return None
        self._taken = True
        self._thread.join()
        try:
            status = path.stat()
        except OSError:
            return None
        return self.parsed if (status.st_size, status.st_mtime_ns) == self.stamp else None


def _find_errors(path: Path, index: int, found: list[dict[tuple[int, int], str]]) -> None:
    try:
        found.append(xlsx_error_cells(path, index))
    except BaseException:  # the reader does it again, and reports it
        return


def read_workbook(
    path: Path, limits: Limits, started: StartedParse | None = None
) -> Iterator[Sheet]:
    """The worksheets of a workbook, preferred names first, read one at a time (the
    first one taken from ``started`` when that parsed it already)."""
    import pandas as pd

    early = started.take(path, limits) if started is not None else None
    workbook = early.workbook if early else open_workbook(path, limits)
    for index in workbook.order:
        name = workbook.names[index]
        try:
            if early and early.index == index:
                sheet, errors = early.sheet, early.errors
            else:
                sheet = workbook.book.get_sheet_by_index(index)
                errors = xlsx_error_cells(path, index) if workbook.is_xlsx else {}
            rows = sheet.to_python(skip_empty_area=True)
        except Exception as exc:
            raise InputError(
                f"{path}: sheet {name!r} cannot be read ({short_reason(exc)})"
            ) from None
        if not rows:
            continue
        start_row, start_column = sheet.start or (0, 0)
        cells = pd.DataFrame(rows, dtype=object)
        for (row, col), value in errors.items():
            r, c = row - start_row, col - start_column
            if 0 <= r < cells.shape[0] and 0 <= c < cells.shape[1]:
                cells.iat[r, c] = value
        yield Sheet(str(path), name, cells, start_row + 1, start_column)
