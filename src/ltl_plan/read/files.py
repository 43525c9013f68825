"""Files before they are parsed: which ones a command reads, what each one is by its
content, and whether it keeps within the size limits.

Nothing here imports pandas or judges a value: it may run while the program is still
starting. File names are taken as they are, never as patterns: ``data[1].csv`` is the
file of that name, and ``*.csv`` a file named so. Every message names a file by
:func:`display_name`: a name that is not UTF-8, or holds control characters (ESC, an
OSC sequence), is shown escaped, never raw.

**Standard input.** The file argument ``-`` (once only) is standard input, as
:data:`STDIN` (``Path("-")``). Its bytes are read whole, in binary, the first time they
are needed, and kept in memory for the run: at most ``max_bytes + 1`` bytes are read, so
a stream over the limit is refused without reading the rest. Every reader opens a file
with :func:`open_source`, which gives a ``BytesIO`` over those bytes for standard input
(zipfile, pandas and calamine's ``from_filelike`` all read from one); what it is, a
workbook or CSV text, is found from its content (:func:`sniff_kind`), and messages
call it ``<stdin>``. No temporary file is made: there is nothing to leave behind when
the process is killed, or ends with ``os._exit`` (:mod:`ltl_plan.startup`). pathlib
makes ``./-`` into ``-``: a file named ``-`` is read by its full path.
"""

from __future__ import annotations

import codecs
import html
import io
import re
import struct
import sys
import threading
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ltl_plan.errors import InputError, printable

if TYPE_CHECKING:
    import pandas as pd

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".tsv")
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES + CSV_SUFFIXES
MIB = 1024 * 1024
STDIN = Path("-")  # the file argument that means standard input
# What reading a damaged zip raises, beyond BadZipFile: a broken deflate stream, a part
# cut short, an unknown compression method, a password, a header that does not parse.
ZIP_ERRORS = (
    zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
    NotImplementedError, KeyError, struct.error,
)  # fmt: skip
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Limits:
    """How large an input may be: far above any real submission, far below a bomb."""

    max_bytes: int = 512 * MIB  # the file as stored
    max_unpacked: int = 2048 * MIB  # the parts of a zipped workbook, unpacked
    max_cells: int = 50_000_000  # rows x columns in use, of a sheet or a CSV file

    @classmethod
    def of_mib(cls, max_file_size: int, max_cells: int | None = None) -> Limits:
        """The limits of ``--max-file-size``: a zipped workbook may unpack to four times
        as much; and of ``--max-cells`` (None: the default)."""
        return cls(
            max_bytes=max_file_size * MIB,
            max_unpacked=4 * max_file_size * MIB,
            max_cells=cls.max_cells if max_cells is None else max_cells,
        )


@dataclass(frozen=True)
class Sheet:
    """The used area of one sheet: ``cells`` (blank cells are "") start at spreadsheet
    row ``first_row`` (1-based) and column ``first_column`` (0-based, 0 = A). ``file``
    is the file's :func:`display_name` (printable, JSON-safe)."""

    file: str
    name: str | None
    cells: pd.DataFrame
    first_row: int
    first_column: int


def is_stdin(path: Path) -> bool:
    """Whether ``path`` is the file argument ``-``, standard input."""
    return path == STDIN


def display_name(path: Path | str) -> str:
    """A file's name as every message shows it: ``<stdin>`` for standard input; a byte
    of a name that is not UTF-8 as ``\\xNN``; control characters (ESC, OSC, C1) and
    invisible reordering marks escaped (:func:`ltl_plan.errors.printable`). Always a
    string that prints on any terminal and encodes as UTF-8 (JSON) as it is."""
    if isinstance(path, Path) and is_stdin(path):
        return STDIN_NAME
    return printable(str(path))


def short_reason(exc: BaseException) -> str:
    """An exception's message on one line, at most 160 characters, printable."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = printable(text)
    return text if len(text) <= 160 else text[:157] + "..."


def size_text(size: int) -> str:
    """A size in bytes as a person reads it: "512 bytes", "3.4 KiB", "3.4 MiB"."""
    if size < 1024:
        return f"{size:,} bytes"
    if size % MIB == 0:
        return f"{size // MIB:,} MiB"
    if size < MIB:
        return f"{size / 1024:,.1f} KiB"
    return f"{size / MIB:,.1f} MiB"


# The kinds sniff_kind gives a workbook (a zip: .xlsx, .xlsm, .xlsb, .ods; OLE: .xls).
WORKBOOK_KINDS = ("zip", "ole")


def sniff_kind(head: bytes) -> str:
    """What a file is by its first bytes: zip, ole, html, xml-spreadsheet, binary or text."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body")):
        return "html"
    if start.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "xml-spreadsheet"
    if b"\x00" in head and not head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
    ):
        return "binary"
    return "text"


class _StandardInput:
    """Standard input's bytes, read once (at most the limit and one byte more)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data = bytearray()
        self._ended = False
        self._whole: bytes | None = None  # once it has ended: one copy, handed to every reader

    def read(self, limit: int) -> bytes:
        with self._lock:
            stream = sys.stdin.buffer if sys.stdin is not None else None
            if stream is None:
                raise InputError(f"{STDIN_NAME}: there is no standard input to read")
            if not self._data and not self._ended and stream.isatty():
                raise InputError(
                    f"{STDIN_NAME}: standard input is a terminal; pipe a file into it "
                    "(ltl-plan check - < data.xlsx)"
                )
            while not self._ended and len(self._data) <= limit:
                try:
                    chunk = stream.read(min(limit + 1 - len(self._data), 4 * MIB))
                except OSError as exc:
                    raise InputError(
                        f"{STDIN_NAME}: cannot be read ({short_reason(exc)})"
                    ) from None
                if not chunk:
                    self._ended = True
                else:
                    self._data += chunk
            if not self._ended:
                return bytes(self._data)  # over the limit: refused by the caller
            if self._whole is None:
                self._whole, self._data = bytes(self._data), bytearray()
            return self._whole


_STANDARD_INPUT = _StandardInput()


def stdin_bytes(limits: Limits) -> bytes:
    """All of standard input, refused when it is empty or larger than ``max_bytes``
    (found after reading one byte more than that, never the whole stream)."""
    data = _STANDARD_INPUT.read(limits.max_bytes)
    if not data:
        raise InputError(f"{STDIN_NAME}: standard input is empty (0 bytes)")
    if len(data) > limits.max_bytes:
        raise InputError(
            f"{STDIN_NAME}: standard input is larger than the limit of "
            f"{size_text(limits.max_bytes)} (--max-file-size); if the data is real, "
            "raise the limit"
        )
    return data


def open_source(path: Path, limits: Limits | None = None) -> BinaryIO:
    """A file opened for reading in binary: standard input's bytes for ``-``."""
    if is_stdin(path):
        return io.BytesIO(stdin_bytes(limits or Limits()))
    return path.open("rb")


def check_file(path: Path, limits: Limits) -> bytes:
    """The first bytes of a file that exists, is not too large and can be opened."""
    name = display_name(path)
    if is_stdin(path):
        return stdin_bytes(limits)[:8192]
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a folder, not a spreadsheet")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"{name}: unsupported file type {printable(path.suffix) or '(none)'!r}; "
            f"ltl-plan reads {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise InputError(
            f"{name}: cannot be read ({printable(exc.strerror or str(exc))})"
        ) from None
    if size == 0:
        raise InputError(f"{name}: the file is empty (0 bytes)")
    if size > limits.max_bytes:
        raise InputError(f"{name}: {_larger(size, limits.max_bytes)}")
    return head


def _larger(size: int, limit: int) -> str:
    """ "3.4 MiB is larger than the limit of 1 MiB", in bytes where the rounded sizes
    would read the same."""
    shown, limit_shown = size_text(size), size_text(limit)
    if any(f"{size / unit:.1f}" == f"{limit / unit:.1f}" for unit in (1024, MIB)):
        shown, limit_shown = f"{size:,} bytes", f"{limit:,} bytes"
    return (
        f"{shown} is larger than any real submission (the limit is {limit_shown}; "
        "see --max-file-size)"
    )


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a zipped workbook that is damaged, that stores one part twice, or that
    unpacks to more than the limit. A part stored twice (its name, in any case, on two
    entries) is damage no office program writes, and the cells would be counted in one
    copy while calamine reads the other."""
    name = display_name(path)
    try:
        with zipfile.ZipFile(open_source(path, limits)) as archive:
            infos = archive.infolist()
    except ZIP_ERRORS as exc:
        raise InputError(f"{name}: a damaged workbook ({short_reason(exc)})") from None
    unpacked = sum(info.file_size for info in infos)
    seen: set[str] = set()
    for info in infos:
        part = info.filename.lower()
        if part in seen:
            raise InputError(
                f"{name}: the file is damaged and cannot be read (it stores the part "
                f"{printable(info.filename)!r} twice); open it in Excel or LibreOffice and "
                "save it again"
            )
        seen.add(part)
    if unpacked > limits.max_unpacked:
        raise InputError(
            f"{name}: the workbook unpacks to {unpacked / MIB:,.0f} MiB, more than any real "
            f"submission (limit {limits.max_unpacked / MIB:,.0f} MiB; see --max-file-size); "
            "refusing to open it"
        )


def kind_message(path: Path, kind: str) -> str:
    """Why a file of this kind is not the spreadsheet its name says."""
    name, suffix = display_name(path), printable(path.suffix) or "spreadsheet"
    if kind == "html":
        return (
            f"{name}: is a web page (HTML) saved under a {suffix} name, not a workbook; "
            "open it in Excel or LibreOffice and save it as .xlsx"
        )
    if kind == "xml-spreadsheet":
        return (
            f"{name}: is an Excel 2003 XML spreadsheet, not a workbook ltl-plan reads; "
            "open it in Excel or LibreOffice and save it as .xlsx"
        )
    if kind == "binary":
        return f"{name}: is not a spreadsheet (unrecognised binary content)"
    return f"{name}: is a text file, not a {suffix} workbook; if it is CSV, name it .csv"


def expand(paths: list[Path]) -> list[Path]:
    """Files named, and the spreadsheets inside folders named (recursively, sorted;
    hidden files and Office lock files ``~$name.xlsx`` left out); a file named twice, or
    also found in a folder named, is read once. ``-`` is standard input, and may be
    named once only."""
    found: list[Path] = []
    stdin_named = False
    for path in paths:
        if is_stdin(path):
            if stdin_named:
                raise InputError(
                    f"{STDIN_NAME}: - (standard input) is named twice; it can be read once"
                )
            stdin_named = True
            found.append(STDIN)
        elif path.is_dir():
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
        resolved = path if is_stdin(path) else path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(path)
    return unique


OUTPUT_PROPERTY = "ltl-plan-output"  # the custom property ltl-plan's workbooks carry
_PROPERTY = re.compile(
    rb"<(?:[\w.-]+:)?property\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</(?:[\w.-]+:)?property\s*>",
    re.DOTALL,
)
_NAME = re.compile(rb"""\bname\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAGS = re.compile(rb"<[^>]*>")


def written_by_ltl_plan(path: Path) -> str | None:
    """The kind of output ("report", "corrections") when ``path`` is a workbook that
    ltl-plan wrote: its ``docProps/custom.xml`` has the custom property
    ``ltl-plan-output``, whose value is the kind. None otherwise, and for anything that
    is not a readable zipped workbook. Reads that one small part only."""
    try:
        with open_source(path) as handle:
            if handle.read(4) != b"PK\x03\x04":
                return None
            handle.seek(0)
            with zipfile.ZipFile(handle) as archive:
                part = next(
                    (i for i in archive.infolist() if i.filename.lower() == "docprops/custom.xml"),
                    None,
                )
                if part is None or part.file_size > MIB:
                    return None
                with archive.open(part) as stream:
                    xml = stream.read(MIB)
    except (*ZIP_ERRORS, InputError):
        return None
    for match in _PROPERTY.finditer(xml):
        named = _NAME.search(match.group(1))
        if named is None:
            continue
        key = html.unescape((named.group(1) or named.group(2) or b"").decode("utf-8", "replace"))
        if key.strip() == OUTPUT_PROPERTY:
            value = html.unescape(_TAGS.sub(b"", match.group(2)).decode("utf-8", "replace"))
            return printable(value.strip()) or None
    return None
