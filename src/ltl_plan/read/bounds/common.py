"""What every format's measuring shares: the limits of a worksheet, the refusal of a
sheet too large, column letters, and XML read in pieces that split no tag."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ltl_plan.errors import InputError, printable
from ltl_plan.read.files import (
    MIB,
    Limits,
    display_name,
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


def column_letters(number: int) -> str:
    """The letters of a 1-based column number: 1 = A, 27 = AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# No tag of a real workbook is this long: one that is, is cut.
_LONGEST_TAG = 64 * CHUNK


def tag_chunks(stream: IO[bytes], cut: bytes = b"<") -> Iterator[bytes]:
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
