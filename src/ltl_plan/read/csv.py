"""CSV files read with pandas' C reader, every cell as text: UTF-8 (with or without a
byte-order mark), UTF-16 with one, or Windows-1258, separated by commas, semicolons or
tabs.

Every cell is read as the text it holds, in one pass over the whole file (``low_memory=
False``): 1M rows of 12 columns in 1.5 s and 411 MB here, against 2.4 s and 435 MB for a
plain ``pandas.read_csv`` of the same file, which also infers each column's type. (A
categorical read, ``dtype="category"``, would make a Python string per distinct text
only, but pandas then turns categories that all look like numbers into numbers: "007"
would become 7 and "1.234" visits 1.234.) Rows wider than the first 64 KiB said are
read again line by line with the csv module; both give the same cells.

**Limits before allocation.** pandas makes rows × the widest row's fields of cells, so
before it parses: no row of the first 64 KiB may have more than 16,384 fields (Excel's
columns), and the lines of the file (counted in its bytes; the rows, quote-aware, when
that says too many) times that width must stay within :attr:`Limits.max_cells
<ltl_plan.read.files.Limits>`. Rows found wider later are counted by the csv module, and
checked the same way, before any is padded to the widest.

**Encodings it refuses, saying which.** UTF-32 (with or without a byte-order mark),
UTF-16 without one, and the legacy Vietnamese TCVN3 (ABC, .VnTime fonts) and VNI
(:mod:`ltl_plan.read.legacy`). Text that is UTF-8 but for a stray byte or two is refused
with the line and byte offset of the first; other text that is not UTF-8 is read as
Windows-1258.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ltl_plan.errors import InputError
from ltl_plan.read.bounds import MAX_COLUMNS, too_many
from ltl_plan.read.files import (
    MIB,
    WORKBOOK_KINDS,
    Limits,
    Sheet,
    check_file,
    display_name,
    is_stdin,
    kind_message,
    open_source,
    short_reason,
    sniff_kind,
    stdin_bytes,
)
from ltl_plan.read.legacy import legacy_encoding

if TYPE_CHECKING:
    import pandas as pd

_EOF_IN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # where a CSV row may end
_SAVE_AS_UTF8 = "save it as CSV UTF-8"


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def wide_encoding(head: bytes) -> str | None:
    """The name of a UTF-32 or BOM-less UTF-16 encoding the first bytes are in (their
    NUL bytes fall in the high bytes of every code unit), or None."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" not in head:
        return None
    sample = head[: len(head) // 4 * 4]
    if len(sample) < 8:
        return None
    units = len(sample) // 4
    for order, high, low in (("little", 2, 1), ("big", 0, 2)):
        high_zero = sample[high::4].count(0) + sample[high + 1 :: 4].count(0)
        if high_zero == 2 * units and sample[low::4].count(0) * 2 >= units:
            return f"UTF-32 ({order}-endian, without a byte-order mark)"
    pairs = len(sample) // 2
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd * 2 >= pairs and even * 20 <= pairs:
        return "UTF-16 (little-endian) without a byte-order mark"
    if even * 2 >= pairs and odd * 20 <= pairs:
        return "UTF-16 (big-endian) without a byte-order mark"
    return None


def _text(path: Path, encoding: str, limits: Limits) -> IO[str]:
    return io.TextIOWrapper(open_source(path, limits), encoding=encoding, newline="")


def _widths(sample: str, delimiter: str) -> list[int]:
    """How many fields each row of a sample has (line by line where the CSV is broken)."""
    try:
        return [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
    except csv.Error:
        widths = []
        for line in _LINE_BREAK.split(sample):  # not str.splitlines: \x1e is no break
            try:
                widths.append(len(next(csv.reader([line], delimiter=delimiter), [])))
            except csv.Error:
                widths.append(line.count(delimiter) + 1)
        return widths


def _delimiter(sample: str) -> str:
    """The separator of a CSV sample: comma, semicolon or tab, whichever gives the most
    fields in rows of the usual width (a title row above the table has fewer)."""
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        widths = _widths(sample, delimiter)
        wide = [width for width in widths if width > 1]
        if not wide:
            continue
        modal = max(set(wide), key=lambda width: (wide.count(width), width))
        score = (wide.count(modal) * modal, modal)  # the fields in rows of the usual width
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _shape(path: Path, encoding: str, limits: Limits | None = None) -> tuple[str, int]:
    """The separator and the widest row of the first 64 KiB read as ``encoding`` (raises
    UnicodeDecodeError when it is not); InputError when that row has more fields than a
    spreadsheet has columns."""
    with _text(path, encoding, limits or Limits()) as handle:
        sample = handle.read(65536)
    delimiter = _delimiter(sample)
    widths = _widths(sample, delimiter) or [1]
    if len(sample) == 65536 and not _LINE_BREAK.search(sample):
        # The first row goes on past the sample: count it whole, or pandas would take
        # its extra fields for an index (and drop them from the cells).
        with _text(path, encoding, limits or Limits()) as handle:
            widths[0] = max(widths[0], len(next(csv.reader(handle, delimiter=delimiter), [])))
    widest = max(widths)
    if widest > MAX_COLUMNS:
        raise _too_wide(path, widths.index(widest) + 1, widest)
    return delimiter, widest


def _too_wide(path: Path, row: int, fields: int) -> InputError:
    return InputError(
        f"{display_name(path)}: row {row:,} has {fields:,} fields, more than the "
        f"{MAX_COLUMNS:,} columns a spreadsheet can have; the file is damaged or not a table"
    )


def _size(path: Path, limits: Limits) -> int:
    return len(stdin_bytes(limits)) if is_stdin(path) else path.stat().st_size


def _lines(path: Path, limits: Limits) -> int:
    """How many lines the file has, a bound of its rows (a quoted cell may hold a line
    break): line feeds and carriage returns, a CR LF counted twice (so that the bound
    holds whichever a file uses), counted with numpy (pandas has imported it)."""
    import numpy as np

    breaks = 1
    with open_source(path, limits) as handle:
        while chunk := handle.read(16 * MIB):
            data = np.frombuffer(chunk, np.uint8)
            breaks += int(np.count_nonzero(data == 10)) + int(np.count_nonzero(data == 13))
    return breaks


def _check_cells(path: Path, encoding: str, delimiter: str, width: int, limits: Limits) -> None:
    """Refuse a file whose rows times ``width`` fields exceed the cell limit: first by
    its size, then its lines, then its rows as the csv module reads them."""
    if _size(path, limits) * width <= limits.max_cells:
        return  # not even one row per byte could reach the limit
    rows = _lines(path, limits)
    if rows * width <= limits.max_cells:
        return
    try:
        with _text(path, encoding, limits) as handle:
            rows = sum(1 for _ in csv.reader(handle, delimiter=delimiter))
    except (csv.Error, UnicodeDecodeError):
        pass
    if rows * width > limits.max_cells:
        raise too_many(path, None, rows, width, limits, "has")


def _pandas(path: Path, encoding: str, delimiter: str, width: int, limits: Limits) -> pd.DataFrame:
    import pandas as pd

    source: Path | IO[bytes] = io.BytesIO(stdin_bytes(limits)) if is_stdin(path) else path
    try:
        return pd.read_csv(
            source, header=None, names=range(width), dtype=object, keep_default_na=False,
            na_filter=False, encoding=encoding, sep=delimiter, skip_blank_lines=False,
            engine="c", low_memory=False,
        )  # fmt: skip
    except pd.errors.EmptyDataError:  # blank lines only: no cell to read
        return pd.DataFrame()
    except pd.errors.ParserError as exc:
        unclosed = _EOF_IN_QUOTE.search(str(exc))
        if unclosed:
            raise InputError(
                f'{display_name(path)}: row {int(unclosed.group(1)) + 1} opens a quote (") '
                "that is never closed, so every row after it would be read as one cell; "
                "close the quote or remove it"
            ) from None
        raise


def parse_csv(
    path: Path, encoding: str, delimiter: str, width: int, limits: Limits | None = None
) -> pd.DataFrame:
    """Every cell of a CSV file as text ("" where empty), read as ``encoding`` with this
    ``delimiter``; rows wider than ``width`` are read line by line instead (after
    checking that they keep within ``limits``)."""
    import pandas as pd

    limits = limits or Limits()
    try:
        return _pandas(path, encoding, delimiter, width, limits)
    except pd.errors.ParserError:
        pass
    # Ragged rows wider than the sample's: read line by line instead.
    with _text(path, encoding, limits) as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    widest = max((len(row) for row in rows), default=1)
    if widest > MAX_COLUMNS:
        raise _too_wide(path, next(i for i, r in enumerate(rows) if len(r) == widest) + 1, widest)
    if len(rows) * widest > limits.max_cells:
        raise too_many(path, None, len(rows), widest, limits, "has")
    try:  # pandas again, as wide as the widest row: it finds a quote left open
        return _pandas(path, encoding, delimiter, widest, limits)
    except pd.errors.ParserError:
        pass
    rows = [row + [""] * (widest - len(row)) for row in rows]
    return pd.DataFrame(rows, dtype=object)


def _not_utf8(path: Path, limits: Limits) -> InputError | None:
    """Why a file that is not UTF-8 cannot be read, when it can be told: a legacy
    Vietnamese encoding, or a stray byte or two in text that is otherwise UTF-8. None
    for anything else (read as Windows-1258)."""
    with open_source(path, limits) as handle:
        data = handle.read(min(_size(path, limits), 64 * MIB))
    name = display_name(path)
    legacy = legacy_encoding(data[: 4 * MIB])
    if legacy == "TCVN3":
        return InputError(
            f"{name}: the file is in the TCVN3 (ABC) encoding, used with .VnTime fonts; "
            f"open it in Excel or UniKey's converter and {_SAVE_AS_UTF8}"
        )
    if legacy == "VNI":
        return InputError(
            f"{name}: the file is in the VNI encoding, used with VNI-Times fonts; convert "
            f"it to Unicode with UniKey's converter (VNI Windows to Unicode) and {_SAVE_AS_UTF8}"
        )
    bad: list[int] = []
    position = 0
    while len(bad) <= 10:
        try:
            data[position:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and position + exc.end >= len(data):
                break  # the sample cut a character short
            bad.append(position + exc.start)
            position += exc.end
    multibyte = sum(data.count(bytes([lead])) for lead in range(0xC2, 0xF5))
    if not bad or len(bad) > 10 or multibyte < max(3, 3 * len(bad)):
        return None
    first = bad[0]
    line = data.count(b"\n", 0, first) + 1
    more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
    return InputError(
        f"{name}: line {line:,}, byte {first:,}: 0x{data[first]:02X} is not UTF-8, although "
        f"the rest of the file is{more}; correct or delete that character, or open the "
        f"file in Excel and {_SAVE_AS_UTF8}"
    )


def read_csv(path: Path, limits: Limits) -> Iterator[Sheet]:
    """The one sheet of a CSV file, every cell as text (the same cells whichever way it
    was read)."""
    import pandas as pd

    head = check_file(path, limits)
    name = display_name(path)
    kind = sniff_kind(head)
    if kind in WORKBOOK_KINDS:
        raise InputError(f"{name}: is a workbook, not CSV text; name it .xlsx (or .xls, .ods)")
    wide = wide_encoding(head)
    if wide is not None:
        raise InputError(
            f"{name}: the text is in {wide}, which ltl-plan does not read; open it in "
            f"Excel or a text editor and {_SAVE_AS_UTF8}"
        )
    if kind != "text":
        raise InputError(kind_message(path, kind))
    encoding = _encoding(head)
    for attempt in (encoding, "cp1258"):
        try:
            delimiter, width = _shape(path, attempt, limits)
            _check_cells(path, attempt, delimiter, width, limits)
            frame = parse_csv(path, attempt, delimiter, width, limits)
            break
        except UnicodeDecodeError:
            if attempt == "cp1258":
                raise InputError(
                    f"{name}: the text encoding is not recognised; {_SAVE_AS_UTF8}"
                ) from None
            reason = _not_utf8(path, limits) if attempt == "utf-8" else None
            if reason is not None:
                raise reason from None
            continue  # not UTF-8: try Windows-1258, the Vietnamese Windows code page
        except (pd.errors.ParserError, csv.Error, ValueError) as exc:
            raise InputError(f"{name}: not a readable CSV file ({short_reason(exc)})") from None
    if frame.empty:
        return
    yield Sheet(name, None, frame, 1, 0)
