"""How many cells a workbook would make, found before calamine parses it.

calamine makes a sheet's cells as one block: the rows × columns between the first and
the last cell that holds a value, whatever lies between. One cell at XFD1048576 in a
2 KB file is 17 billion cells, and when Rust cannot allocate them it aborts the process
(it raises nothing Python could catch). So every sheet is measured from its bytes first,
and refused when its block would exceed :attr:`Limits.max_cells
<ltl_plan.read.files.Limits>`:

- **.xlsx, .xlsm**: the sheet's XML is streamed (never held whole) and every cell
  reference checked against a bound, by one regular-expression pass that matches only
  the cells beyond the bound or written in an unusual way (:func:`xlsx_sheet_extent`).
  The bound starts at the sheet's ``<dimension>`` and rises to the cells actually used,
  so a wrong or missing dimension costs nothing but a few steps. A sheet the pass cannot
  vouch for (cells without references, namespace prefixes, odd attribute order, or a
  bound above the limit) is measured exactly, as calamine would place its cells, with
  expat. Also the shared strings' declared ``uniqueCount``, which calamine reserves
  room for before reading any.
- **.ods**: calamine parses every table when the file is opened, expanding
  ``number-rows-repeated`` and ``number-columns-repeated``; ``content.xml`` is streamed
  and the repeats summed as calamine expands them (trailing empty rows and cells, which
  LibreOffice writes with huge repeats, are not expanded and not counted).
- **.xls**: calamine parses every sheet when the file is opened; the Workbook stream is
  taken out of the compound file and each sheet's cell records read for their rows and
  columns (BIFF8 allows 65,536 × 65,536).
- **.xlsb**: the shared strings' declared count, and each sheet's cell records (columns
  are 32-bit there).

Each function raises :class:`~ltl_plan.errors.InputError` saying which limit was hit,
the numbers, and how to raise it.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.parsers import expat

from ltl_plan.errors import InputError, printable
from ltl_plan.read.errorcells import ErrorCells, cell_pieces
from ltl_plan.read.files import (
    MIB,
    ZIP_ERRORS,
    Limits,
    display_name,
    open_source,
    short_reason,
)

CHUNK = MIB  # how much of a part is held at a time (and Python's lock, by a search)
MAX_ROWS = 1_048_576  # a worksheet's rows, in Excel
MAX_COLUMNS = 16_384  # and its columns (XFD)


def too_many(
    path: Path, sheet: str | None, rows: int, columns: int, limits: Limits, what: str = "uses"
) -> InputError:
    """The refusal of a sheet (or CSV file, ``sheet`` None) of rows × columns cells."""
    where = f"sheet {printable(sheet)!r} " if sheet is not None else ""
    return InputError(
        f"{display_name(path)}: {where}{what} {rows:,} rows × {columns:,} columns "
        f"({rows * columns:,} cells), more than the limit of {limits.max_cells:,} cells; "
        "if the file is real, raise it with --max-cells"
    )


def column_number(letters: bytes) -> int:
    """A column's number, 1-based, from its letters (either case, as calamine reads them):
    A = 1, XFD = 16,384."""
    number = 0
    for byte in letters:
        number = number * 26 + ((byte & 0xDF) - 64)
    return number


def column_letters(number: int) -> str:
    """The letters of a 1-based column number: 1 = A, 27 = AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# No tag of a real workbook is this long: one that is, is cut.
_LONGEST_TAG = 64 * CHUNK


def _parts(stream: IO[bytes], cut: bytes = b"<") -> Iterator[bytes]:
    """A stream in pieces of about :data:`CHUNK` bytes, each ending just before the last
    ``cut`` in it (so that no tag is split between pieces)."""
    carry = b""
    while chunk := stream.read(CHUNK):
        data = carry + chunk
        end = data.rfind(cut)
        if end <= 0 and (end < 0 or b">" in data or len(data) > _LONGEST_TAG):
            # No tag begins in it, or the one it begins with is whole (or no tag): kept
            # back, megabytes of padding would be copied again with every chunk.
            yield data
            carry = b""
            continue
        if end <= 0:
            carry = data
            continue
        yield data[:end]
        carry = data[end:]
    if carry:
        yield carry


def _member(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    """A part by name, ignoring case (as calamine finds it)."""
    name = name.lower()
    return next((i for i in archive.infolist() if i.filename.lower() == name), None)


# --- .xlsx and .xlsm -------------------------------------------------------------------

_ATTRIBUTE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3) or b""
        for m in _ATTRIBUTE.finditer(tag)
    }


_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_RELATIONSHIP_TAG = re.compile(rb"<(?:[\w.-]+:)?Relationship\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[str | None]:
    """The part of each sheet (None where it cannot be found), in workbook order: the
    order of calamine's sheet names, by the workbook's relationships, as calamine
    resolves them."""
    workbook = _member(archive, "xl/workbook.xml")
    rels = _member(archive, "xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None or workbook.file_size > 64 * MIB:
        return []
    targets = {}
    if rels.file_size <= 64 * MIB:
        for match in _RELATIONSHIP_TAG.finditer(archive.read(rels)):
            attrs = _attributes(match.group(1))
            if b"Id" in attrs and b"Target" in attrs:
                targets[attrs[b"Id"]] = attrs[b"Target"].decode("utf-8", "replace")
    parts: list[str | None] = []
    for match in _SHEET_TAG.finditer(archive.read(workbook)):
        attrs = _attributes(match.group(1))
        target = targets.get(attrs.get(b"r:id") or attrs.get(b"relationships:id") or b"")
        parts.append(_part_name(target))
    return parts


def _part_name(target: str | None) -> str | None:
    """A sheet's part in the archive, from its relationship's target (relative to xl/,
    or absolute); None when the relationship is missing."""
    if target is None:
        return None
    if target.startswith("/xl/"):
        return target[1:]
    return target if target.startswith("xl/") else f"xl/{target}"


_SST_TAG = re.compile(rb"<(?:[\w.-]+:)?sst\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")


def check_shared_strings(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse an .xlsx whose shared strings declare more strings than the part could
    hold (calamine reserves room for ``uniqueCount`` strings before reading one: 2**31
    of them abort the process). A declared count up to a million is let be: a writer
    that counts wrong costs a few megabytes at most."""
    part = _member(archive, "xl/sharedStrings.xml")
    if part is None:
        return
    declared = 0
    with archive.open(part) as stream:
        for piece in _parts(stream):
            if b"sst" not in piece:
                continue
            for match in _SST_TAG.finditer(piece):  # the root, or one in a comment
                value = _attributes(match.group(1)).get(b"uniqueCount", b"")
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
    for piece in cell_pieces(stream, CHUNK) if errors is not None else _parts(stream):
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
    (it stops once past ``limit``). Raises ExpatError for XML that is not well-formed."""
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
    member = _member(archive, part)
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
    except ZIP_ERRORS as exc:
        raise InputError(
            f"{display_name(path)}: a damaged workbook ({short_reason(exc)})"
        ) from None
    if rows * columns > limits.max_cells:
        raise too_many(path, sheet, rows, columns, limits, "uses" if complete else "uses at least")


# --- .ods ------------------------------------------------------------------------------

_ODS_TAG = re.compile(rb"<(/?)table:table(-row)?(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")
_ODS_CELL = re.compile(
    rb"<table:(?:covered-)?table-cell(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
)
_SPACES = re.compile(rb"""text:c\s*=\s*["']\+?([0-9]+)["']""")


def _repeats(attrs: bytes, name: bytes) -> int:
    value = _attributes(attrs).get(name)
    if value is None or not re.fullmatch(rb"\+?[0-9]+", value):
        return 1
    return int(value)


def _ods_row(cells: bytes) -> tuple[int, int, int]:
    """How many cells calamine keeps of one row, how many bytes of cell content it makes
    of them, and how many repeated spaces (``<text:s text:c="N"/>``) they hold: up to the
    row's last cell that may hold a value (an ``office:`` value attribute or a formula),
    repeats included; the empty cells after it are dropped."""
    if b"office:" not in cells and b"table:formula" not in cells:
        return 0, 0, 0
    if b"-repeated" not in cells and b"text:c" not in cells:
        count = cells.count(b"<table:table-cell") + cells.count(b"<table:covered-table-cell")
        return count, len(cells), 0
    length = pending = size = spaces = 0
    matches = list(_ODS_CELL.finditer(cells))
    for i, match in enumerate(matches):
        attrs = match.group(1)
        repeats = _repeats(attrs, b"table:number-columns-repeated")
        end = matches[i + 1].start() if i + 1 < len(matches) else len(cells)
        if b"office:" in attrs or b"table:formula" in attrs:
            length += pending + repeats
            pending = 0
            content = cells[match.start() : end]
            size += repeats * len(content)
            spaces += repeats * sum(int(m.group(1)) for m in _SPACES.finditer(content))
        else:
            pending += repeats
    return length, size, spaces


def check_ods(path: Path, limits: Limits) -> None:
    """Refuse an .ods when a table would make more than the cell limit once calamine has
    expanded its repeated rows and columns (or more text than the workbook may unpack
    to, its repeated spaces included)."""
    name = display_name(path)
    try:
        with zipfile.ZipFile(open_source(path, limits)) as archive:
            member = _member(archive, "content.xml")
            if member is None or _encrypted(archive):
                return  # calamine says what is wrong (a password)
            with archive.open(member) as stream:
                _check_ods_content(path, stream, limits)
    except ZIP_ERRORS as exc:
        raise InputError(f"{name}: a damaged workbook ({short_reason(exc)})") from None


def _encrypted(archive: zipfile.ZipFile) -> bool:
    """Whether an .ods is protected by a password (its parts encrypted)."""
    manifest = _member(archive, "META-INF/manifest.xml")
    if manifest is None or manifest.file_size > MIB:
        return False
    return b"encryption-data" in archive.read(manifest)


# A row holding values that an .ods repeats more than this many times is no list of
# institutions (each has its own id): it is a value filled down the sheet, or a file
# built to exhaust memory (12 cells repeated 1,048,576 times take 3 GB to read).
MAX_REPEATED_ROW = 100_000

_ROW_END = b"</table:table-row>"
_DOCUMENT_END = re.compile(rb"</(?:[\w.-]+:)?document-content\s*>\s*$")


@dataclass
class _Table:
    """One table of an .ods as calamine expands it, so far."""

    name: str | None = None
    rows: int = 0  # rows from the first to the last that may hold a value
    width: int = 0
    pending: int = 0  # empty rows after the last such row (kept if another follows)
    text: int = 0  # bytes of cell content, repeats included
    spaces: int = 0  # repeated spaces in the cells' text, repeats included


def _check_ods_content(path: Path, stream: IO[bytes], limits: Limits) -> None:
    table = _Table()
    buffer = bytearray()  # grown in place: a long row is not copied chunk after chunk
    # Bytes of a row that goes on past a chunk, already searched for its end: searched
    # again, a row padded with megabytes of spaces would cost time squared.
    searched = 0
    tail = b""
    while chunk := stream.read(CHUNK):
        tail = (tail + chunk)[-256:]
        buffer.extend(chunk)
        position, keep = 0, -1
        while (match := _ODS_TAG.search(buffer, position)) is not None:
            closing, is_row, attrs, empty = match.groups()
            position = match.end()
            if not is_row:
                named = None if closing else _attributes(attrs).get(b"table:name", b"")
                table = _Table(named.decode("utf-8", "replace") if named is not None else None)
                continue
            if closing:
                continue  # a row end met without its start: nothing to count
            repeats = _repeats(attrs, b"table:number-rows-repeated")
            length = size = spaces = 0
            if not empty:
                end = buffer.find(_ROW_END, max(match.end(), searched - len(_ROW_END)))
                if end < 0:
                    keep = match.start()  # the row goes on in the next chunk
                    searched = len(buffer) - keep
                    break
                searched = 0
                length, size, spaces = _ods_row(bytes(buffer[match.end() : end]))
                position = end + len(_ROW_END)
            if length:
                if repeats > MAX_REPEATED_ROW:
                    raise InputError(
                        f"{display_name(path)}: sheet {printable(table.name or '')!r} repeats "
                        f"one row of values {repeats:,} times (a value or formula filled down "
                        "the whole sheet?); delete the rows below the table and save it again"
                    )
                table.rows += (table.pending if table.width else 0) + repeats
                table.width, table.pending = max(table.width, length), 0
                table.text += size * repeats
                table.spaces += spaces * repeats
                if table.spaces > limits.max_cells:
                    raise InputError(
                        f"{display_name(path)}: sheet {printable(table.name or '')!r} repeats "
                        f"{table.spaces:,} spaces in its text, more than the limit of "
                        f"{limits.max_cells:,} cells allows; the file is damaged or built to "
                        "exhaust memory"
                    )
                if table.rows * table.width > limits.max_cells:
                    raise too_many(path, table.name, table.rows, table.width, limits)
                if table.text > limits.max_unpacked:
                    raise InputError(
                        f"{display_name(path)}: sheet {printable(table.name or '')!r} repeats "
                        f"its cells' text to {table.text // MIB:,} MiB, more than the "
                        f"workbook may unpack to ({limits.max_unpacked // MIB:,} MiB); the "
                        "file is damaged or built to exhaust memory"
                    )
            elif table.width:
                table.pending += repeats
        if keep < 0:
            # Only a tag cut by the chunk's end is kept for the next one: a whole tag
            # left here is none of the rows or tables searched for.
            keep = buffer.rfind(b"<", position)
            if keep >= 0 and buffer.find(b">", keep) >= 0:
                keep = -1
        if keep >= 0:
            del buffer[:keep]
        else:
            buffer.clear()
    if not _DOCUMENT_END.search(tail):
        # calamine loops for ever on a content.xml that is cut short.
        raise InputError(
            f"{display_name(path)}: the file is damaged and cannot be read (its content "
            "ends before the document does)"
        )


# --- .xls ------------------------------------------------------------------------------

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
# BIFF cell records: their row and column are the first two 16-bit numbers.
_CELL_RECORDS = frozenset(
    {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406, 0x0002,
     0x0003, 0x0004, 0x0005}
)  # fmt: skip
_MULTIPLE_RECORDS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first, ..., last
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_DIMENSIONS, _SST = 0x0200, 0x00FC
_U32 = 1 << 32


class _Damaged(Exception):
    """A compound file calamine would follow into a loop or a huge allocation."""


def _workbook_stream(data: bytes) -> bytes | None:
    """The Workbook (or Book) stream of an OLE compound file, found as calamine finds
    it; None when there is none (calamine says so). Raises :class:`_Damaged` where
    calamine would reserve room for more than the file holds (a count or length in the
    header or the directory beyond it) or follow a sector chain round in a loop (it
    grows a buffer until it cannot)."""
    if len(data) < 512:
        raise _Damaged("shorter than a compound file's header")
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if sector_shift not in (9, 12) or mini_shift != 6:
        return None  # calamine refuses the header itself
    size, mini_size = 1 << sector_shift, 64
    header = struct.unpack_from("<IIIIIIIII", data, 0x28)
    directory_sectors, fat_sectors, directory_start = header[:3]
    mini_fat_start, mini_fat_sectors, difat_start, difat_sectors = header[5:]
    sectors = max((len(data) - size) // size, 0) + 1
    for count, what in (
        (directory_sectors, "directory"), (fat_sectors, "allocation table"),
        (mini_fat_sectors, "mini allocation table"), (difat_sectors, "DIFAT"),
    ):  # fmt: skip
        if count > sectors:
            raise _Damaged(f"its header declares {count:,} {what} sectors in a file of {sectors:,}")
    base = 512 if size == 512 else size

    def sector(number: int) -> bytes:
        if number >= sectors or base + number * size >= len(data):
            # calamine fails on it too, often with a panic (and its message on stderr)
            raise _Damaged(f"cut short: sector {number:,} lies past the end of the file")
        return data[base + number * size : base + (number + 1) * size]

    def chain(start: int, table: list[int]) -> Iterator[int]:
        seen: set[int] = set()
        while start not in (_END_OF_CHAIN, _FREE):
            if start in seen:
                raise _Damaged("a chain of its sectors runs in a loop")
            if start >= len(table):
                raise _Damaged(f"sector {start:,} lies past the allocation table")
            seen.add(start)
            yield start
            start = table[start]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    next_difat, seen_difat = difat_start, set()
    while next_difat not in (_END_OF_CHAIN, _FREE):
        if next_difat in seen_difat:
            raise _Damaged("its DIFAT chain runs in a loop")
        seen_difat.add(next_difat)
        block = struct.unpack(f"<{size // 4}I", sector(next_difat))
        difat.extend(block[:-1])
        next_difat = block[-1]
    fat: list[int] = []
    for number in difat:
        if number not in (_FREE, _END_OF_CHAIN):
            fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))

    def stream(start: int, length: int, table: list[int], read: Callable[[int], bytes]) -> bytes:
        if length > len(data):
            raise _Damaged(f"a stream claims {length:,} bytes, more than the file holds")
        out = bytearray()
        for number in chain(start, table):
            out += read(number)
            if len(out) >= length > 0:
                break
        return bytes(out[:length] if length else out)

    directory = stream(directory_start, 0, fat, sector)
    entries = []
    for offset in range(0, len(directory) - 127, 128):
        name_length = min(struct.unpack_from("<H", directory, offset + 64)[0], 64)
        name = directory[offset : offset + name_length].decode("utf-16-le", "replace")
        start = struct.unpack_from("<I", directory, offset + 116)[0]
        if size == 512:
            length = struct.unpack_from("<I", directory, offset + 120)[0]
        else:
            length = struct.unpack_from("<Q", directory, offset + 120)[0]
        entries.append((name.split("\x00")[0], directory[offset + 66], start, length))
    if not entries:
        return None
    _, _, root_start, root_length = entries[0]
    mini_stream = stream(root_start, root_length, fat, sector)
    mini_fat: list[int] = []
    table = stream(mini_fat_start, mini_fat_sectors * size, fat, sector)
    mini_fat.extend(struct.unpack(f"<{len(table) // 4}I", table[: len(table) // 4 * 4]))
    book = next((e for e in entries if e[0].lower() == "workbook"), None)
    book = book or next((e for e in entries if e[0].lower() == "book"), None)
    if book is None:
        return None
    _, _, start, length = book
    if length >= 4096:
        return stream(start, length, fat, sector)

    def mini_sector(number: int) -> bytes:
        return mini_stream[number * mini_size : (number + 1) * mini_size]

    return stream(start, length, mini_fat, mini_sector)


def _declared(record: bytes) -> tuple[int, int]:
    """The rows and columns a DIMENSIONS record makes calamine reserve room for, worked
    out as calamine does (in 32-bit arithmetic that wraps: a first row after the last
    one asks for about four billion rows)."""
    if len(record) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", record)
    elif len(record) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", record)
    else:
        return 0, 0
    if last_row < 1 or last_col < 1:
        return 1, 1
    return (last_row - 1 - first_row + 1) % _U32, (last_col - 1 - first_col + 1) % _U32


def _xls_sheet_extents(book: bytes) -> Iterator[tuple[str, int, int, tuple[int, int]]]:
    """Each sheet's name, rows and columns (from row and column 0: a bound), from its
    cell records, where the workbook's BOUNDSHEET records say the sheet starts; and the
    largest area its DIMENSIONS records declare."""
    sheets = []
    position = 0
    biff8 = len(book) >= 6 and struct.unpack_from("<H", book, 4)[0] == 0x0600
    while position + 4 <= len(book):
        kind, length = struct.unpack_from("<HH", book, position)
        if kind == _BOUNDSHEET and length >= 8:
            start = struct.unpack_from("<I", book, position + 4)[0]
            count, at = book[position + 10], position + 11
            if not biff8:  # BIFF5: a byte string
                name = book[at : at + count].decode("cp1252", "replace")
            elif book[at] & 1:  # UTF-16
                name = book[at + 1 : at + 1 + 2 * count].decode("utf-16-le", "replace")
            else:  # one byte a character
                name = book[at + 1 : at + 1 + count].decode("latin-1")
            sheets.append((name, start))
        elif kind == _EOF and position > 0:
            break
        position += 4 + length
    for name, start in sheets:
        high_row = high_col = -1
        declared = (0, 0)
        position = start
        while position + 4 <= len(book):
            kind, length = struct.unpack_from("<HH", book, position)
            record = position + 4
            if kind in _CELL_RECORDS and length >= 4:
                row, col = struct.unpack_from("<HH", book, record)
                high_row, high_col = max(high_row, row), max(high_col, col)
            elif kind in _MULTIPLE_RECORDS and length >= 6:
                row = struct.unpack_from("<H", book, record)[0]
                last = struct.unpack_from("<H", book, record + length - 2)[0]
                high_row, high_col = max(high_row, row), max(high_col, last)
            elif kind == _DIMENSIONS:
                area = _declared(book[record : record + length])
                if area[0] * area[1] > declared[0] * declared[1]:
                    declared = area
            elif kind == _EOF:
                break
            position = record + length
        yield name, high_row + 1, high_col + 1, declared


def _shared_strings_declared(book: bytes) -> int:
    """How many strings the workbook's SST record declares (calamine reserves room for
    that many at once); 0 when it has none."""
    position = 0
    while position + 4 <= len(book):
        kind, length = struct.unpack_from("<HH", book, position)
        if kind == _SST and length >= 8:
            return int(struct.unpack_from("<i", book, position + 8)[0])
        if kind == _EOF and position > 0:
            return 0
        position += 4 + length
    return 0


def check_xls(path: Path, limits: Limits) -> None:
    """Refuse an .xls when a sheet's cells reach further than the cell limit allows
    (calamine parses every sheet when the file is opened), or when its compound file
    would lead calamine into a loop or a reservation larger than the file. A file whose
    structure is broken otherwise is left for calamine to report as damaged."""
    with open_source(path, limits) as handle:
        data = handle.read()
    try:
        book = _workbook_stream(data)
    except _Damaged as exc:
        raise InputError(
            f"{display_name(path)}: the file is damaged and cannot be read ({exc})"
        ) from None
    except (struct.error, IndexError, ValueError):
        return  # calamine says what is wrong
    if book is None:
        return
    try:
        strings = _shared_strings_declared(book)
        # Every string takes at least 3 bytes of the stream (its length and flags).
        if strings < 0 or strings > len(book) // 3:
            raise InputError(
                f"{display_name(path)}: the file is damaged and cannot be read (it declares "
                f"{strings:,} shared strings in {len(book):,} bytes)"
            )
        for sheet, rows, columns, (wide, high) in _xls_sheet_extents(book):
            if rows * columns > limits.max_cells:
                raise too_many(path, sheet, rows, columns, limits, "reaches")
            if wide * high > limits.max_cells:
                raise too_many(path, sheet, wide, high, limits, "declares")
    except (struct.error, IndexError, ValueError):
        return


# --- .xlsb -----------------------------------------------------------------------------


def _records(data: bytes, position: int = 0) -> Iterator[tuple[int, int, int]]:
    """The records of an .xlsb part: (type, start of its data, its length)."""
    end = len(data)
    while position < end:
        kind = data[position]
        position += 1
        if kind & 0x80:
            if position >= end:
                return
            kind = (kind & 0x7F) | ((data[position] & 0x7F) << 7)
            position += 1
        length = shift = 0
        for _ in range(4):
            if position >= end:
                return
            byte = data[position]
            position += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        yield kind, position, length
        position += length


_XLSB_CELLS = frozenset(range(0x0001, 0x000C))  # BrtCellBlank .. BrtFmlaError
_XLSB_ROW, _XLSB_END_DATA, _XLSB_SST = 0x0000, 0x0092, 0x009F


def check_xlsb(path: Path, limits: Limits) -> None:
    """Refuse an .xlsb whose shared strings declare more strings than the part can hold
    (calamine reserves room for them first)."""
    try:
        with zipfile.ZipFile(open_source(path, limits)) as archive:
            part = _member(archive, "xl/sharedStrings.bin")
            if part is None:
                return
            with archive.open(part) as stream:
                head = stream.read(4096)
    except ZIP_ERRORS:
        return  # calamine says what is wrong
    for kind, start, length in _records(head):
        if kind == _XLSB_SST and length >= 8:
            count = struct.unpack_from("<I", head, start + 4)[0]
            if count > max(min(part.file_size // 4, limits.max_cells), 1_000_000):
                raise InputError(
                    f"{display_name(path)}: the workbook's shared strings declare "
                    f"{count:,} strings, more than its {part.file_size:,} bytes can hold; "
                    "the file is damaged or built to exhaust memory"
                )
            return


def check_xlsb_sheet(path: Path, index: int, sheet: str, limits: Limits) -> None:
    """Refuse sheet ``index`` of an .xlsb when its cells reach further than the cell
    limit allows (rows stop at 1,048,576 in calamine; columns are 32-bit)."""
    try:
        with zipfile.ZipFile(open_source(path, limits)) as archive:
            parts = _xlsb_sheet_parts(archive)
            if index >= len(parts) or parts[index] is None:
                return
            member = _member(archive, parts[index] or "")
            if member is None:
                return
            data = archive.read(member)
    except ZIP_ERRORS:
        return
    high_row = high_col = -1
    row = 0
    for kind, start, length in _records(data):
        if kind == _XLSB_ROW and length >= 4:
            row = struct.unpack_from("<I", data, start)[0]
            if row > MAX_ROWS:
                break
        elif kind in _XLSB_CELLS and length >= 4:
            col = struct.unpack_from("<I", data, start)[0]
            high_row, high_col = max(high_row, row), max(high_col, col)
            if (high_row + 1) * (high_col + 1) > limits.max_cells:
                raise too_many(path, sheet, high_row + 1, high_col + 1, limits, "reaches")
        elif kind == _XLSB_END_DATA:
            break


def _xlsb_sheet_parts(archive: zipfile.ZipFile) -> list[str | None]:
    """The part of each sheet of an .xlsb, in workbook order (BrtBundleSh records)."""
    workbook = _member(archive, "xl/workbook.bin")
    rels = _member(archive, "xl/_rels/workbook.bin.rels")
    if workbook is None or rels is None:
        return []
    targets = {}
    for match in _RELATIONSHIP_TAG.finditer(archive.read(rels)):
        attrs = _attributes(match.group(1))
        if b"Id" in attrs and b"Target" in attrs:
            targets[attrs[b"Id"].decode("utf-8", "replace")] = attrs[b"Target"].decode(
                "utf-8", "replace"
            )
    data = archive.read(workbook)
    parts: list[str | None] = []
    for kind, start, length in _records(data):
        if kind == 0x009C and length >= 12:  # BrtBundleSh: state, id, relationship id
            count = struct.unpack_from("<I", data, start + 8)[0]
            rel = data[start + 12 : start + 12 + 2 * count].decode("utf-16-le", "replace")
            parts.append(_part_name(targets.get(rel)))
    return parts
