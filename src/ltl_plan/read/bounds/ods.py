"""The cells of an .ods, counted as calamine expands its repeated rows and columns."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ltl_plan.errors import InputError, printable
from ltl_plan.read.bounds.common import CHUNK, too_many
from ltl_plan.read.files import (
    MIB,
    ZIP_ERRORS,
    Limits,
    display_name,
    open_source,
    short_reason,
)
from ltl_plan.read.parts import attributes, find_member

_ODS_TAG = re.compile(rb"<(/?)table:table(-row)?(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")
_ODS_CELL = re.compile(
    rb"<table:(?:covered-)?table-cell(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
)
_SPACES = re.compile(rb"""text:c\s*=\s*["']\+?([0-9]+)["']""")


def _repeats(attrs: bytes, name: bytes) -> int:
    value = attributes(attrs).get(name)
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
            member = find_member(archive, "content.xml")
            if member is None or _encrypted(archive):
                return  # calamine says what is wrong (a password)
            with archive.open(member) as stream:
                _check_ods_content(path, stream, limits)
    except ZIP_ERRORS as exc:
        raise InputError(f"{name}: a damaged workbook ({short_reason(exc)})") from None


def _encrypted(archive: zipfile.ZipFile) -> bool:
    """Whether an .ods is protected by a password (its parts encrypted)."""
    manifest = find_member(archive, "META-INF/manifest.xml")
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
    """Stream ``content.xml`` and refuse it at the first table that passes a limit, or
    when it is cut short. One function, as one pass: the buffer, the position of a row
    cut by a chunk's end and the table so far are one state that every step reads and
    changes; split, each piece would take and give back all of it."""
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
                named = None if closing else attributes(attrs).get(b"table:name", b"")
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
