"""Reading: files in, sheets of cells out. Nothing here judges a value or finds a table.

Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) are read with calamine, whatever their name
says (a workbook is recognised by its content); CSV with polars (UTF-8) or pandas, in
UTF-8 (with or without a byte-order mark), UTF-16 or Windows-1258, separated by commas,
semicolons or tabs. Files are only ever opened for reading, and each is checked against
size limits before it is parsed, so a file built to exhaust memory is refused, not read.

pandas is imported by the functions that make tables, not by this module: the checks and
the opening of a workbook may run while the program is still starting.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ltl_plan.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".tsv")
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES + CSV_SUFFIXES
# Sheet names read before the others (compared by matching key).
PREFERRED_SHEETS = ("institutions", "don vi", "danh sach don vi", "thiet che", "danh sach")
MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How large an input may be: far above any real submission, far below a bomb."""

    max_bytes: int = 512 * MIB  # the file as stored
    max_unpacked: int = 2048 * MIB  # the parts of a zipped workbook, unpacked

    @classmethod
    def of_mib(cls, max_file_size: int) -> Limits:
        """The limits of ``--max-file-size``: a zipped workbook may unpack to four times
        as much."""
        return cls(max_bytes=max_file_size * MIB, max_unpacked=4 * max_file_size * MIB)


@dataclass(frozen=True)
class Sheet:
    """The used area of one sheet: ``cells`` (blank cells are "") start at spreadsheet
    row ``first_row`` (1-based) and column ``first_column`` (0-based, 0 = A)."""

    file: str
    name: str | None
    cells: pd.DataFrame
    first_row: int
    first_column: int


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _sniff_kind(path: Path, head: bytes) -> str:
    """What the file is by its content: zip, ole, html, xml-spreadsheet or text."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body")):
        return "html"
    if start.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "xml-spreadsheet"
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary"
    return "text"


def _check_file(path: Path, limits: Limits) -> bytes:
    """The first bytes of a file that exists, is not too large and can be opened."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a spreadsheet")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
            f"ltl-plan reads {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size == 0:
        raise InputError(f"{path}: the file is empty (0 bytes)")
    if size > limits.max_bytes:
        raise InputError(
            f"{path}: {size / MIB:,.0f} MiB is larger than any real submission "
            f"(limit {limits.max_bytes / MIB:,.0f} MiB; see --max-file-size)"
        )
    return head


def _check_zip(path: Path, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: a damaged workbook ({_short(exc)})") from None
    if unpacked > limits.max_unpacked:
        raise InputError(
            f"{path}: the workbook unpacks to {unpacked / MIB:,.0f} MiB, more than any real "
            f"submission (limit {limits.max_unpacked / MIB:,.0f} MiB); refusing to open it"
        )


def _text_kind_message(path: Path, kind: str) -> str:
    if kind == "html":
        return (
            f"{path}: is a web page (HTML) saved under a {path.suffix} name, not a workbook; "
            "open it in Excel or LibreOffice and save it as .xlsx"
        )
    if kind == "xml-spreadsheet":
        return (
            f"{path}: is an Excel 2003 XML spreadsheet, not a workbook ltl-plan reads; "
            "open it in Excel or LibreOffice and save it as .xlsx"
        )
    if kind == "binary":
        return f"{path}: is not a spreadsheet (unrecognised binary content)"
    return f"{path}: is a text file, not a {path.suffix} workbook; if it is CSV, name it .csv"


# -- workbooks -------------------------------------------------------------------------

_ERROR_CELL = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"[^>]*?t="e"[^>]*>(?:<f[^<]*(?:</f>)?)?<v>([^<]*)</v>'
)


def _letters_to_index(letters: bytes) -> int:
    index = 0
    for byte in letters:
        index = index * 26 + (byte - 64)
    return index - 1


def xlsx_error_cells(path: Path, sheet_index: int) -> dict[tuple[int, int], str]:
    """Cells of an .xlsx sheet that hold an error value (#REF!, #DIV/0!): calamine reads
    them as blank, so they are found in the sheet's XML. Keyed by 0-based (row, col)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            workbook = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels")
            ids = re.findall(rb"<(?:\w+:)?sheet\b[^>]*?r:id=\"([^\"]+)\"", workbook)
            if sheet_index >= len(ids):
                return {}
            target = re.search(
                rb'<Relationship\b[^>]*Id="'
                + re.escape(ids[sheet_index])
                + rb'"[^>]*Target="([^"]+)"',
                rels,
            ) or re.search(
                rb'<Relationship\b[^>]*Target="([^"]+)"[^>]*Id="'
                + re.escape(ids[sheet_index])
                + rb'"',
                rels,
            )
            if target is None:
                return {}
            name = target.group(1).decode().lstrip("/")
            name = name if name.startswith("xl/") else f"xl/{name}"
            if name not in names:
                return {}
            found: dict[tuple[int, int], str] = {}
            tail = b""
            with archive.open(name) as stream:
                while chunk := stream.read(4 * MIB):
                    data = tail + chunk
                    if b't="e"' in data:
                        for match in _ERROR_CELL.finditer(data):
                            row, col = int(match.group(2)) - 1, _letters_to_index(match.group(1))
                            found[(row, col)] = match.group(3).decode(errors="replace")
                    tail = data[-512:]
            return found
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return {}


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
    raises InputError saying why it cannot be read. Imports nothing heavy: it may run
    while the program is still starting (:mod:`ltl_plan.prefetch`)."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

    from ltl_plan.vocab import key

    head = _check_file(path, limits)
    kind = _sniff_kind(path, head)
    if kind not in ("zip", "ole"):
        raise InputError(_text_kind_message(path, kind))
    if kind == "zip":
        _check_zip(path, limits)
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
            raise InputError(f"{path}: not a readable workbook ({_short(exc)})") from None
    names = tuple(book.sheet_names)
    kinds = [sheet.typ for sheet in book.sheets_metadata]
    worksheets = [i for i in range(len(names)) if kinds[i] == SheetTypeEnum.WorkSheet]
    order = sorted(worksheets, key=lambda i: key(names[i]) not in PREFERRED_SHEETS)
    is_xlsx = kind == "zip" and path.suffix.lower() in (".xlsx", ".xlsm")
    return Workbook(book, names, tuple(order), is_xlsx)


def read_workbook(path: Path, limits: Limits) -> Iterator[Sheet]:
    """The worksheets of a workbook, preferred names first, read one at a time (the
    first one may have been parsed already, while the program was starting)."""
    import pandas as pd

    from ltl_plan import prefetch

    early = prefetch.take(path, limits)
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
            raise InputError(f"{path}: sheet {name!r} cannot be read ({_short(exc)})") from None
        if not rows:
            continue
        start_row, start_column = sheet.start or (0, 0)
        cells = pd.DataFrame(rows, dtype=object)
        for (row, col), value in errors.items():
            r, c = row - start_row, col - start_column
            if 0 <= r < cells.shape[0] and 0 <= c < cells.shape[1]:
                cells.iat[r, c] = value
        yield Sheet(str(path), name, cells, start_row + 1, start_column)


# -- CSV -------------------------------------------------------------------------------


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _widths(sample: str, delimiter: str) -> list[int]:
    """How many fields each row of a sample has (line by line where the CSV is broken)."""
    try:
        return [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
    except csv.Error:
        widths = []
        for line in sample.splitlines():
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


def _index_of_blank(values: list[str]) -> int:
    """Where "" stands among a column's distinct texts; appended when it is not there."""
    try:
        return values.index("")
    except ValueError:
        values.append("")
        return len(values) - 1


_LONE_CR = re.compile(rb"\r(?!\n)")


def _has_lone_carriage_return(path: Path) -> bool:
    """Whether a carriage return stands anywhere but before a line feed: pandas and the
    csv module end a row there (old Mac files), polars does not. Searched in the file
    mapped into memory (no copy): a file without one is scanned at memchr speed."""
    import mmap

    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"\r") >= 0 and _LONE_CR.search(data) is not None


@dataclass
class PolarsRead:
    """A UTF-8 CSV file being read by polars on a thread of its own (:func:`start_polars`):
    in Rust, streaming, on every core, without Python's lock, so the program can go on
    (importing pandas, say) meanwhile. ``frame`` is set when it is done, ``failed`` when
    polars could not read the file as it stands."""

    delimiter: str
    width: int
    thread: threading.Thread
    categories: list[Any]  # polars Categories: a category list of its own per column
    frame: Any = None  # polars DataFrame
    failed: bool = False


def start_polars(path: Path, delimiter: str, width: int) -> PolarsRead:
    """Start reading a UTF-8 CSV file with polars, each column cast to a categorical as
    it is read; :func:`finish_polars` waits for it. Imports polars, not pandas."""
    import polars as pl

    names = [str(i) for i in range(width)]
    # A category list of its own for each column, so that its codes count from 0.
    categories = [pl.Categories.random() for _ in names]
    query = pl.scan_csv(
        path,
        has_header=False,
        separator=delimiter,
        quote_char='"',
        encoding="utf8",
        schema=dict.fromkeys(names, pl.String),
        missing_columns="insert",
        raise_if_empty=False,
    ).select(
        pl.col(name).cast(pl.Categorical(own)) for name, own in zip(names, categories, strict=True)
    )

    def collect() -> None:
        try:
            reading.frame = query.collect(engine="streaming")
        except BaseException:  # a panic in Rust reaches Python as a BaseException
            # Whatever stopped polars, the file is read the exact way instead (pandas).
            reading.failed = True

    # A daemon thread: a program that stops early does not wait for the read to end.
    thread = threading.Thread(target=collect, name="ltl-plan-polars", daemon=True)
    reading = PolarsRead(delimiter, width, thread, categories)
    thread.start()
    return reading


def finish_polars(path: Path, reading: PolarsRead) -> pd.DataFrame | None:
    """The cells :func:`start_polars` read, as a pandas categorical column of its
    distinct texts each, so that no Python string is made per cell: the same cells as
    :func:`_read_text` gives ("" where empty). None when polars cannot read the file as
    it stands (rows wider than the sample's, text that is not UTF-8, a lone carriage
    return): the caller then reads it the exact way."""
    import pandas as pd

    # Searched for while polars reads.
    lone_return = _has_lone_carriage_return(path)
    reading.thread.join()
    if lone_return or reading.failed or reading.frame is None:
        return None
    frame = reading.frame
    columns: dict[int, pd.Categorical] = {}
    for i, own in enumerate(reading.categories):
        values = own.to_series().to_list()  # the text of each code (while the frame lives)
        if None in values:  # a code with no text: never seen, but never guess
            return None
        blank = _index_of_blank(values)  # an empty cell is null: it gets the code of ""
        codes = frame.to_series(i).to_physical().fill_null(blank).to_numpy()
        columns[i] = pd.Categorical.from_codes(codes, pd.Index(values, dtype=object))
    return pd.DataFrame(columns, index=pd.RangeIndex(frame.height))


def _shape(path: Path, encoding: str) -> tuple[str, int]:
    """The separator and the widest row of the first 64 KiB read as ``encoding`` (raises
    UnicodeDecodeError when it is not)."""
    with path.open("r", encoding=encoding, newline="") as handle:
        sample = handle.read(65536)
    delimiter = _delimiter(sample)
    return delimiter, max(_widths(sample, delimiter), default=1)


def _read_cells(path: Path, encoding: str, started: PolarsRead | None = None) -> pd.DataFrame:
    """Every cell of a CSV file as text, read as ``encoding``: coded by polars when it
    is UTF-8 and polars can read it (``started`` already, perhaps), else by pandas."""
    if started is not None:
        delimiter, width = started.delimiter, started.width
    else:
        delimiter, width = _shape(path, encoding)
    if encoding.startswith("utf-8"):
        coded = finish_polars(path, started or start_polars(path, delimiter, width))
        if coded is not None:
            return coded
    return _read_text(path, encoding, delimiter, width)


def begin_csv(path: Path, limits: Limits) -> PolarsRead | None:
    """Start reading a CSV file with polars, as :func:`read_csv` would, when it is UTF-8
    text within the limits; None for anything else (left for :func:`read_csv` to read
    or to report)."""
    head = _check_file(path, limits)
    encoding = _encoding(head)
    if _sniff_kind(path, head) != "text" or not encoding.startswith("utf-8"):
        return None
    try:
        delimiter, width = _shape(path, encoding)
    except UnicodeDecodeError:
        return None
    return start_polars(path, delimiter, width)


def _read_text(path: Path, encoding: str, delimiter: str, width: int) -> pd.DataFrame:
    """A CSV file read by pandas, every cell as text ("" where empty); rows wider than
    ``width`` are read line by line with the csv module instead."""
    import pandas as pd

    try:
        return pd.read_csv(
            path, header=None, names=range(width), dtype=object, keep_default_na=False,
            na_filter=False, encoding=encoding, sep=delimiter, skip_blank_lines=False,
            engine="c",
        )  # fmt: skip
    except pd.errors.ParserError:
        # Ragged rows wider than the sample's: read line by line instead.
        with path.open("r", encoding=encoding, newline="") as handle:
            rows = list(csv.reader(handle, delimiter=delimiter))
        widest = max((len(row) for row in rows), default=1)
        rows = [row + [""] * (widest - len(row)) for row in rows]
        return pd.DataFrame(rows, dtype=object)


def read_csv(path: Path, limits: Limits) -> Iterator[Sheet]:
    """The one sheet of a CSV file, every cell as text. UTF-8 files are read by polars,
    each column as a categorical of its distinct texts; other encodings (and files polars
    cannot read) by pandas, each cell a Python string; the cells are the same either way."""
    import pandas as pd

    from ltl_plan import prefetch

    started = prefetch.take_csv(path, limits)
    head = _check_file(path, limits)
    kind = _sniff_kind(path, head)
    if kind in ("zip", "ole"):
        raise InputError(f"{path}: is a workbook, not CSV text; name it .xlsx (or .xls, .ods)")
    if kind != "text":
        raise InputError(_text_kind_message(path, kind))
    encoding = _encoding(head)
    for attempt in (encoding, "cp1258"):
        try:
            frame = _read_cells(path, attempt, started if attempt == encoding else None)
            break
        except UnicodeDecodeError:
            if attempt == "cp1258":
                raise InputError(
                    f"{path}: the text encoding is not recognised; save it as UTF-8"
                ) from None
            continue  # not UTF-8: try Windows-1258, the Vietnamese Windows code page
        except (pd.errors.ParserError, csv.Error, ValueError) as exc:
            raise InputError(f"{path}: not a readable CSV file ({_short(exc)})") from None
    if frame.empty:
        return
    yield Sheet(str(path), None, frame, 1, 0)


def read_sheets(path: Path, limits: Limits | None = None) -> Iterator[Sheet]:
    """The sheets of one file, in the order a table is looked for in them. Raises
    InputError when the file cannot be read at all."""
    limits = limits or Limits()
    if path.suffix.lower() in CSV_SUFFIXES:
        return read_csv(path, limits)
    return read_workbook(path, limits)


def expand(paths: list[Path]) -> list[Path]:
    """Files named, and the spreadsheets inside folders named (recursively, sorted;
    hidden files and Office lock files ``~$name.xlsx`` left out); a file named twice, or
    also found in a folder named, is read once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(path)
    return unique
