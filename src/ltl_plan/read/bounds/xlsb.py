"""The cells of an .xlsb sheet, counted from its records; the shared strings' declared
count."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ltl_plan.errors import InputError
from ltl_plan.read.bounds.common import MAX_ROWS, too_many
from ltl_plan.read.files import (
    ZIP_ERRORS,
    Limits,
    display_name,
    open_source,
)
from ltl_plan.read.parts import find_member, part_name, relationship_targets


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
            part = find_member(archive, "xl/sharedStrings.bin")
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
            member = find_member(archive, parts[index] or "")
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
    workbook = find_member(archive, "xl/workbook.bin")
    rels = find_member(archive, "xl/_rels/workbook.bin.rels")
    if workbook is None or rels is None:
        return []
    targets = relationship_targets(archive, rels)
    data = archive.read(workbook)
    parts: list[str | None] = []
    for kind, start, length in _records(data):
        if kind == 0x009C and length >= 12:  # BrtBundleSh: state, id, relationship id
            count = struct.unpack_from("<I", data, start + 8)[0]
            rel = data[start + 12 : start + 12 + 2 * count].decode("utf-16-le", "replace")
            parts.append(part_name(targets.get(rel)))
    return parts
