"""Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) read with calamine, whatever their name
says (a workbook is recognised by its content), one sheet of cells at a time.

A parse can be started on another thread before the program has finished starting
(:class:`StartedParse`, begun by :mod:`ltl_plan.startup`): calamine lets go of Python's
lock while it parses, so the parse overlaps the imports of pandas and the rest. The
reader takes it as a parameter; whatever went wrong there is left for the reader, which
does the same again and reports it.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ltl_plan.errors import InputError, printable
from ltl_plan.read import bounds
from ltl_plan.read.errorcells import ErrorCells, xlsx_error_cells
from ltl_plan.read.files import (
    WORKBOOK_KINDS,
    ZIP_ERRORS,
    Limits,
    Sheet,
    check_file,
    check_zip,
    display_name,
    is_stdin,
    kind_message,
    open_source,
    short_reason,
    sniff_kind,
    stdin_bytes,
)

if TYPE_CHECKING:
    import pandas as pd

# Sheet names read before the others (compared by matching key).
PREFERRED_SHEETS = ("institutions", "don vi", "danh sach don vi", "thiet che", "danh sach")

# What a call into calamine may raise and is not a failure of the file: everything else
# is, a panic in its Rust code included (pyo3's PanicException is a BaseException).
_NOT_THE_FILE = (KeyboardInterrupt, SystemExit, GeneratorExit)

T = TypeVar("T")


def calamine_call(path: Path, call: Callable[[], T], sheet: str | None = None) -> T:
    """``call()``, a call into calamine, with whatever it raises for a broken file (a Rust
    panic too) turned into InputError."""
    try:
        return call()
    except _NOT_THE_FILE:
        raise
    except BaseException as exc:  # PanicException is a BaseException
        raise damaged(path, exc, sheet) from None


def damaged(path: Path, exc: BaseException, sheet: str | None = None) -> InputError:
    """The message for a workbook calamine could not read: a panic (a BaseException)
    means the file is damaged; an error says what calamine found."""
    name = display_name(path)
    if sheet is not None:
        return InputError(
            f"{name}: sheet {printable(sheet)!r} cannot be read ({short_reason(exc)})"
        )
    if not isinstance(exc, Exception):
        return InputError(f"{name}: the file is damaged and cannot be read ({short_reason(exc)})")
    return InputError(f"{name}: not a readable workbook ({short_reason(exc)})")


@dataclass(frozen=True)
class Workbook:
    """A workbook opened by calamine: its sheet names, and the worksheets in the order a
    table is looked for in them (preferred names first; chart, dialog and macro sheets
    cannot hold the table and are left out). ``form`` is what its content is (".xlsx",
    ".xlsb", ".ods" or ".xls", whatever its name says)."""

    book: Any  # python_calamine.CalamineWorkbook
    names: tuple[str, ...]
    order: tuple[int, ...]
    is_xlsx: bool
    form: str = ".xlsx"


def content_form(path: Path, kind: str, limits: Limits) -> str:
    """What a workbook is by its content: ".xls" for a compound file; for a zip, ".ods",
    ".xlsb" or ".xlsx" (an .xlsm too) by the parts it holds."""
    if kind == "ole":
        return ".xls"
    try:
        with zipfile.ZipFile(open_source(path, limits)) as archive:
            names = {name.lower() for name in archive.namelist()}
    except ZIP_ERRORS:
        return ".xlsx"  # check_zip has said it is damaged
    if "content.xml" in names and "xl/workbook.xml" not in names:
        return ".ods"
    return ".xlsb" if "xl/workbook.bin" in names and "xl/workbook.xml" not in names else ".xlsx"


def open_workbook(path: Path, limits: Limits) -> Workbook:
    """Open a workbook after checking that it is one and keeps within the size limits
    (the file's size, what it unpacks to, and the cells its sheets would make, as far as
    calamine makes them on opening); raises InputError saying why it cannot be read.
    Imports nothing heavy."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

    from ltl_plan.keys import key

    head = check_file(path, limits)
    kind = sniff_kind(head)
    if kind not in WORKBOOK_KINDS:
        raise InputError(kind_message(path, kind))
    if kind == "zip":
        check_zip(path, limits)
    form = content_form(path, kind, limits)
    _check_on_opening(path, form, limits)
    try:
        if is_stdin(path):
            book = CalamineWorkbook.from_filelike(io.BytesIO(stdin_bytes(limits)))
        else:
            book = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise InputError(
            f"{display_name(path)}: the workbook is password-protected; save it without a password"
        ) from None
    except _NOT_THE_FILE:
        raise
    except BaseException as exc:  # several types, and panics
        if is_stdin(path) or not isinstance(exc, Exception):
            raise damaged(path, exc) from None
        try:  # named for another format (an .xlsx saved as .xls): open it by its content
            with path.open("rb") as handle:
                book = calamine_call(path, lambda: CalamineWorkbook.from_filelike(handle))
        except InputError:
            raise damaged(path, exc) from None

    def listing() -> tuple[tuple[str, ...], list[Any]]:
        return tuple(book.sheet_names), [sheet.typ for sheet in book.sheets_metadata]

    names, kinds = calamine_call(path, listing)
    worksheets = [i for i in range(len(names)) if kinds[i] == SheetTypeEnum.WorkSheet]
    order = sorted(worksheets, key=lambda i: key(names[i]) not in PREFERRED_SHEETS)
    return Workbook(book, names, tuple(order), form == ".xlsx", form)


def _check_on_opening(path: Path, form: str, limits: Limits) -> None:
    """What must be checked before calamine opens the file: what it reserves or parses
    then (shared strings; every sheet of an .ods or .xls)."""
    if form == ".xlsx":
        try:
            with zipfile.ZipFile(open_source(path, limits)) as archive:
                bounds.check_shared_strings(path, archive, limits)
        except ZIP_ERRORS as exc:
            raise InputError(
                f"{display_name(path)}: a damaged workbook ({short_reason(exc)})"
            ) from None
    elif form == ".ods":
        bounds.check_ods(path, limits)
    elif form == ".xls":
        bounds.check_xls(path, limits)
    elif form == ".xlsb":
        bounds.check_xlsb(path, limits)


def check_sheet(
    path: Path, workbook: Workbook, index: int, limits: Limits, errors: ErrorCells | None = None
) -> None:
    """Refuse a sheet that would make more cells than the limit, before calamine parses
    it (an .ods or .xls was checked whole when it was opened). ``errors``: gathers an
    .xlsx sheet's error cells on the way."""
    if workbook.form == ".xlsx":
        bounds.check_xlsx_sheet(path, index, workbook.names[index], limits, errors)
    elif workbook.form == ".xlsb":
        bounds.check_xlsb_sheet(path, index, workbook.names[index], limits)


def parse_sheet(
    path: Path, workbook: Workbook, index: int, limits: Limits, checked: bool = False
) -> Any:
    """Sheet ``index`` parsed by calamine, after checking what it would make (unless
    ``checked`` says that was done)."""
    if not checked:
        check_sheet(path, workbook, index, limits)
    name = workbook.names[index]
    return calamine_call(path, lambda: workbook.book.get_sheet_by_index(index), name)


def _start_error_scan(
    path: Path, workbook: Workbook, index: int, found: list[dict[tuple[int, int], str]]
) -> threading.Thread | None:
    """The search for an .xlsx sheet's error cells, started on a thread of its own (it
    runs beside calamine's parse, which lets go of Python's lock); None for other
    workbooks, which have none to search for."""
    if not workbook.is_xlsx:
        return None
    scan = threading.Thread(target=_find_errors, args=(path, index, found), daemon=True)
    scan.start()
    return scan


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
            # The cell count is checked first; then calamine parses (without Python's
            # lock) while the error cells are searched for beside it.
            check_sheet(self.path, workbook, index, self.limits)
            found: list[dict[tuple[int, int], str]] = []
            scan = _start_error_scan(self.path, workbook, index, found)
            sheet = parse_sheet(self.path, workbook, index, self.limits, checked=True)
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


def _with_errors(
    cells: pd.DataFrame, start_row: int, start_column: int, errors: dict[tuple[int, int], str]
) -> tuple[pd.DataFrame, int, int]:
    """The cells with the error values put in (calamine reads them as blank), the area
    grown to take in those it left out: a formula without a cached value is no cell to
    calamine, and may lie beyond the last cell it read."""
    import pandas as pd

    top = min(start_row, *(row for row, _ in errors))
    left = min(start_column, *(col for _, col in errors))
    bottom = max(start_row + cells.shape[0], *(row + 1 for row, _ in errors))
    right = max(start_column + cells.shape[1], *(col + 1 for _, col in errors))
    if (top, left, bottom, right) != (
        start_row, start_column, start_row + cells.shape[0], start_column + cells.shape[1]
    ):  # fmt: skip
        grown = pd.DataFrame(
            "", index=range(bottom - top), columns=range(right - left), dtype=object
        )
        grown.iloc[
            start_row - top : start_row - top + cells.shape[0],
            start_column - left : start_column - left + cells.shape[1],
        ] = cells.to_numpy()
        cells, start_row, start_column = grown, top, left
    for (row, col), value in errors.items():
        cells.iat[row - start_row, col - start_column] = value
    return cells, start_row, start_column


def _contents(sheet: Any) -> tuple[list[list[Any]], tuple[int, int]]:
    """A parsed sheet's cells, and where they start (0-based row and column)."""
    return sheet.to_python(skip_empty_area=True), sheet.start or (0, 0)


def read_workbook(
    path: Path, limits: Limits, started: StartedParse | None = None
) -> Iterator[Sheet]:
    """The worksheets of a workbook, preferred names first, read one at a time (the
    first one taken from ``started`` when that parsed it already)."""
    import pandas as pd

    early = started.take(path, limits) if started is not None and not is_stdin(path) else None
    workbook = early.workbook if early else open_workbook(path, limits)
    file = display_name(path)
    for index in workbook.order:
        name = workbook.names[index]
        if early and early.index == index:
            sheet, errors = early.sheet, early.errors
        else:
            gathered = ErrorCells() if workbook.is_xlsx else None
            check_sheet(path, workbook, index, limits, gathered)  # one pass for both
            found: list[dict[tuple[int, int], str]] = []
            scan = None
            if gathered is not None and not gathered.complete:  # measured otherwise
                scan = _start_error_scan(path, workbook, index, found)
            try:
                sheet = parse_sheet(path, workbook, index, limits, checked=True)
            finally:
                if scan is not None:
                    scan.join()
            errors = gathered.found if gathered is not None and gathered.complete else {}
            if scan is not None:  # searched beside the parse; if that failed, again here
                errors = found[0] if found else xlsx_error_cells(path, index)
        rows, start = calamine_call(path, partial(_contents, sheet), name)
        if not rows:
            continue
        start_row, start_column = start
        cells = pd.DataFrame(rows, dtype=object)
        if errors:
            cells, start_row, start_column = _with_errors(cells, start_row, start_column, errors)
        yield Sheet(file, name, cells, start_row + 1, start_column)
