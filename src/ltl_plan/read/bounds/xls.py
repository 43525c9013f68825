"""The cells of an .xls, counted from the BIFF records of its Workbook stream; a compound
file that would lead calamine into a loop or a huge reservation."""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from pathlib import Path

from ltl_plan.errors import InputError, printable
from ltl_plan.read.bounds.common import column_letters, too_many
from ltl_plan.read.files import (
    Limits,
    display_name,
    open_source,
)

XLS_COLUMNS = 256  # columns A to IV: all a BIFF5 or BIFF8 sheet has
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
    grows a buffer until it cannot). One function, read top to bottom as the format is
    laid out (header, DIFAT, allocation table, directory, mini stream, the stream): its
    helpers are closures over the file's sector size and allocation table."""
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
            if columns > XLS_COLUMNS:
                # No program writes one (an .xls sheet ends at column IV); calamine would
                # make every cell up to it (a bit flipped in a 170 KB file: 2.7 GB).
                raise InputError(
                    f"{display_name(path)}: the file is damaged and cannot be read (sheet "
                    f"{printable(sheet)!r} has a cell in column {column_letters(columns)}, "
                    f"beyond the {XLS_COLUMNS} columns an .xls sheet has); export it again "
                    "from the program that made it"
                )
            if rows * columns > limits.max_cells:
                raise too_many(path, sheet, rows, columns, limits, "reaches")
            if wide * high > limits.max_cells:
                raise too_many(path, sheet, wide, high, limits, "declares")
    except (struct.error, IndexError, ValueError):
        return
