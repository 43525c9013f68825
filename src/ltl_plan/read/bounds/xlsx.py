"""The cells of an .xlsx or .xlsm sheet, counted from its XML before calamine parses it;
the shared strings' declared count."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.parsers import expat

from ltl_plan.errors import InputError, printable
from ltl_plan.read.bounds.common import (
    CHUNK,
    MAX_COLUMNS,
    MAX_ROWS,
    column_letters,
    tag_chunks,
    too_many,
)
from ltl_plan.read.errorcells import ErrorCells, cell_pieces
from ltl_plan.read.files import (
    ZIP_ERRORS,
    Limits,
    display_name,
    open_source,
    short_reason,
)
from ltl_plan.read.parts import attributes, column_number, find_member, xlsx_sheet_parts

_SST_TAG = re.compile(rb"<(?:[\w.-]+:)?sst\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")


def check_shared_strings(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse an .xlsx whose shared strings declare more strings than the part could
    hold (calamine reserves room for ``uniqueCount`` strings before reading one: 2**31
    of them abort the process). A declared count up to a million is let be: a writer
    that counts wrong costs a few megabytes at most."""
    part = find_member(archive, "xl/sharedStrings.xml")
    if part is None:
        return
    declared = 0
    with archive.open(part) as stream:
        for piece in tag_chunks(stream):
            if b"sst" not in piece:
                continue
            for match in _SST_TAG.finditer(piece):  # the root, or one in a comment
                value = attributes(match.group(1)).get(b"uniqueCount", b"")
                if re.fullmatch(rb"\+?[0-9]+", value):  # else calamine reads no count
                    declared = max(declared, int(value))
    count, possible = declared, min(part.file_size // 4, limits.max_cells)
    if count > max(possible, 1_000_000):
        raise InputError(
            f"{display_name(path)}: the workbook's shared strings declare {count:,} strings, "
            f"more than its {part.file_size:,} bytes can hold (or than the limit of "
            f"{limits.max_cells:,} cells); the file is damaged or built to exhaust memory"
        )


_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_CELL_REF = re.compile(rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})"')
_PREFIXED_CELL = re.compile(rb":c[\s>/]")
_REFERENCE = re.compile(rb"([A-Za-z]+)([0-9]+)")


class _OffTheGrid(Exception):
    """A cell beyond the rows and columns a worksheet has: no spreadsheet program writes
    one, and calamine would make the range down to it (a cell at A2000000 took 1.8 GB)."""

    def __init__(self, column: int, row: int) -> None:
        super().__init__(f"{column_letters(column)}{row}")


def _on_the_grid(column: int, row: int) -> None:
    """Raise :class:`_OffTheGrid` for a 1-based cell beyond XFD or row 1,048,576."""
    if column > MAX_COLUMNS or row > MAX_ROWS:
        raise _OffTheGrid(column, row)


@dataclass(frozen=True)
class _Bound:
    """What the fast pass lets by: cells up to column ``columns`` and row ``rows``
    (rounded up to what one character class can say), and its pattern, which matches
    every cell tag beyond them or not written ``<c r="A1"``."""

    columns: int
    rows: int
    pattern: re.Pattern[bytes]

    @classmethod
    def of(cls, columns: int, rows: int) -> _Bound:
        letters = column_letters(max(columns, 1))
        if len(letters) == 1:
            column_class, columns = (
                f"[A-{letters}a-{letters.lower()}]",
                column_number(letters.encode()),
            )
        elif len(letters) == 2:
            first = letters[0]
            column_class = f"[A-{first}a-{first.lower()}]?[A-Za-z]"
            columns = column_number(f"{first}Z".encode())
        else:
            column_class, columns = "[A-Za-z]{1,3}", column_number(b"ZZZ")
        digits = str(max(rows, 1))
        top = digits[0]
        row_class = f"[0-{top}]"
        if len(digits) > 1:
            row_class += f"?[0-9]{{1,{len(digits) - 1}}}"
        rows = (int(top) + 1) * 10 ** (len(digits) - 1) - 1
        pattern = re.compile(f'<c(?! r="{column_class}{row_class}")[\\s>/]'.encode())
        return cls(columns, rows, pattern)


def _fast_extent(
    stream: IO[bytes], limit: int, errors: ErrorCells | None = None
) -> tuple[int, int] | None:
    """Rows and columns that bound every cell of a sheet's XML, by one pass of a regular
    expression that skips cells within the bound; None when the pass cannot vouch for
    the sheet (cells written in an unusual way, or a bound above ``limit``). ``errors``
    is fed each piece on the way (the same pass finds the error cells)."""
    bound: _Bound | None = None
    for piece in cell_pieces(stream, CHUNK) if errors is not None else tag_chunks(stream):
        if bound is None:
            data_start = piece.find(b"sheetData")
            dimension = _DIMENSION.search(piece, 0, len(piece) if data_start < 0 else data_start)
            reference = (
                _REFERENCE.fullmatch(dimension.group(1).split(b":")[-1]) if dimension else None
            )
            columns, rows = 1, 1
            if reference:
                columns, rows = column_number(reference.group(1)), int(reference.group(2))
                if columns > MAX_COLUMNS or rows > MAX_ROWS or columns * rows > limit:
                    columns, rows = 1, 1
            bound = _Bound.of(columns, rows)
        if _PREFIXED_CELL.search(piece):
            return None
        position = 0
        while (match := bound.pattern.search(piece, position)) is not None:
            cell = _CELL_REF.match(piece, match.start())
            if cell is None:
                return None  # written otherwise than <c r="A1": measured exactly
            column, row = column_number(cell.group(1)), int(cell.group(2))
            _on_the_grid(column, row)
            if column <= bound.columns and row <= bound.rows:
                return None  # leading zeros, say
            bound = _Bound.of(max(column, bound.columns), max(row, bound.rows))
            if bound.columns * bound.rows > limit:
                return None
            position = match.start()
        if errors is not None:
            errors.feed(piece)
    if errors is not None:
        errors.complete = True
    if bound is None:
        return 0, 0
    return bound.rows, bound.columns


def _exact_extent(stream: IO[bytes], limit: int) -> tuple[int, int, bool]:
    """The rows and columns calamine would make of a sheet's XML: between the first and
    the last row and column of the cells that may hold a value (any cell with a ``v`` or
    ``is`` element), placing cells without a reference as calamine does (after the
    previous cell; rows after the previous row); and whether it read the whole sheet
    (it stops once past ``limit``). Raises ExpatError for XML that is not well-formed.
    One function: expat's three handlers share the position and the bounds found so far
    as closures, which is also what keeps them fast."""
    state = {"in_data": 0, "row": 0, "col": 0, "cell": 0, "valued": 0, "exceeded": 0}
    low_row = low_col = 1 << 62
    high_row = high_col = -1
    cell_at = (0, 0)

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal cell_at
        local = name.rpartition(":")[2]
        if local == "sheetData":
            state["in_data"] = 1
        elif not state["in_data"]:
            return
        elif local == "row":
            reference = attrs.get("r")
            if reference is not None and reference.isdigit() and int(reference) > 0:
                state["row"] = int(reference) - 1
        elif local == "c":
            reference = attrs.get("r")
            if reference is not None:
                match = _REFERENCE.fullmatch(reference.encode("utf-8", "replace"))
                if match is None:
                    cell_at = (-1, -1)  # calamine fails on it: nothing is allocated
                else:
                    state["col"] = column_number(match.group(1)) - 1
                    cell_at = (int(match.group(2)) - 1, state["col"])
            else:
                cell_at = (state["row"], state["col"])
            _on_the_grid(cell_at[1] + 1, cell_at[0] + 1)
            state["cell"], state["valued"] = 1, 0
        elif local in ("v", "is") and state["cell"]:
            state["valued"] = 1

    def end(name: str) -> None:
        nonlocal low_row, low_col, high_row, high_col
        local = name.rpartition(":")[2]
        if not state["in_data"]:
            return
        if local == "sheetData":
            state["in_data"] = 0
        elif local == "row":
            state["row"] += 1
            state["col"] = 0
        elif local == "c" and state["cell"]:
            state["cell"] = 0
            state["col"] += 1
            row, col = cell_at
            if state["valued"] and row >= 0:
                low_row, high_row = min(low_row, row), max(high_row, row)
                low_col, high_col = min(low_col, col), max(high_col, col)
                if (high_row - low_row + 1) * (high_col - low_col + 1) > limit:
                    state["exceeded"] = 1

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    complete = True
    chunk = stream.read(4 * CHUNK)
    while chunk:
        parser.Parse(chunk, False)
        chunk = stream.read(4 * CHUNK)
        if state["exceeded"] and chunk:
            complete = False  # past the limit, with more to read: enough is known
            break
    else:
        parser.Parse(b"", True)
    if high_row < 0:
        return 0, 0, True
    return high_row - low_row + 1, high_col - low_col + 1, complete


def xlsx_sheet_extent(
    archive: zipfile.ZipFile, part: str, limit: int, errors: ErrorCells | None = None
) -> tuple[int, int, bool]:
    """Rows and columns of a sheet's used range, or a bound of them no larger than
    ``limit`` cells: the exact ones (as calamine places cells) when the bound would be
    larger, and whether they are all (False: the measure stopped past the limit).
    ``errors``, when given, is fed the sheet on the way (complete unless the sheet had
    to be measured exactly). Raises ExpatError when the sheet's XML must be measured
    exactly and is not well-formed."""
    member = find_member(archive, part)
    if member is None:
        return 0, 0, True
    with archive.open(member) as stream:
        fast = _fast_extent(stream, limit, errors)
    if fast is not None:
        return *fast, True
    with archive.open(member) as stream:
        return _exact_extent(stream, limit)


def check_xlsx_sheet(
    path: Path, index: int, sheet: str, limits: Limits, errors: ErrorCells | None = None
) -> None:
    """Refuse sheet ``index`` of an .xlsx when it would make more than the cell limit;
    ``errors``, when given, gathers the sheet's error cells in the same pass (see
    :class:`~ltl_plan.read.errorcells.ErrorCells`)."""
    try:
        with zipfile.ZipFile(open_source(path, limits)) as archive:
            parts = xlsx_sheet_parts(archive)
            if index >= len(parts) or parts[index] is None:
                return  # calamine finds no such sheet either, and says so
            part = parts[index]
            assert part is not None
            rows, columns, complete = xlsx_sheet_extent(archive, part, limits.max_cells, errors)
    except expat.ExpatError as exc:
        raise InputError(
            f"{display_name(path)}: sheet {printable(sheet)!r} is damaged "
            f"(its XML is not well-formed: {short_reason(exc)})"
        ) from None
    except _OffTheGrid as exc:
        raise InputError(
            f"{display_name(path)}: the file is damaged and cannot be read (sheet "
            f"{printable(sheet)!r} has a cell at {exc}, beyond the 1,048,576 rows and 16,384 "
            "columns a worksheet has); export it again from the program that made it"
        ) from None
    except ZIP_ERRORS as exc:
        raise InputError(
            f"{display_name(path)}: a damaged workbook ({short_reason(exc)})"
        ) from None
    if rows * columns > limits.max_cells:
        raise too_many(path, sheet, rows, columns, limits, "uses" if complete else "uses at least")
