"""Files before they are parsed: which ones a command reads, what each one is by its
content, and whether it keeps within the size limits.

Nothing here imports pandas or judges a value: it may run while the program is still
starting. File names are taken as they are, never as patterns: ``data[1].csv`` is the
file of that name, and ``*.csv`` a file named so.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ltl_plan.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".tsv")
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES + CSV_SUFFIXES
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


def short_reason(exc: BaseException) -> str:
    """An exception's message on one line, at most 160 characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


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
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary"
    return "text"


def check_file(path: Path, limits: Limits) -> bytes:
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


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a zipped workbook that is damaged or unpacks to more than the limit."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: a damaged workbook ({short_reason(exc)})") from None
    if unpacked > limits.max_unpacked:
        raise InputError(
            f"{path}: the workbook unpacks to {unpacked / MIB:,.0f} MiB, more than any real "
            f"submission (limit {limits.max_unpacked / MIB:,.0f} MiB); refusing to open it"
        )


def kind_message(path: Path, kind: str) -> str:
    """Why a file of this kind is not the spreadsheet its name says."""
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
